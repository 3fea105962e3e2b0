namespace SyncHub.Protocol.Http;

/// <summary>The answer of <c>POST /api/workspaces/{id}/import</c>: what the file was and what it created.</summary>
public sealed class ImportResult
{
    /// <summary>The workspace imported into.</summary>
    public string WorkspaceId { get; set; } = string.Empty;

    /// <summary>The kind of file, as the hub recognised it from its content (e.g. <c>CollectionV21</c>, <c>Environment</c>, <c>DataDump</c>).</summary>
    public string Format { get; set; } = string.Empty;

    /// <summary>How many entities were created (every folder, request, response, variable, ...).</summary>
    public int Created { get; set; }

    /// <summary>The top-level entities created, in file order.</summary>
    public ImportedRoot[] Roots { get; set; } = [];

    /// <summary>The workspace's seq after the import: a device at this cursor holds all of it.</summary>
    public long HeadSeq { get; set; }
}
