using MessagePack;

namespace SyncHub.Protocol;

/// <summary>Limits the hub enforces, told to each device so that it can keep within them.</summary>
[MessagePackObject]
public sealed class HubLimits
{
    /// <summary>Largest body of one entity, in UTF-8 bytes.</summary>
    [Key("maxBodyBytes")] public int MaxBodyBytes { get; set; }

    /// <summary>Most mutations in one <see cref="HubMethods.Mutate"/> call.</summary>
    [Key("maxBatchSize")] public int MaxBatchSize { get; set; }

    /// <summary>Largest hub message the hub reads; a larger one closes the connection.</summary>
    [Key("maxMessageBytes")] public long MaxMessageBytes { get; set; }

    /// <summary>Most changes in one <see cref="ChangePage"/>.</summary>
    [Key("maxPageSize")] public int MaxPageSize { get; set; }
}
