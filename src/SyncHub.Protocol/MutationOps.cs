namespace SyncHub.Protocol;

/// <summary>What a mutation does to its entity. Strings rather than an enum so that both hub protocols (JSON, MessagePack) carry the same value.</summary>
public static class MutationOps
{
    /// <summary>Creates a new entity; <see cref="Mutation.BaseVersion"/> must be 0.</summary>
    public const string Create = "create";

    /// <summary>Replaces the body (and parent) of an existing entity edited at <see cref="Mutation.BaseVersion"/>.</summary>
    public const string Update = "update";

    /// <summary>Deletes an existing entity edited at <see cref="Mutation.BaseVersion"/>.</summary>
    public const string Delete = "delete";

    /// <summary>Whether <paramref name="op"/> is one of the three operations.</summary>
    public static bool IsKnown(string? op) => op is Create or Update or Delete;
}
