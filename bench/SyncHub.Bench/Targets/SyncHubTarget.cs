using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SyncHub.Bench.Bare;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Server;
using SyncHub.Server.Diagnostics;

namespace SyncHub.Bench.Targets;

/// <summary>
/// The real SyncHub hub, hosted in this process by <see cref="SyncHubApplication.Create"/> on
/// 127.0.0.1:0 with its SQLite store in a fresh temp directory on disk.
/// </summary>
internal sealed class SyncHubTarget(bool keepData) : IBenchTarget
{
    /// <summary>Every bench account's password.</summary>
    public const string Password = "bench-password-1";

    private WebApplication? _app;
    private Uri? _baseUrl;
    private string? _dataDirectory;
    private HttpClient? _http;

    public string Name => "SyncHub (SQLite)";

    public bool HasStore => true;

    /// <summary>The hub's base address (what a client's ServerUrl is).</summary>
    public Uri BaseUrl => _baseUrl ?? throw new InvalidOperationException("The hub is not started.");

    /// <summary>The login of the bench account with this index.</summary>
    public static string Username(int index) => string.Create(CultureInfo.InvariantCulture, $"bench-{index:D5}");

    public Uri HubUrl => new(_baseUrl ?? throw new InvalidOperationException("The hub is not started."), HubRoutes.Hub);

    public string DataDirectory => _dataDirectory ?? throw new InvalidOperationException("The hub is not started.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _dataDirectory = Directory.CreateTempSubdirectory("synchub-bench-").FullName;
        var app = SyncHubApplication.Create(
            ["--urls", "http://127.0.0.1:0", "--SyncHub:DataDirectory", _dataDirectory,
             // Every simulated device signs in from 127.0.0.1: the per-address sign-in limit is for people, not for this.
             "--SyncHub:SignIn:PermitsPerAddress", "1000000", "--SyncHub:SignIn:PermitsPerLogin", "1000000"],
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.Logging.AddConsole();
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
            });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        _baseUrl = BareHubTarget.ServerAddress(app);
        _http = new HttpClient { BaseAddress = _baseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<IReadOnlyList<BenchAccount>> ProvisionAccountsAsync(int accounts, int devicesPerAccount, CancellationToken cancellationToken)
    {
        var result = new BenchAccount[accounts];
        // Sign-in hashes the password, which is CPU work: two at a time keeps both cores busy without a pile-up.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, accounts),
            new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
            async (i, ct) => result[i] = await ProvisionAccountAsync(i, devicesPerAccount, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return result;
    }

    private async Task<BenchAccount> ProvisionAccountAsync(int index, int devicesPerAccount, CancellationToken cancellationToken)
    {
        var username = Username(index);
        var created = await PostAsync<RegisterAccountRequest, AccountCreated>(
            HubRoutes.Accounts, new RegisterAccountRequest(username, $"{username}@bench.invalid", Password), cancellationToken).ConfigureAwait(false);
        var tokens = new string?[devicesPerAccount];
        for (var d = 0; d < devicesPerAccount; d++)
        {
            var session = await PostAsync<SignInRequest, SessionCreated>(
                HubRoutes.Sessions, new SignInRequest(username, Password, $"bench device {d}"), cancellationToken).ConfigureAwait(false);
            tokens[d] = session.Token;
        }
        return new BenchAccount(index, created.WorkspaceId, tokens);
    }

    private async Task<TResponse> PostAsync<TRequest, TResponse>(string path, TRequest body, CancellationToken cancellationToken)
    {
        var http = _http ?? throw new InvalidOperationException("The hub is not started.");
        for (var attempt = 0; ; attempt++)
        {
            using var response = await http.PostAsJsonAsync(path, body, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 20)
            {
                // The hub limits sign-ups and sign-ins; setup is not what is measured, so wait as told.
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
            }
            return await response.Content.ReadFromJsonAsync<TResponse>(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"POST {path} answered an empty body.");
        }
    }

    public CommitCounters? ReadCommitCounters()
    {
        if (_app is null) return null;
        var metrics = _app.Services.GetRequiredService<SyncHubMetrics>();
        return new CommitCounters(metrics.Commits, metrics.CommittedMutations, metrics.LargestCommitBatch);
    }

    public string? DescribeStorage()
    {
        if (_dataDirectory is null || !Directory.Exists(_dataDirectory)) return null;
        var files = new DirectoryInfo(_dataDirectory).GetFiles("*", SearchOption.AllDirectories);
        var bytes = files.Sum(f => f.Length);
        return string.Create(CultureInfo.InvariantCulture,
            $"{bytes / (1024.0 * 1024.0):F1} MiB ({string.Join(", ", files.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name} {f.Length / (1024.0 * 1024.0):F1} MiB")))})");
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        _http = null;
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
        if (_dataDirectory is not null && !keepData)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temp directory left behind is harmless; the figures are what matter.
            }
        }
    }
}
