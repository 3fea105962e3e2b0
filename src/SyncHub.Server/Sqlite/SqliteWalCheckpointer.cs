using Microsoft.Data.Sqlite;
using SyncHub.Server.Internal;

namespace SyncHub.Server.Sqlite;

/// <summary>
/// Copies the WAL back into the database file in the background, on its own connection, so that no commit
/// pays for it (every connection runs with <c>wal_autocheckpoint=0</c>).
/// </summary>
/// <remarks>
/// Each round first takes a PASSIVE checkpoint, which copies the bulk of the WAL while the writer goes on
/// committing. Under steady load that alone never lets the WAL start over (the writer always appends more
/// frames while it runs), so the file would grow without bound. Once the WAL has grown past RestartFrames, the round
/// therefore repeats PASSIVE until little is left, then takes one more PASSIVE checkpoint under the change writer's gate: it has only those few
/// frames to copy, and the writer waits on the gate, not in SQLite's sleeping busy handler. With the WAL fully
/// copied when the writer's next transaction starts, SQLite writes the WAL from its start again, over blocks
/// the file already has. (A RESTART checkpoint would instead wait for every reader, and readers never stop.)
/// </remarks>
internal sealed class SqliteWalCheckpointer(SqliteDatabase database, TimeProvider timeProvider, ILogger<SqliteWalCheckpointer> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private const int MaxPasses = 3;
    private const long SmallTail = 256;

    // The WAL is started over only once it holds this many frames (64 MB at 2 KB pages, about a second of peak load):
    // each restart holds the change writer off while the tail is copied. Doing that every round (every 200 ms) held
    // every commit up 0.7-2.5 ms on average under the bench's load; at 8192 frames (16 MB, reached every ~0.3 s) still
    // 0.5-0.6 ms; at this size 0.1-0.3 ms. The unlocked passes still copy everything every round.
    private const long RestartFrames = 32768;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        SqliteConnection? connection = null;
        try
        {
            while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    connection ??= database.OpenDedicated(string.Empty);
                    // Copy the bulk while the writer goes on; each pass leaves only what was committed meanwhile.
                    var (_, walFrames, copied) = Checkpoint(connection, "PASSIVE");
                    for (var pass = 1; pass < MaxPasses && walFrames - copied > SmallTail; pass++)
                    {
                        (_, walFrames, copied) = Checkpoint(connection, "PASSIVE");
                    }
                    if (walFrames < RestartFrames) continue;
                    // With the writer held off, the small rest is copied; its next transaction then starts the WAL over.
                    await database.ChangeWriteGate.WaitAsync(stoppingToken).ConfigureAwait(false);
                    try
                    {
                        Checkpoint(connection, "PASSIVE");
                    }
                    finally
                    {
                        database.ChangeWriteGate.Release();
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
#pragma warning disable CA1031 // A failed checkpoint only leaves the WAL longer; the next round tries again.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Log.CheckpointFailed(logger, ex);
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static (bool Busy, long WalFrames, long Copied) Checkpoint(SqliteConnection connection, string mode)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0) != 0, reader.GetInt64(1), reader.GetInt64(2)) : (false, 0, 0);
    }
}
