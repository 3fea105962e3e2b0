namespace SyncHub.Testing;

/// <summary>
/// A hub cluster as operators run it: one real <c>redis-server</c> of the test's own (AOF on, so a restart keeps what was
/// acknowledged) and N hub processes in cluster mode on it, each on a free loopback port. Dispose stops them all.
/// </summary>
public sealed class HubCluster : IAsyncDisposable
{
    private HubCluster(RedisServer redis, string prefix, IReadOnlyList<HubProcess> nodes)
    {
        Redis = redis;
        Prefix = prefix;
        Nodes = nodes;
    }

    /// <summary>The cluster's Redis.</summary>
    public RedisServer Redis { get; }

    /// <summary>The key prefix all nodes share.</summary>
    public string Prefix { get; }

    /// <summary>The hub nodes, each a separate OS process.</summary>
    public IReadOnlyList<HubProcess> Nodes { get; }

    /// <summary>Every node's URL, in node order.</summary>
    public IReadOnlyList<Uri> Urls => [.. Nodes.Select(n => n.BaseUrl)];

    /// <summary>Starts Redis and <paramref name="nodes"/> hub processes on it; <paramref name="settings"/> go to every node.</summary>
    public static async Task<HubCluster> StartAsync(int nodes, IDictionary<string, string?>? settings = null, RedisServerOptions? redisOptions = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
        var redis = await RedisServer.StartAsync(redisOptions);
        var prefix = $"c{Guid.NewGuid():N}";
        var started = new List<HubProcess>();
        try
        {
            var nodeSettings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["SyncHub:Redis"] = redis.ConfigurationString,
                ["SyncHub:RedisPrefix"] = prefix,
            };
            // Started one after another: each start is a whole .NET process coming up on a 2-core machine.
            for (var i = 0; i < nodes; i++)
            {
                started.Add(await HubProcess.StartAsync(settings: nodeSettings));
            }
            return new HubCluster(redis, prefix, started);
        }
        catch
        {
            foreach (var node in started) await node.DisposeAsync();
            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>What every node wrote so far, for a failure message.</summary>
    public string Output => string.Join("\n", Nodes.Select((n, i) => $"--- node {i} ---\n{n.Output}")) + $"\n--- redis ---\n{Redis.Output}";

    /// <summary>Runs <paramref name="test"/>; a failure carries what the nodes and Redis wrote, which is where a cluster fault shows.</summary>
    public async Task WithOutputOnFailureAsync(Func<Task> test)
    {
        ArgumentNullException.ThrowIfNull(test);
        try
        {
            await test();
        }
        catch (Exception ex) 
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n{Output}\n{ex}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
