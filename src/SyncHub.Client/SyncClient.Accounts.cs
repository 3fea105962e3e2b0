using SyncHub.Client.Internal;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;

namespace SyncHub.Client;

public sealed partial class SyncClient
{
    /// <summary>Creates an account on <see cref="SyncClientOptions.ServerUrl"/>. Does not sign in.</summary>
    /// <exception cref="SyncException"><c>account_exists</c>, <c>weak_password</c>, <c>invalid_request</c>, <c>unreachable</c>, ...</exception>
    public Task<AccountCreated> RegisterAsync(string username, string email, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        return _accounts.RegisterAsync(RequireServerUrl(), new RegisterAccountRequest(username, email, password), cancellationToken);
    }

    /// <summary>
    /// Signs this profile in on <see cref="SyncClientOptions.ServerUrl"/> and stores the session (token included) in the
    /// local store. A running engine reconnects with the new session (also out of an <c>unauthorized</c> error).
    /// </summary>
    /// <exception cref="SyncException"><c>invalid_credentials</c>, <c>device_limit</c>, <c>unreachable</c>, ...</exception>
    public async Task<SyncSession> SignInAsync(string login, string password, string? deviceName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(login);
        ArgumentNullException.ThrowIfNull(password);
        var server = RequireServerUrl();
        var created = await _accounts.SignInAsync(server, new SignInRequest(login, password, deviceName), cancellationToken).ConfigureAwait(false);
        var session = new StoredSession(server, created.AccountId, created.WorkspaceId, created.DeviceId, login, created.Token, created.ExpiresAt);
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
            _status.Refresh();
        }
        return session.ToPublic();
    }

    /// <summary>
    /// Signs out: if online, gives pending changes a few seconds to reach the hub; stops the engine; then deletes the
    /// session and this account's synced entities, cursor, outbox, conflicts and failed changes from the local store.
    /// The token is not revoked on the hub yet.
    /// </summary>
    public async Task SignOutAsync(CancellationToken cancellationToken = default)
    {
        if (_engine is not null && Status is { State: SyncState.Online, PendingChanges: > 0 })
        {
            try
            {
                await WaitForInSyncAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(3), _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or SyncException)
            {
                // Best effort: what did not make it is dropped with the rest of the account's local data.
            }
        }
        await StopAsync(cancellationToken).ConfigureAwait(false);
        var session = _store.LoadSession() ?? _session;
        if (session is null) return;
        _store.DeleteSessionAndData(session.WorkspaceId);
        _session = null;
        SyncClientLog.SignedOut(_logger, session.WorkspaceId);
        _status.Transition(new StatusChange(SyncState.Offline));
    }

    private Uri RequireServerUrl() =>
        _options.ServerUrl ?? _session?.ServerUrl
        ?? throw new SyncException(ErrorCodes.InvalidRequest, "No hub address: set SyncClientOptions.ServerUrl.");
}
