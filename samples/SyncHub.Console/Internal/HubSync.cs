using SyncHub.Client;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>Runs or watches the engine until the profile is in sync, something fails, or time runs out.</summary>
internal static class HubSync
{
    /// <summary>Starts the engine, waits for it to settle, stops it. For one-shot commands.</summary>
    /// <param name="stopAtFirstFailure">Give up as soon as a connection attempt fails instead of retrying until the timeout.</param>
    public static async Task<SyncOutcome> RunAsync(SyncClient client, TimeSpan timeout, bool stopAtFirstFailure, CancellationToken cancellationToken)
    {
        try
        {
            return await WaitAsync(client, timeout, stopAtFirstFailure, client.StartAsync, cancellationToken);
        }
        finally
        {
            await StopAsync(client);
        }
    }

    /// <summary>Starts the engine and waits for it to settle, leaving it running; the caller stops it.</summary>
    public static Task<SyncOutcome> StartAndWaitAsync(SyncClient client, TimeSpan timeout, bool stopAtFirstFailure, CancellationToken cancellationToken) =>
        WaitAsync(client, timeout, stopAtFirstFailure, client.StartAsync, cancellationToken);

    /// <summary>Stops a one-shot command's engine, without letting a stop that hangs keep the process alive.</summary>
    public static async Task StopAsync(SyncClient client)
    {
        using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await client.StopAsync(stopTimeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The process ends right after.
        }
    }

    /// <summary>Waits for an engine that already runs (the shell's) to settle.</summary>
    public static Task<SyncOutcome> WaitAsync(SyncClient client, TimeSpan timeout, bool stopAtFirstFailure, CancellationToken cancellationToken) =>
        WaitAsync(client, timeout, stopAtFirstFailure, start: null, cancellationToken);

    private static async Task<SyncOutcome> WaitAsync(SyncClient client, TimeSpan timeout, bool stopAtFirstFailure, Func<CancellationToken, Task>? start, CancellationToken cancellationToken)
    {
        var settled = new TaskCompletionSource<SyncStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnStatusChanged(object? sender, SyncStatusChangedEventArgs e)
        {
            if (IsSettled(e.Current, stopAtFirstFailure)) settled.TrySetResult(e.Current);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        // Subscribed before starting, so that a failure raised while the engine starts is not missed.
        client.StatusChanged += OnStatusChanged;
        try
        {
            if (start is not null) await start(deadline.Token);
            var now = client.Status;
            if (IsSettled(now, stopAtFirstFailure)) settled.TrySetResult(now);
            var status = await settled.Task.WaitAsync(deadline.Token);
            return new SyncOutcome(status, IsInSync(status), TimedOut: false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SyncOutcome(client.Status, InSync: false, TimedOut: true);
        }
        finally
        {
            client.StatusChanged -= OnStatusChanged;
        }
    }

    public static bool IsInSync(SyncStatus status) =>
        status is { State: SyncState.Online, Activity: SyncActivity.InSync, PendingChanges: 0 };

    private static bool IsSettled(SyncStatus status, bool stopAtFirstFailure) =>
        IsInSync(status)
        || status.State == SyncState.Error
        // Signed out from another device, or the sign-in expired: the engine has stopped and wiped the account's data.
        || status.ErrorCode == Protocol.ErrorCodes.SignedOut
        || status is { State: SyncState.Offline, ErrorCode: Protocol.ErrorCodes.Unauthorized }
        || (stopAtFirstFailure && status.State != SyncState.Online && status.ErrorCode is not null);
}
