using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SyncHub.Protocol;

namespace SyncHub.Testing;

/// <summary>Plain SignalR connections to the hub with a device token, without the connection library: for hub tests and benchmarks.</summary>
public static class RawHubClient
{
    /// <summary>Builds (does not start) a connection to <c>/hubs/sync</c> authenticated with <paramref name="token"/>.</summary>
    public static HubConnection Build(
        Uri baseUrl,
        string? token,
        HubWireProtocol protocol = HubWireProtocol.Json,
        HttpTransportType transports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling,
        Action<IHubConnectionBuilder>? configure = null)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseUrl, HubRoutes.Hub), transports, options =>
        {
            if (token is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(token);
        });
        if (protocol == HubWireProtocol.MessagePack) builder.AddMessagePackProtocol();
        configure?.Invoke(builder);
        var connection = builder.Build();
        connection.ServerTimeout = TimeSpan.FromSeconds(60);
        return connection;
    }

    /// <summary>Builds and starts a connection; the caller disposes it.</summary>
    public static async Task<HubConnection> ConnectAsync(
        Uri baseUrl,
        string? token,
        HubWireProtocol protocol = HubWireProtocol.Json,
        CancellationToken cancellationToken = default)
    {
        var connection = Build(baseUrl, token, protocol);
        try
        {
            await connection.StartAsync(cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return connection;
    }

    /// <summary>Connects as the device of <paramref name="session"/>.</summary>
    public static Task<HubConnection> ConnectAsync(Uri baseUrl, TestSession session, HubWireProtocol protocol = HubWireProtocol.Json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return ConnectAsync(baseUrl, session.Token, protocol, cancellationToken);
    }
}
