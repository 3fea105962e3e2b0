using System.Text.Json.Nodes;

namespace SyncHub.Postman.Internal;

/// <summary>
/// A group of Postman keys consumed into typed fields. The reader keeps the original group as form memory only when the
/// canonical form written back from the typed value differs from it; <see cref="Strip"/> and <see cref="Fill"/> let a
/// member keep a smaller memory (without what the typed value already holds).
/// </summary>
internal sealed class FieldMap(string[] keys, string[] typedKeys, ReadFields read, WriteFields write) : MemberMap
{
    public override IReadOnlyList<string> Keys => keys;

    /// <summary>The typed fields the group makes: an edit of any of them makes the writer drop the form memory.</summary>
    public IReadOnlyList<string> TypedKeys => typedKeys;

    public ReadFields Read => read;

    public WriteFields Write => write;

    /// <summary>Makes a smaller memory from the original group; <see cref="Fill"/> must turn it back into the original.</summary>
    public Func<JsonObject, JsonObject>? Strip { get; init; }

    /// <summary>Puts back into a stripped memory what the typed value holds.</summary>
    public Func<JsonObject, JsonObject, JsonObject>? Fill { get; init; }
}
