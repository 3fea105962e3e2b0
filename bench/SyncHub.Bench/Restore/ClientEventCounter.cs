using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SyncHub.Bench.Restore;

/// <summary>
/// Counts the connection library's log events by id (nothing is printed), so the restore can say
/// whether the client restored from the hub's snapshot (event 27) or by reading the change log.
/// </summary>
internal sealed class ClientEventCounter : ILoggerProvider, ILogger
{
    /// <summary>SyncClientLog's "snapshot applied" event.</summary>
    public const int SnapshotApplied = 27;

    private readonly ConcurrentDictionary<int, int> _counts = new();

    public int Count(int eventId) => _counts.TryGetValue(eventId, out var n) ? n : 0;

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id != 0) _counts.AddOrUpdate(eventId.Id, 1, static (_, n) => n + 1);
    }

    public void Dispose()
    {
    }
}
