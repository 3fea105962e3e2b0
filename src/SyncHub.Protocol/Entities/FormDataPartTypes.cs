namespace SyncHub.Protocol.Entities;

/// <summary>Values of <see cref="FormDataPart.Type"/>.</summary>
public static class FormDataPartTypes
{
    /// <summary>A text value.</summary>
    public const string Text = "text";
    /// <summary>A file.</summary>
    public const string File = "file";

    /// <summary>Every type.</summary>
    public static IReadOnlyList<string> All { get; } = [Text, File];
}
