using Microsoft.AspNetCore.SignalR.Client;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;

namespace SyncHub.Client.Internal;

/// <summary>The session's life on the engine loop: renewal, a token the hub refuses, and sign-out requested from elsewhere.</summary>
internal sealed partial class SyncEngine
{
    private static readonly TimeSpan MinRenewRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRenewRetryDelay = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan AcknowledgeTimeout = TimeSpan.FromSeconds(2);

    private SignOutRequest? _signOutRequest;
    private DateTimeOffset? _renewRetryAt;
    private IReadOnlyList<DeviceInfo> _knownDevices = [];

    /// <summary>When the token should be renewed next (half its lifetime, or a retry after a failed renewal); null never.</summary>
    private DateTimeOffset? RenewDeadline =>
        _session?.RenewAt is not { } at ? null : _renewRetryAt is { } retry && retry > at ? retry : at;

    /// <summary>
    /// Renews the token once half its lifetime has passed (POST /api/sessions/current/renew) and stores the new one; no
    /// visible state change. A hub that cannot be reached is asked again later; a refused token throws <c>unauthorized</c>.
    /// </summary>
    private async Task RenewIfDueAsync(CancellationToken ct)
    {
        if (RenewDeadline is not { } due || _time.GetUtcNow() < due) return;
        var session = _session;
        SessionCreated created;
        try
        {
            created = await _accounts.RenewAsync(CurrentNode, session.Token, ct).ConfigureAwait(false);
        }
        catch (SyncException ex) when (ex.Code != ErrorCodes.Unauthorized)
        {
            var now = _time.GetUtcNow();
            var left = session.ExpiresAt is { } expires ? expires - now : MaxRenewRetryDelay;
            var delay = TimeSpan.FromTicks(Math.Clamp(left.Ticks / 4, MinRenewRetryDelay.Ticks, MaxRenewRetryDelay.Ticks));
            _renewRetryAt = now + delay;
            SyncClientLog.RenewFailed(_logger, ex.Code, now + delay);
            return;
        }

        var issued = _time.GetUtcNow();
        _renewRetryAt = null;
        if (!_store.ReplaceToken(session.DeviceId, session.Token, created.Token, created.ExpiresAt, issued))
        {
            // Another process sharing the profile renewed or signed out meanwhile: what is stored wins.
            if (_store.LoadSession() is { } stored && stored.DeviceId == session.DeviceId)
            {
                _session = stored;
                _callbacks.SessionRenewed(stored);
            }
            return;
        }
        _session = session with { Token = created.Token, ExpiresAt = created.ExpiresAt, IssuedAt = issued };
        _callbacks.SessionRenewed(_session);
        SyncClientLog.SessionRenewed(_logger, created.ExpiresAt);
    }

    /// <summary>
    /// The hub refused the token (or closed the connection after a sign-out request). Asks the hub why
    /// (GET /api/sessions/current): revoked or expired signs this device out locally, saving unsent changes to a file;
    /// anything else is an <c>unauthorized</c> error that keeps the local data until the person signs in again.
    /// </summary>
    /// <returns>True when handled (the loop goes on at once); false when it looks transient (the loop retries after a delay).</returns>
    private async Task<bool> HandleRefusedTokenAsync(StoredSession session, Exception refusal, CancellationToken ct)
    {
        // Another process sharing this profile may have renewed the token or signed in again: use what is stored.
        var stored = _store.LoadSession();
        if (stored is null || stored.Token != session.Token || stored.DeviceId != session.DeviceId) return true;

        SessionState state;
        try
        {
            state = await _accounts.GetSessionStateAsync(CurrentNode, session.Token, ct).ConfigureAwait(false);
        }
        catch (SyncException ex) when (ex.Code is ErrorCodes.Unreachable or ErrorCodes.Timeout)
        {
            return false;
        }
        SyncClientLog.TokenRefused(_logger, state.Status);

        switch (state.Status)
        {
            case SessionStatuses.Active:
                // The hub says the token works: a passing refusal (or the hub has not revoked yet). Retry.
                return false;

            case SessionStatuses.Revoked:
                SignOutLocally(session, ErrorCodes.SignedOut, RevokedMessage(state));
                break;

            case SessionStatuses.Expired:
                SignOutLocally(session, ErrorCodes.Unauthorized,
                    "Your sign-in expired: this device was not used for longer than the hub keeps a sign-in. Sign in again.");
                break;

            default:
                SyncClientLog.Unauthorized(_logger);
                var message = refusal is SyncException { Code: ErrorCodes.Unauthorized } ? refusal.Message
                    : "The hub refused this device's sign-in (it expired, was revoked, or the account is gone). Sign in again.";
                _status.Transition(new StatusChange(SyncState.Error, ErrorCode: ErrorCodes.Unauthorized, ErrorMessage: message));
                _status.Transition(new StatusChange(SyncState.Offline, ErrorCode: ErrorCodes.Unauthorized, ErrorMessage: message));
                break;
        }
        _signOutRequest = null;
        await WaitForSessionAsync(ct).ConfigureAwait(false);
        return true;
    }

