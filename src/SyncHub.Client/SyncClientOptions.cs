using Microsoft.Extensions.Logging;

namespace SyncHub.Client;

/// <summary>Settings of a <see cref="SyncClient"/>.</summary>
public sealed class SyncClientOptions
{
    /// <summary>
    /// The single-hub shorthand of <see cref="ServerUrls"/>: reading gives its first URL (null when empty), setting
    /// replaces the list with this one URL (or empties it with null).
    /// </summary>
    public Uri? ServerUrl
    {
        get => ServerUrls.Count > 0 ? ServerUrls[0] : null;
        set => ServerUrls = value is null ? [] : [value];
    }

    /// <summary>
    /// The hub nodes (base URLs such as <c>https://hub-1.example.com/</c>) of one SyncHub deployment, which share their
    /// data (several nodes on one Redis), in order of preference. <see cref="SyncClient.RegisterAsync"/> and
    /// <see cref="SyncClient.SignInAsync"/> use the first one that can be reached, moving to the next only when a node
    /// cannot be reached or answers 502/503/504 (never on an answer such as a wrong password, and never on a timeout,
    /// after which the first node may have acted). The session remembers the whole list, so a profile opened later
    /// needs none. The running engine moves round-robin to the next node when a connection attempt fails or an open
    /// connection drops, and catches up there from its cursors; see <see cref="SyncClient.ConnectedUrl"/>.
    /// Empty when unset; a signed-in profile then uses the list its session remembers. Each must be an absolute
    /// http:// or https:// URL (checked by <see cref="SyncClient.OpenAsync"/>).
    /// </summary>
    public IList<Uri> ServerUrls { get; set; } = [];

    /// <summary>The folder of the local store (<c>synchub.db</c>); created when missing. Several processes may open one profile.</summary>
    public required string ProfileDirectory { get; set; }

    /// <summary>
    /// How long to wait between rounds of connection attempts. With several <see cref="ServerUrls"/>, a round tries each
    /// node once, back to back: a dead node must not hold the device away from a live one. The delay comes before each
    /// round, including the first one after an open connection dropped, so the devices of a node that died spread out
    /// over the others instead of arriving at once. <see cref="ReconnectContext.PreviousRetryCount"/> counts rounds; with
    /// one URL a round is one attempt.
    /// </summary>
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

    /// <summary>
    /// While connected, how long the client goes without a push or an answer from the hub before it asks for the changes
    /// after its cursors anyway. A change whose push was lost with no later change behind it (the hubs' Redis backplane
    /// was down when it was published) shows no gap, and arrives then at the latest. <see cref="TimeSpan.Zero"/> turns it off.
    /// </summary>
    public TimeSpan QuietCatchUpInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The most mutations sent in one call (the hub's own limit applies too).</summary>
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>
    /// How long <see cref="SyncClient.SignOutAsync"/> waits for the outbox to reach the hub before it refuses with
    /// <c>unsent_changes</c> (or, when forced, saves what is left to a file).
    /// </summary>
    public TimeSpan SignOutFlushTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
