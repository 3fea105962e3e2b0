using SyncHub.Protocol;

namespace SyncHub.Postman;

/// <summary>How <see cref="PostmanReader"/> reads a file.</summary>
public sealed class PostmanReadOptions
{
    /// <summary>Makes the id of each new entity; <see cref="EntityIds.New"/> by default.</summary>
    public Func<string> NewId { get; init; } = EntityIds.New;

    /// <summary>Largest entity body allowed, in UTF-8 bytes (the hub's <see cref="HubLimits.MaxBodyBytes"/>); null checks none.</summary>
    public int? MaxBodyBytes { get; init; }
}