    private string RevokedMessage(SessionState state)
    {
        // The hub's message names the device that did it; a device that was stopped meanwhile knows no names itself.
        var by = _signOutRequest?.RequestedByName is { Length: > 0 } name ? name
            : state.RevokedBy is { } id ? _knownDevices.FirstOrDefault(d => d.DeviceId == id)?.Name
            : null;
        if (by is { Length: > 0 }) return $"This device was signed out from '{by}'.";
        return state.Message is { Length: > 0 } hubMessage ? hubMessage : "This device was signed out.";
    }

    /// <summary>
    /// The hub no longer accepts this device: saves what could not be sent (outbox, conflicts, failed) to a JSON file in
    /// the profile directory, removes the session and the workspace's local data, and shows Error then Offline with
    /// <paramref name="code"/> and a message that says why and where the file is.
    /// </summary>
    private void SignOutLocally(StoredSession session, string code, string message)
    {
        var counts = _store.GetTotalCounts();
        string? savedTo = null;
        if (counts.Pending + counts.Conflicts + counts.Failed > 0)
        {
            savedTo = UnsentChangesFile.Write(_options.ProfileDirectory, _store, session, message, _time.GetUtcNow());
            SyncClientLog.UnsentChangesSaved(_logger, counts.Pending, savedTo);
            message += counts.Pending > 0
                ? $" {counts.Pending} unsent change(s) were saved to {savedTo}."
                : $" Unresolved conflicts and failed changes were saved to {savedTo}.";
        }
        _store.DeleteSessionAndData();
        SyncClientLog.SignedOutRemotely(_logger, code, session.WorkspaceId);
        _callbacks.SignedOut(new SignOutResult(counts.Pending, savedTo));
        _knownDevices = [];
        _entitiesChanged(session.WorkspaceId, [], true);
        _status.Transition(new StatusChange(SyncState.Error, ErrorCode: code, ErrorMessage: message));
        _status.Transition(new StatusChange(SyncState.Offline, ErrorCode: code, ErrorMessage: message));
    }

    /// <summary>
    /// Another device asked the hub to sign this one out: send the outbox within the hub's grace period, acknowledge,
    /// and wait for the hub to close the connection (then <see cref="HandleRefusedTokenAsync"/> wipes).
    /// </summary>
    private async Task HandleSignOutRequestAsync(HubConnection connection, SignOutRequest request, CancellationToken ct)
    {
        _signOutRequest = request;
        var grace = TimeSpan.FromMilliseconds(Math.Max(0, request.GraceMilliseconds));
        // Leave a fifth of the grace for the acknowledgement to travel.
        var deadline = _time.GetUtcNow() + grace * 0.8;
        SyncClientLog.SignOutRequested(_logger, request.RequestedBy, _store.GetTotalCounts().Pending, grace);
        while (_store.GetTotalCounts().Pending > 0)
        {
            var now = _time.GetUtcNow();
            if (now >= deadline) break;
            if (now < _flushRetryAt)
            {
                var until = _flushRetryAt < deadline ? _flushRetryAt : deadline;
                await Task.Delay(until - now, _time, ct).ConfigureAwait(false);
                continue;
            }
            await FlushBatchAsync(connection, ct).ConfigureAwait(false);
        }

        using var timeout = new CancellationTokenSource(AcknowledgeTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            await connection.InvokeAsync(HubMethods.AcknowledgeSignOut, linked.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The hub closes the connection around the acknowledgement; either way the sign-out goes on.
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
#pragma warning restore CA1031
        {
        }
    }

    private void OnPresence(IReadOnlyList<DeviceInfo> devices)
    {
        _knownDevices = devices;
        _callbacks.PresenceChanged(devices);
    }
}
