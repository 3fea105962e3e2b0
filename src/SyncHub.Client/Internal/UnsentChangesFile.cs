using System.Globalization;
using System.Text.Json;

namespace SyncHub.Client.Internal;

/// <summary>
/// Writes the changes a sign-out could not send (the outbox, plus the workspace's conflicts and failed changes) to
/// <c>unsent-&lt;UTC time&gt;.json</c> in the profile directory, so signing out never silently loses an edit.
/// </summary>
internal static class UnsentChangesFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// Saves what is left of <paramref name="workspaceId"/> (a workspace the account lost), or, when null, of every
    /// workspace (a sign-out): the personal one at the top level, the others under <c>otherWorkspaces</c>.
    /// </summary>
    /// <returns>The full path of the file written.</returns>
    public static string Write(string profileDirectory, LocalStore store, StoredSession session, string reason, DateTimeOffset now, string? workspaceId = null)
    {
        var main = workspaceId ?? session.WorkspaceId;
        var others = workspaceId is not null ? [] : store.GetStoredWorkspaceIds()
            .Where(id => !string.Equals(id, main, StringComparison.Ordinal))
            .Select(id => new WorkspaceSection(id, store.GetOutbox(id), store.GetConflicts(id), store.GetFailedChanges(id)))
            .Where(w => w.Outbox.Count + w.Conflicts.Count + w.Failed.Count > 0)
            .ToList();
        var document = new UnsentChangesDocument(
            reason, now, session.ServerUrl.ToString(), session.Login, session.AccountId, main, session.DeviceId,
            store.GetOutbox(main), store.GetConflicts(main), store.GetFailedChanges(main), others);

        Directory.CreateDirectory(profileDirectory);
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var path = Path.Combine(profileDirectory, $"unsent-{stamp}.json");
        for (var n = 1; File.Exists(path); n++) path = Path.Combine(profileDirectory, $"unsent-{stamp}-{n}.json");

        // Write then move, so a crash never leaves a half-written file where the person is told to look.
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(document, Json));
        File.Move(temporary, path, overwrite: false);
        return Path.GetFullPath(path);
    }

    private sealed record UnsentChangesDocument(
        string Reason, DateTimeOffset SavedAt, string Server, string Login, string AccountId, string WorkspaceId, string DeviceId,
        IReadOnlyList<PendingChange> Outbox, IReadOnlyList<ConflictRecord> Conflicts, IReadOnlyList<FailedChange> Failed,
        IReadOnlyList<WorkspaceSection> OtherWorkspaces);

    private sealed record WorkspaceSection(
        string WorkspaceId, IReadOnlyList<PendingChange> Outbox, IReadOnlyList<ConflictRecord> Conflicts, IReadOnlyList<FailedChange> Failed);
}
