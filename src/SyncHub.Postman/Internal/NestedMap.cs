using System.Text.Json.Nodes;

namespace SyncHub.Postman.Internal;

/// <summary>
/// A Postman member that is an object of its own (a collection's <c>info</c>, an item's <c>request</c>, a response's
/// <c>originalRequest</c>). Its members are read into the parent's typed fields (<see cref="TypedKey"/> null) or into one
/// typed object, and what is left of it is kept in a residual object of the same name.
/// </summary>
internal sealed class NestedMap(string key, string? typedKey, ObjectShape shape) : MemberMap
{
    private readonly string[] _keys = [key];

    public override IReadOnlyList<string> Keys => _keys;

    public string Key => key;

    public string? TypedKey => typedKey;

    public ObjectShape Shape => shape;

    /// <summary>Whether the member must be there.</summary>
    public bool Required { get; init; }

    /// <summary>Reads a value that is not an object (an item's <c>request</c> given as a URL string); null refuses any.</summary>
    public ReadOther? ReadOther { get; init; }
}
