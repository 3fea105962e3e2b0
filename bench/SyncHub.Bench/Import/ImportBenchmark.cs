using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using SyncHub.Bench.Targets;
using SyncHub.Client;
using SyncHub.Postman;
using SyncHub.Protocol;

namespace SyncHub.Bench.Import;

/// <summary>
/// A big Postman collection (5,000 requests by default) imported into a workspace with two devices on the real hub:
/// through the connection library (local store and outbox, as <c>synchub import</c> does) and through the hub's
/// <c>POST /api/workspaces/{id}/import</c>, each timed until the other device holds every entity of it. Reading the
/// file is measured apart, with the memory it allocates and keeps.
/// </summary>
internal sealed class ImportBenchmark(BenchOptions options, TextWriter log)
{
    public async Task<ImportBenchResult> RunAsync(CancellationToken cancellationToken)
    {
        var file = ImportFile.Create(options.ImportRequests, options.ImportFolders);
        var (read, allocated, retained, peak, entities) = MeasureRead(file);
        await Log($"[import] file of {options.ImportRequests} requests in {options.ImportFolders} folders: {file.Length / 1024.0 / 1024.0:F1} MiB, {entities.Count} entities, read in {read.TotalMilliseconds:F0} ms, {allocated / 1024.0 / 1024.0:F1} MiB allocated, heap peak +{peak / 1024.0 / 1024.0:F1} MiB, {retained / 1024.0 / 1024.0:F1} MiB kept").ConfigureAwait(false);
        var (write, written) = MeasureWrite(entities);

        var hub = new SyncHubTarget(options.KeepData);
        await using (hub.ConfigureAwait(false))
        {
            await hub.StartAsync(cancellationToken).ConfigureAwait(false);
            var account = (await hub.ProvisionAccountsAsync(1, 1, cancellationToken).ConfigureAwait(false))[0];
            var profiles = new[] { Directory.CreateTempSubdirectory("synchub-bench-import-a-").FullName, Directory.CreateTempSubdirectory("synchub-bench-import-b-").FullName };
            try
            {
                var importer = await OpenAsync(hub, account, profiles[0], "importing device", cancellationToken).ConfigureAwait(false);
                await using (importer.ConfigureAwait(false))
                {
                    var receiver = await OpenAsync(hub, account, profiles[1], "receiving device", cancellationToken).ConfigureAwait(false);
                    await using (receiver.ConfigureAwait(false))
                    {
                        var attempts = new List<ImportAttempt>();
                        for (var n = 1; n <= options.ImportRepeats; n++)
                        {
                            BenchHousekeeping.Collect();
                            attempts.Add(await ThroughLibraryAsync(importer, receiver, file, n, cancellationToken).ConfigureAwait(false));
                            await LogAttempt(attempts[^1]).ConfigureAwait(false);
                            BenchHousekeeping.Collect();
                            attempts.Add(await ThroughHubAsync(hub, account, receiver, file, n, cancellationToken).ConfigureAwait(false));
                            await LogAttempt(attempts[^1]).ConfigureAwait(false);
                        }
                        return new ImportBenchResult
                        {
                            Requests = options.ImportRequests,
                            Folders = options.ImportFolders,
                            Entities = entities.Count,
                            FileBytes = file.Length,
                            Read = read,
                            ReadAllocatedBytes = allocated,
                            ReadRetainedBytes = retained,
                            ReadPeakBytes = peak,
                            Write = write,
                            WrittenBytes = written,
                            Attempts = attempts,
                        };
                    }
                }
            }
            finally
            {
                foreach (var p in profiles) BenchHousekeeping.TryDelete(p);
            }
        }
    }

