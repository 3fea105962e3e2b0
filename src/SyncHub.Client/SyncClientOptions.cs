using Microsoft.Extensions.Logging;

namespace SyncHub.Client;

/// <summary>Settings of a <see cref="SyncClient"/>.</summary>
public sealed class SyncClientOptions
{
    /// <summary>The hub used by <see cref="SyncClient.RegisterAsync"/> and <see cref="SyncClient.SignInAsync"/>; the session remembers the one used.</summary>
    public Uri? ServerUrl { get; set; }

    /// <summary>The folder of the local store (<c>synchub.db</c>); created when missing. Several processes may open one profile.</summary>
    public required string ProfileDirectory { get; set; }

    /// <summary>How long to wait between connection attempts.</summary>
    public IReconnectPolicy ReconnectPolicy { get; set; } = new ExponentialBackoffReconnectPolicy();

    /// <summary>The clock for timestamps, backoff delays, the gap grace period and the stall timeout.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where logs go; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The longest a connection attempt (negotiate, handshake, subscribe) may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest the client waits for the answer of one hub invocation before treating it as a transient <c>timeout</c>.</summary>
    public TimeSpan InvocationTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>While connected, how long the oldest pending change may fail to drain before the state becomes <c>Error</c>/<c>outbox_stalled</c>.</summary>
    public TimeSpan OutboxStallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a pushed change that leaves a gap is held before the client pulls the missing changes.</summary>
    public TimeSpan GapGracePeriod { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The most mutations sent in one call (the hub's own limit applies too).</summary>
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>
    /// How long <see cref="SyncClient.SignOutAsync"/> waits for the outbox to reach the hub before it refuses with
    /// <c>unsent_changes</c> (or, when forced, saves what is left to a file).
    /// </summary>
    public TimeSpan SignOutFlushTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
