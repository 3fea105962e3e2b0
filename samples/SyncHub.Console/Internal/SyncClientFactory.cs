using Microsoft.Extensions.Logging;
using SyncHub.Client;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>Opens the profile's <see cref="SyncClient"/> with the console's settings.</summary>
internal static class SyncClientFactory
{
    /// <param name="signOutFlushTimeout">How long logout lets queued changes try to reach the hub before refusing.</param>
    public static async Task<(SyncClient Client, ILoggerFactory? LoggerFactory)> OpenAsync(InvocationSettings settings, TimeSpan signOutFlushTimeout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.ProfileDirectory);
        // Logs go to stderr only, so that stdout stays clean for ids and listings.
        var loggerFactory = settings.Verbose
            ? LoggerFactory.Create(logging => logging
                .SetMinimumLevel(LogLevel.Debug)
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace))
            : null;
        try
        {
            var client = await SyncClient.OpenAsync(new SyncClientOptions
            {
                ServerUrls = [.. settings.ServerUrls],
                ProfileDirectory = settings.ProfileDirectory,
                LoggerFactory = loggerFactory,
                SignOutFlushTimeout = signOutFlushTimeout,
            }, cancellationToken);
            return (client, loggerFactory);
        }
        catch
        {
            loggerFactory?.Dispose();
            throw;
        }
    }
}
