using SyncHub.Client.Internal;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;

namespace SyncHub.Client;

public sealed partial class SyncClient
{
    /// <summary>
    /// Creates an account on the first reachable hub node of <see cref="SyncClientOptions.ServerUrls"/> (the next one is
    /// tried only when a node cannot be reached or is unavailable). Does not sign in.
    /// </summary>
    /// <exception cref="SyncException"><c>account_exists</c>, <c>weak_password</c>, <c>invalid_request</c>, <c>unreachable</c> (every node), ...</exception>
    public async Task<AccountCreated> RegisterAsync(string username, string email, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        var request = new RegisterAccountRequest(username, email, password);
        var (created, _) = await HubNodes.FirstReachableAsync(RequireServerUrls(), null, "Registration",
            node => _accounts.RegisterAsync(node, request, cancellationToken), _logger).ConfigureAwait(false);
        return created;
    }

    /// <summary>
    /// Signs this profile in on the first reachable hub node of <see cref="SyncClientOptions.ServerUrls"/> (the next one is
    /// tried only when a node cannot be reached or is unavailable, never after an answer such as a wrong password) and
    /// stores the session (token and the whole list of nodes included) in the local store. A running engine reconnects with the new session (also out of an <c>unauthorized</c> error). A fresh
    /// or wiped profile restores the whole workspace from the hub (a snapshot, then live changes) once started.
    /// </summary>
    /// <param name="login">The username or the email.</param>
    /// <param name="password">The password; never stored nor logged.</param>
    /// <param name="deviceName">The name other devices see; the hub picks one when null.</param>
    /// <param name="replaceDeviceId">
    /// When the account is at its device limit: the device to sign out in the same step (one of
    /// <see cref="DeviceLimitException.Devices"/>).
    /// </param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="DeviceLimitException">
    /// <c>device_limit</c>: the account has the maximum of devices signed in; <see cref="Status"/> becomes
    /// <see cref="SyncState.Error"/> with that code and a message naming them.
    /// </exception>
    /// <exception cref="SyncException"><c>invalid_credentials</c>, <c>rate_limited</c>, <c>unreachable</c>, ...</exception>
    public async Task<SyncSession> SignInAsync(string login, string password, string? deviceName = null, string? replaceDeviceId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(login);
        ArgumentNullException.ThrowIfNull(password);
        var nodes = RequireServerUrls();
        var request = new SignInRequest(login, password, deviceName, replaceDeviceId);
        SessionCreated created;
        Uri server;
        try
        {
            (created, server) = await HubNodes.FirstReachableAsync(nodes, null, "Sign-in",
                node => _accounts.SignInAsync(node, request, cancellationToken), _logger).ConfigureAwait(false);
        }
        catch (DeviceLimitException ex)
        {
            SyncClientLog.DeviceLimitReached(_logger, ex.MaxDevices, ex.Devices.Count);
            _status.Transition(new StatusChange(SyncState.Error, ErrorCode: ErrorCodes.DeviceLimit, ErrorMessage: ex.Message));
            throw;
        }
        var session = new StoredSession(server, created.AccountId, created.WorkspaceId, created.DeviceId, login, created.Token,
            created.ExpiresAt, _options.TimeProvider.GetUtcNow()) { ServerUrls = nodes };
        _store.SaveSession(session);
        _session = session;
        SyncClientLog.SignedIn(_logger, login, created.AccountId, created.DeviceId);
        if (_engine is { } engine)
        {
            // Leave an unauthorized error at once: the engine reconnects with the new session.
            _status.Transition(new StatusChange(SyncState.Connecting));
            engine.Post(new EngineSignal.SessionChanged());
        }
        else
        {
            _status.Transition(new StatusChange(SyncState.Offline));
        }
        return session.ToPublic();
    }

