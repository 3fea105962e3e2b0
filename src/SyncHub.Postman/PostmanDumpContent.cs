namespace SyncHub.Postman;

/// <summary>What a data dump written by <see cref="PostmanWriter.WriteDump"/> holds.</summary>
[Flags]
public enum PostmanDumpContent
{
    /// <summary>The collections, with their folders, requests and saved responses.</summary>
    Collections = 1,

    /// <summary>The environments with their variables, the global variables and the header presets.</summary>
    Environments = 2,

    /// <summary>Everything.</summary>
    All = Collections | Environments,
}
