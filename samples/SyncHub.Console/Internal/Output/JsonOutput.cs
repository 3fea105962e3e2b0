using System.Text.Json;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>How --json output is written.</summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true };
}