    private static (TimeSpan Read, long Allocated, long Retained, long Peak, IReadOnlyList<PostmanEntity> Entities) MeasureRead(byte[] file)
    {
        // Once unmeasured, so that JIT is not in the figure.
        _ = PostmanReader.Read(file);
        BenchHousekeeping.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        // The heap's high-water mark while reading, sampled: garbage not yet collected counts, as it does for the process.
        var peak = heapBefore;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var now = GC.GetTotalMemory(forceFullCollection: false);
                if (now > Volatile.Read(ref peak)) Volatile.Write(ref peak, now);
                Thread.Sleep(1);
            }
        });
        var clock = Stopwatch.StartNew();
        var import = PostmanReader.Read(file);
        clock.Stop();
        stop.Cancel();
        sampler.Wait();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        return (clock.Elapsed, allocated, retained, peak - heapBefore, import.Entities);
    }

    private static (TimeSpan Write, long Bytes) MeasureWrite(IReadOnlyList<PostmanEntity> entities)
    {
        var collection = entities.First(e => e.Kind == EntityKinds.Collection).Id;
        using (var warm = new MemoryStream()) PostmanWriter.WriteCollection([.. entities], collection, warm);
        using var output = new MemoryStream();
        var clock = Stopwatch.StartNew();
        PostmanWriter.WriteCollection([.. entities], collection, output);
        clock.Stop();
        return (clock.Elapsed, output.Length);
    }

    private static async Task<ImportAttempt> ThroughLibraryAsync(SyncClient importer, SyncClient receiver, byte[] file, int number, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(cancellationToken);
        var clock = Stopwatch.StartNew();
        // What 'synchub import' does: read, then one all-or-nothing local write that the outbox sends.
        var import = PostmanReader.Read(file);
        using var arrival = new Arrival(receiver, clock, import.Entities.Select(e => e.Id));
        await importer.CreateManyAsync([.. import.Entities.Select(e => new NewEntity(e.Id, e.Kind, e.ParentId, e.Body))], timeout.Token).ConfigureAwait(false);
        var accepted = clock.Elapsed;
        await importer.WaitForInSyncAsync(timeout.Token).ConfigureAwait(false);
        var sent = clock.Elapsed;
        var received = await arrival.WaitAsync(timeout.Token).ConfigureAwait(false);
        return new ImportAttempt("library", number, accepted, sent, arrival.CompletedAt ?? clock.Elapsed, import.Entities.Count, received);
    }

    private static async Task<ImportAttempt> ThroughHubAsync(SyncHubTarget hub, BenchAccount account, SyncClient receiver, byte[] file, int number, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(cancellationToken);
        using var http = new HttpClient { BaseAddress = hub.BaseUrl, Timeout = TimeSpan.FromSeconds(120) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", account.DeviceTokens[0]);
        // The hub makes its own ids: count what arrives after this point, by the file's size.
        var expected = PostmanReader.Read(file).Entities.Count;
        var clock = new Stopwatch();
        using var arrival = new Arrival(receiver, clock, expected);
        clock.Start();
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri(HubRoutes.Import(account.WorkspaceId), UriKind.Relative), content, timeout.Token).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var accepted = clock.Elapsed;
        var received = await arrival.WaitAsync(timeout.Token).ConfigureAwait(false);
        return new ImportAttempt("hub", number, accepted, null, arrival.CompletedAt ?? clock.Elapsed, expected, received);
    }

    private static async Task<SyncClient> OpenAsync(SyncHubTarget hub, BenchAccount account, string profile, string device, CancellationToken cancellationToken)
    {
        var client = await SyncClient.OpenAsync(new SyncClientOptions { ServerUrl = hub.BaseUrl, ProfileDirectory = profile }, cancellationToken).ConfigureAwait(false);
        await client.SignInAsync(SyncHubTarget.Username(account.Index), SyncHubTarget.Password, device, cancellationToken: cancellationToken).ConfigureAwait(false);
        await client.StartAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = Timeout(cancellationToken);
        await client.WaitForInSyncAsync(timeout.Token).ConfigureAwait(false);
        return client;
    }

    private static CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(180));
        return timeout;
    }

    private Task LogAttempt(ImportAttempt a) => Log(string.Create(CultureInfo.InvariantCulture,
        $"[import] {a.Path} #{a.Number}: accepted {a.Accepted.TotalMilliseconds:F0} ms, {(a.Sent is { } s ? $"sent {s.TotalMilliseconds:F0} ms, " : string.Empty)}on the other device {a.Reached.TotalMilliseconds:F0} ms ({a.Received}/{a.Entities})"));



    private Task Log(string line) => log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} {line}"));

    /// <summary>Counts the receiving device's remote creates until every expected one (by id, or by number) has arrived.</summary>
    private sealed class Arrival : IDisposable
    {
        private readonly SyncClient _client;
        private readonly Lock _lock = new();
        private readonly HashSet<string>? _ids;
        private readonly Stopwatch _clock;
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly int _expected;
        private int _count;

        public Arrival(SyncClient client, Stopwatch clock, IEnumerable<string> ids) : this(client, clock, [.. ids], 0) { }

        public Arrival(SyncClient client, Stopwatch clock, int expected) : this(client, clock, null, expected) { }

        private Arrival(SyncClient client, Stopwatch clock, HashSet<string>? ids, int expected)
        {
            _client = client;
            _clock = clock;
            _ids = ids;
            _expected = expected;
            client.EntitiesChanged += OnChanged;
        }

        public TimeSpan? CompletedAt { get; private set; }

        public async Task<int> WaitAsync(CancellationToken cancellationToken)
        {
            try
            {
                await _done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Reported as fewer received than expected.
            }
            lock (_lock) return _count;
        }

        public void Dispose() => _client.EntitiesChanged -= OnChanged;

        private void OnChanged(object? sender, EntitiesChangedEventArgs e)
        {
            if (!e.Remote) return;
            lock (_lock)
            {
                foreach (var change in e.Changes)
                {
                    if (change.Op != MutationOps.Create) continue;
                    if (_ids is not null)
                    {
                        if (!_ids.Remove(change.EntityId)) continue;
                        _count++;
                        if (_ids.Count == 0) Complete();
                    }
                    else if (++_count == _expected)
                    {
                        Complete();
                    }
                }
            }
        }

        private void Complete()
        {
            CompletedAt = _clock.Elapsed;
            _done.TrySetResult();
        }
    }
}
