namespace SyncHub.Protocol.Entities;

/// <summary>Values of <see cref="VariableEntityBody.Type"/>.</summary>
public static class VariableTypes
{
    /// <summary>A value shown as it is.</summary>
    public const string Default = "default";
    /// <summary>A value masked on screen.</summary>
    public const string Secret = "secret";

    /// <summary>Every type.</summary>
    public static IReadOnlyList<string> All { get; } = [Default, Secret];
}
