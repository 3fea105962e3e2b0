using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SyncHub.Bench.Targets;
using SyncHub.Protocol;

namespace SyncHub.Bench.Bare;

/// <summary>Hosts <see cref="BareSyncHub"/> on Kestrel at 127.0.0.1:0 with the JSON and MessagePack hub protocols.</summary>
internal sealed class BareHubTarget : IBenchTarget
{
    public const long MaxMessageBytes = 2 * 1024 * 1024;

    private WebApplication? _app;
    private Uri? _hubUrl;

    public string Name => "bare SignalR hub";

    public bool HasStore => false;

    public Uri HubUrl => _hubUrl ?? throw new InvalidOperationException("The bare hub is not started.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<BareSequenceCounter>();
        builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = MaxMessageBytes).AddMessagePackProtocol();
        var app = builder.Build();
        app.MapHub<BareSyncHub>(HubRoutes.Hub);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        _hubUrl = new Uri(ServerAddress(app), HubRoutes.Hub);
    }

    public Task<IReadOnlyList<BenchAccount>> ProvisionAccountsAsync(int accounts, int devicesPerAccount, CancellationToken cancellationToken)
    {
        var list = new List<BenchAccount>(accounts);
        for (var i = 0; i < accounts; i++)
        {
            list.Add(new BenchAccount(i, $"bare-workspace-{i}", new string?[devicesPerAccount]));
        }
        return Task.FromResult<IReadOnlyList<BenchAccount>>(list);
    }

    public CommitCounters? ReadCommitCounters() => null;

    public string? DescribeStorage() => null;

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _app = null;
    }

    internal static Uri ServerAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }
}