    /// <summary>
    /// Signs this device out. First sends what is still in the outbox (starting the engine for it when stopped), for at
    /// most <see cref="SyncClientOptions.SignOutFlushTimeout"/>. If changes remain, refuses with <c>unsent_changes</c>
    /// (saying how many) unless <paramref name="force"/>, which saves them (with the workspace's conflicts and failed
    /// changes) to <c>unsent-&lt;UTC time&gt;.json</c> in the profile directory. Then revokes the token on the hub (best
    /// effort when it cannot be reached) and removes the session and this account's synced entities, cursor, outbox,
    /// conflicts and failed changes from the local store. The state is <see cref="SyncState.Offline"/> after.
    /// </summary>
    /// <returns>How many changes were not sent and the file they were saved to (null when none).</returns>
    /// <exception cref="SyncException"><c>unsent_changes</c> when changes could not be sent and <paramref name="force"/> is false; nothing is removed then.</exception>
    public async Task<SignOutResult> SignOutAsync(bool force = false, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var session = _store.LoadSession();
        if (session is null)
        {
            await StopAsync(cancellationToken).ConfigureAwait(false);
            _session = null;
            return LastRemoteSignOut ?? new SignOutResult(0, null);
        }

        var wasRunning = _engine is not null;
        if (_store.GetTotalCounts().Pending > 0)
            await FlushForSignOutAsync(cancellationToken).ConfigureAwait(false);
        await StopAsync(cancellationToken).ConfigureAwait(false);

        if (_store.LoadSession() is null)
        {
            // Signed out from elsewhere while flushing: the engine already saved what was left and wiped.
            _session = null;
            return LastRemoteSignOut ?? new SignOutResult(0, null);
        }

        var counts = _store.GetTotalCounts();
        if (counts.Pending > 0 && !force)
        {
            if (wasRunning) await StartAsync(cancellationToken).ConfigureAwait(false);
            throw new SyncException(ErrorCodes.UnsentChanges,
                $"{counts.Pending} change(s) could not be sent to the hub within {_options.SignOutFlushTimeout.TotalSeconds:0.#} s and would be lost. "
                + $"Sign out again when the hub can be reached, or force it to save them to a file in {_options.ProfileDirectory}.");
        }

        string? savedTo = null;
        if (counts.Pending + counts.Conflicts + counts.Failed > 0)
        {
            savedTo = UnsentChangesFile.Write(_options.ProfileDirectory, _store, session, "signed out with unsent changes", _options.TimeProvider.GetUtcNow());
            SyncClientLog.UnsentChangesSaved(_logger, counts.Pending, savedTo);
        }

        try
        {
            await OnAnyNodeAsync(session, "Sign-out", node => _accounts.RevokeCurrentAsync(node, session.Token, cancellationToken)).ConfigureAwait(false);
        }
        catch (SyncException ex)
        {
            // The hub cannot be reached (or refuses): the local sign-out goes ahead; the token expires on its own.
            SyncClientLog.RevokeFailed(_logger, ex.Code);
        }

        _store.DeleteSessionAndData();
        _session = null;
        _devices = [];
        SyncClientLog.SignedOut(_logger, session.WorkspaceId);
        _status.Transition(new StatusChange(SyncState.Offline));
        return new SignOutResult(counts.Pending, savedTo);
    }

    /// <summary>Gives the engine (started for the purpose when stopped) up to the sign-out timeout to empty the outbox.</summary>
    private async Task FlushForSignOutAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(SyncStatus status)
        {
            if (status.PendingChanges == 0
                || (status.State is SyncState.Error or SyncState.Offline && status.ErrorCode is ErrorCodes.Unauthorized or ErrorCodes.SignedOut))
                done.TrySetResult();
        }
        void OnChanged(object? sender, SyncStatusChangedEventArgs e) => Check(e.Current);

        StatusChanged += OnChanged;
        try
        {
            if (_engine is null) await StartAsync(cancellationToken).ConfigureAwait(false);
            Check(Status);
            await done.Task.WaitAsync(_options.SignOutFlushTimeout, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // What is left is counted by the caller.
        }
        finally
        {
            StatusChanged -= OnChanged;
        }
    }

    /// <summary>The nodes to sign in on: the options' list, else the one the session remembers.</summary>
    private IReadOnlyList<Uri> RequireServerUrls()
    {
        IReadOnlyList<Uri> nodes = [.. _options.ServerUrls.Where(u => u is not null).Distinct()];
        if (nodes.Count == 0 && _session is { } session) nodes = session.ServerUrls;
        if (nodes.Count == 0)
            throw new SyncException(ErrorCodes.InvalidRequest, "No hub address: set SyncClientOptions.ServerUrls (or ServerUrl).");
        return nodes;
    }

    /// <summary>
    /// A call for the signed-in session on its hub nodes: the one the engine is connected through first (else the one
    /// signed in through), then the others while a node is down.
    /// </summary>
    private async Task<T> OnAnyNodeAsync<T>(StoredSession session, string operation, Func<Uri, Task<T>> call)
    {
        var (result, _) = await HubNodes.FirstReachableAsync(session.ServerUrls, ConnectedUrl ?? session.ServerUrl, operation, call, _logger)
            .ConfigureAwait(false);
        return result;
    }

    private async Task OnAnyNodeAsync(StoredSession session, string operation, Func<Uri, Task> call) =>
        await OnAnyNodeAsync(session, operation, async node =>
        {
            await call(node).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
}
