using System.Globalization;
using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

internal sealed partial class LocalStore
{
    private static readonly string[] WorkspaceTables = ["entities", "cursors", "outbox", "conflicts", "failed", "own_deletes_ahead"];

    public StoredSession? LoadSession() => Read(c =>
    {
        using var command = Command(c, null,
            "SELECT server_url, account_id, workspace_id, device_id, login, token, expires_at, issued_at, server_urls FROM session WHERE id = 1");
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        var serverUrl = new Uri(reader.GetString(0));
        var session = new StoredSession(
            serverUrl, reader.GetString(1), reader.GetString(2), reader.GetString(3),
            reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : FromUnixMs(reader.GetInt64(6)),
            reader.IsDBNull(7) ? null : FromUnixMs(reader.GetInt64(7)));
        var urls = reader.IsDBNull(8) ? [] : ParseServerUrls(reader.GetString(8));
        return urls.Count > 0 ? session with { ServerUrls = urls } : session;
    });

    // One absolute URL a line: URLs cannot hold a line break, and the column stays readable with the sqlite3 shell.
    private static string FormatServerUrls(IReadOnlyList<Uri> urls) => string.Join('\n', urls.Select(u => u.AbsoluteUri));

    private static List<Uri> ParseServerUrls(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => Uri.TryCreate(line, UriKind.Absolute, out var url) ? url : null)
            .OfType<Uri>()];

    public void SaveSession(StoredSession session) => Write((c, tx) =>
        Execute(c, tx, """
            INSERT INTO session(id, server_url, account_id, workspace_id, device_id, login, token, expires_at, issued_at, server_urls)
            VALUES (1, $url, $account, $workspace, $device, $login, $token, $expires, $issued, $urls)
            ON CONFLICT(id) DO UPDATE SET server_url = excluded.server_url, account_id = excluded.account_id,
                workspace_id = excluded.workspace_id, device_id = excluded.device_id, login = excluded.login,
                token = excluded.token, expires_at = excluded.expires_at, issued_at = excluded.issued_at,
                server_urls = excluded.server_urls
            """,
            ("$urls", FormatServerUrls(session.ServerUrls)),
            ("$url", session.ServerUrl.ToString()), ("$account", session.AccountId), ("$workspace", session.WorkspaceId),
            ("$device", session.DeviceId), ("$login", session.Login), ("$token", session.Token),
            ("$expires", session.ExpiresAt is { } e ? ToUnixMs(e) : null),
            ("$issued", session.IssuedAt is { } i ? ToUnixMs(i) : null)));

    /// <summary>
    /// Replaces the token of the stored session after a renewal, only if the stored session is still the one renewed
    /// (same device and old token): another process sharing the profile may have signed out or renewed meanwhile.
    /// </summary>
    public bool ReplaceToken(string deviceId, string oldToken, string newToken, DateTimeOffset? expiresAt, DateTimeOffset issuedAt) => Write((c, tx) =>
        Execute(c, tx, """
            UPDATE session SET token = $new, expires_at = $expires, issued_at = $issued
            WHERE id = 1 AND device_id = $device AND token = $old
            """,
            ("$new", newToken), ("$expires", expiresAt is { } e ? ToUnixMs(e) : null), ("$issued", ToUnixMs(issuedAt)),
            ("$device", deviceId), ("$old", oldToken)) == 1);

    /// <summary>
    /// Signs out locally: the session and everything synced or pending of every workspace of the account go, with the
    /// workspace list and the active one, in one transaction (a profile holds one account). The Scratch Pad belongs to
    /// the profile, not the account: its entities stay, and so does the choice to work in it.
    /// </summary>
    public void DeleteSessionAndData() => Write((c, tx) =>
    {
        Execute(c, tx, "DELETE FROM session");
        Execute(c, tx, "DELETE FROM meta WHERE key = 'workspaces' OR (key = 'active_workspace' AND value <> $scratch)",
            ("$scratch", ScratchPadId));
        foreach (var table in WorkspaceTables)
        {
            Execute(c, tx, $"DELETE FROM {table} WHERE workspace_id <> $scratch", ("$scratch", ScratchPadId));
        }
    });

    public void SaveLimits(HubLimits limits) => Write((c, tx) =>
    {
        foreach (var (key, value) in new[]
                 {
                     ("max_body_bytes", (long)limits.MaxBodyBytes), ("max_batch_size", limits.MaxBatchSize),
                     ("max_message_bytes", limits.MaxMessageBytes), ("max_page_size", limits.MaxPageSize),
                 })
        {
            Execute(c, tx, "INSERT INTO meta(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                ("$k", key), ("$v", Invariant(value)));
        }
    });

    /// <summary>The limits the hub told this profile last time, so edits can be checked before any connection.</summary>
    public HubLimits? LoadLimits() => Read(c =>
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        using var command = Command(c, null, "SELECT key, value FROM meta WHERE key LIKE 'max_%'");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (long.TryParse(reader.GetString(1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) values[reader.GetString(0)] = v;
        }
        if (!values.TryGetValue("max_body_bytes", out var body)) return null;
        return new HubLimits
        {
            MaxBodyBytes = (int)body,
            MaxBatchSize = (int)values.GetValueOrDefault("max_batch_size"),
            MaxMessageBytes = values.GetValueOrDefault("max_message_bytes"),
            MaxPageSize = (int)values.GetValueOrDefault("max_page_size"),
        };
    });
}
