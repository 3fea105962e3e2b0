using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SyncHub.Bench.Bare;
using SyncHub.Bench.Cluster;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Server;
using SyncHub.Server.Diagnostics;
using SyncHub.Server.Hubs;

namespace SyncHub.Bench.Targets;

/// <summary>
/// The real SyncHub hub, hosted in this process by <see cref="SyncHubApplication.Create"/> on 127.0.0.1:0: one node
/// with its SQLite store in a fresh temp directory on disk, or (<see cref="Cluster"/>) several nodes in cluster mode on
/// one Redis and one key prefix (<c>SyncHub:Redis</c>, <c>SyncHub:RedisPrefix</c>).
/// </summary>
internal sealed class SyncHubTarget : IBenchTarget
{
    /// <summary>Every bench account's password.</summary>
    public const string Password = "bench-password-1";

    private readonly bool _keepData;
    private readonly BenchRedisServer? _redis;
    private readonly int _nodes;
    private readonly bool _pipelinedPublish;
    private readonly List<Node> _started = [];

    /// <summary>One node on SQLite.</summary>
    public SyncHubTarget(bool keepData)
        : this(keepData, null, 1, pipelinedPublish: false)
    {
    }

    private SyncHubTarget(bool keepData, BenchRedisServer? redis, int nodes, bool pipelinedPublish)
    {
        _keepData = keepData;
        _redis = redis;
        _nodes = nodes;
        _pipelinedPublish = pipelinedPublish;
    }

    /// <summary>
    /// <paramref name="nodes"/> nodes in cluster mode on <paramref name="redis"/>, sharing one fresh key prefix;
    /// <paramref name="pipelinedPublish"/> swaps in the diagnostic <see cref="PipelinedChangePublisher"/>.
    /// </summary>
    public static SyncHubTarget Cluster(bool keepData, BenchRedisServer redis, int nodes, bool pipelinedPublish) => new(keepData, redis, nodes, pipelinedPublish);

    public string Name => _redis is null ? "SyncHub (SQLite)" : $"SyncHub cluster (Redis, {_nodes} nodes{(_pipelinedPublish ? ", pipelined publish" : string.Empty)})";

    public bool HasStore => true;

    public int Nodes => _nodes;

    public ProcessUsage? Helper => _redis?.Usage;

    /// <summary>The first node's base address (what a client's ServerUrl is).</summary>
    public Uri BaseUrl => _started.Count > 0 ? _started[0].BaseUrl : throw new InvalidOperationException("The hub is not started.");

    /// <summary>The login of the bench account with this index.</summary>
    public static string Username(int index) => string.Create(CultureInfo.InvariantCulture, $"bench-{index:D5}");

    public Uri HubUrl => new(BaseUrl, HubRoutes.Hub);

    public Uri HubUrlFor(int accountIndex, int deviceIndex) => new(NodeFor(accountIndex, deviceIndex).BaseUrl, HubRoutes.Hub);

    /// <summary>The first node's data directory (SQLite's store; unused by a cluster node).</summary>
    public string DataDirectory => _started.Count > 0 ? _started[0].DataDirectory : throw new InvalidOperationException("The hub is not started.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var prefix = $"bench{Guid.NewGuid():N}";
        for (var n = 0; n < _nodes; n++)
        {
            var dataDirectory = Directory.CreateTempSubdirectory("synchub-bench-").FullName;
            List<string> args =
            [
                "--urls", "http://127.0.0.1:0", "--SyncHub:DataDirectory", dataDirectory,
                // Every simulated device signs in from 127.0.0.1: the per-address sign-in limit is for people, not for this.
                "--SyncHub:SignIn:PermitsPerAddress", "1000000", "--SyncHub:SignIn:PermitsPerLogin", "1000000",
            ];
            if (_redis is not null) args.AddRange(["--SyncHub:Redis", _redis.ConfigurationString, "--SyncHub:RedisPrefix", prefix]);
            var app = SyncHubApplication.Create(
                [.. args],
                builder =>
                {
                    builder.Logging.ClearProviders();
                    builder.Logging.AddConsole();
                    builder.Logging.SetMinimumLevel(LogLevel.Warning);
                    if (_pipelinedPublish)
                    {
                        builder.Services.AddSingleton<HubChangePublisher>();
                        builder.Services.Replace(ServiceDescriptor.Singleton<IChangePublisher, PipelinedChangePublisher>());
                    }
                });
            var node = new Node(app, dataDirectory);
            _started.Add(node);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            node.BaseUrl = BareHubTarget.ServerAddress(app);
            node.Http = new HttpClient { BaseAddress = node.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        }
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
        // On a cluster the account is made on one node and its devices sign in on the nodes they connect to.
        var created = await PostAsync<RegisterAccountRequest, AccountCreated>(
            NodeFor(index, 0), HubRoutes.Accounts, new RegisterAccountRequest(username, $"{username}@bench.invalid", Password), cancellationToken).ConfigureAwait(false);
        var tokens = new string?[devicesPerAccount];
        for (var d = 0; d < devicesPerAccount; d++)
        {
            var session = await PostAsync<SignInRequest, SessionCreated>(
                NodeFor(index, d), HubRoutes.Sessions, new SignInRequest(username, Password, $"bench device {d}"), cancellationToken).ConfigureAwait(false);
            tokens[d] = session.Token;
        }
        return new BenchAccount(index, created.WorkspaceId, tokens);
    }

    private static async Task<TResponse> PostAsync<TRequest, TResponse>(Node node, string path, TRequest body, CancellationToken cancellationToken)
    {
        var http = node.Http ?? throw new InvalidOperationException("The hub is not started.");
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
        if (_started.Count == 0) return null;
        long commits = 0, mutations = 0, largest = 0;
        foreach (var node in _started)
        {
            var metrics = node.App.Services.GetRequiredService<SyncHubMetrics>();
            commits += metrics.Commits;
            mutations += metrics.CommittedMutations;
            largest = Math.Max(largest, metrics.LargestCommitBatch);
        }
        return new CommitCounters(commits, mutations, largest);
    }

    public async Task<string?> DescribeStorageAsync()
    {
        if (_redis is not null) return await _redis.DescribeAsync().ConfigureAwait(false);
        if (_started.Count == 0 || !Directory.Exists(DataDirectory)) return null;
        var files = new DirectoryInfo(DataDirectory).GetFiles("*", SearchOption.AllDirectories);
        var bytes = files.Sum(f => f.Length);
        return string.Create(CultureInfo.InvariantCulture,
            $"{bytes / (1024.0 * 1024.0):F1} MiB ({string.Join(", ", files.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name} {f.Length / (1024.0 * 1024.0):F1} MiB")))})");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _started)
        {
            node.Http?.Dispose();
            await node.App.StopAsync().ConfigureAwait(false);
            await node.App.DisposeAsync().ConfigureAwait(false);
            if (!_keepData) BenchHousekeeping.TryDelete(node.DataDirectory);
        }
        _started.Clear();
    }

    private Node NodeFor(int accountIndex, int deviceIndex) => _started[(accountIndex + deviceIndex) % _started.Count];

    /// <summary>One started hub node.</summary>
    private sealed class Node(WebApplication app, string dataDirectory)
    {
        public WebApplication App { get; } = app;

        public string DataDirectory { get; } = dataDirectory;

        public Uri BaseUrl { get; set; } = null!;

        public HttpClient? Http { get; set; }
    }
}
