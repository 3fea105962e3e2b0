namespace SyncHub.Postman;

/// <summary>What <see cref="PostmanReader"/> read from one file: new entities, parents always before their children.</summary>
public sealed class PostmanImport
{
    /// <summary>Creates an import result.</summary>
    public PostmanImport(PostmanFileKind kind, IReadOnlyList<PostmanEntity> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        Kind = kind;
        Entities = entities;
    }

    /// <summary>The kind of file it was.</summary>
    public PostmanFileKind Kind { get; }

    /// <summary>The entities, each with a new id; a parent always comes before its children, siblings in file order.</summary>
    public IReadOnlyList<PostmanEntity> Entities { get; }

    /// <summary>The entities that are roots (no parent): collections, environments, global variables, header presets.</summary>
    public IEnumerable<PostmanEntity> Roots => Entities.Where(e => e.ParentId is null);
}
