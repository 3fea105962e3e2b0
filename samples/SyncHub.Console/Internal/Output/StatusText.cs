using System.Globalization;
using SyncHub.Client;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>How a sync status reads to a person and to a script.</summary>
internal static class StatusText
{
    /// <summary>A short label such as <c>online: in sync</c> or <c>offline: unreachable, 2 pending</c>, for the prompt and status.</summary>
    public static string Label(SyncStatus status, bool signedIn)
    {
        if (!signedIn) return "signed out";
        var label = status.State switch
        {
            SyncState.Online => status.Activity == SyncActivity.InSync ? "online: in sync" : "online: syncing",
            SyncState.Connecting when status.ErrorCode is { } code => $"offline: {code}, retrying",
            SyncState.Connecting => "connecting",
            SyncState.Error => $"error: {status.ErrorCode ?? "unknown"}",
            _ => "offline",
        };
        var extras = new List<string>(3);
        if (status.PendingChanges > 0) extras.Add($"{status.PendingChanges} pending");
        if (status.Conflicts > 0) extras.Add(Count(status.Conflicts, "conflict"));
        if (status.FailedChanges > 0) extras.Add($"{status.FailedChanges} failed");
        return extras.Count == 0 ? label : $"{label}, {string.Join(", ", extras)}";
    }

    /// <summary>The state as the JSON of <c>status --json</c> spells it.</summary>
    public static string State(SyncState state) => state switch
    {
        SyncState.Online => "online",
        SyncState.Connecting => "connecting",
        SyncState.Error => "error",
        _ => "offline",
    };

    public static string Activity(SyncActivity activity) => activity switch
    {
        SyncActivity.Syncing => "syncing",
        SyncActivity.InSync => "in_sync",
        _ => "none",
    };

    public static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>"1 entity" / "3 entities": for nouns whose plural is not a plain "s".</summary>
    public static string Count(int count, string noun, string plural) => count == 1 ? $"1 {noun}" : $"{count} {plural}";

    /// <summary>"1 local change stays queued" / "2 local changes stay queued".</summary>
    public static string StayQueued(int pending) =>
        pending == 1 ? "1 local change stays queued" : $"{pending} local changes stay queued";

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
