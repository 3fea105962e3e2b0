using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using SyncHub.Bench.Driver;
using SyncHub.Bench.Targets;
using SyncHub.Client;
using SyncHub.Protocol;

namespace SyncHub.Bench.Restore;

/// <summary>
/// A person signs in on a new device and the whole workspace comes down: the real hub, seeded with
/// raw Mutate batches, and the real connection library (<see cref="SyncClient"/>) on a fresh profile
/// directory, timed from SignInAsync to InSync with every entity in the local store.
/// </summary>
internal sealed class RestoreBenchmark(BenchOptions options, TextWriter log)
{
    private const int SeedBatch = 100;

    public async Task<RestoreResult> RunAsync(CancellationToken cancellationToken)
    {
        var hub = new SyncHubTarget(options.KeepData);
        await using (hub.ConfigureAwait(false))
        {
            await hub.StartAsync(cancellationToken).ConfigureAwait(false);
            // One device seeds; the restoring profiles sign in (and out again) next to it, within the device limit.
            var account = (await hub.ProvisionAccountsAsync(1, 1, cancellationToken).ConfigureAwait(false))[0];
            var seeding = Stopwatch.StartNew();
            var entities = await SeedAsync(hub, account, cancellationToken).ConfigureAwait(false);
            seeding.Stop();
            await Log($"[restore] seeded {entities.Count} entities (head seq {entities.HeadSeq}) in {seeding.Elapsed.TotalSeconds:F1} s").ConfigureAwait(false);

            var attempts = new List<RestoreAttempt>(options.RestoreRepeats);
            for (var n = 1; n <= options.RestoreRepeats; n++)
            {
                BenchHousekeeping.Collect();
                var attempt = await RestoreOnceAsync(hub, account, n, cancellationToken).ConfigureAwait(false);
                attempts.Add(attempt);
                await Log($"[restore] #{n}: sign-in to InSync {attempt.SignInToInSync.TotalMilliseconds:F0} ms (sign-in {attempt.SignIn.TotalMilliseconds:F0} ms), {attempt.LocalEntities} entities local, snapshot applied {attempt.SnapshotsApplied}×, other processes' CPU {attempt.OtherCpuShare:P0}").ConfigureAwait(false);
            }
            return new RestoreResult
            {
                Entities = entities.Count,
                Collections = options.RestoreCollections,
                RequestsPerCollection = options.RestoreRequestsPerCollection,
                PayloadBytes = options.RestorePayloadBytes,
                Seeding = seeding.Elapsed,
                HeadSeq = entities.HeadSeq,
                Attempts = attempts,
            };
        }
    }

    private async Task<(int Count, long HeadSeq)> SeedAsync(SyncHubTarget hub, BenchAccount account, CancellationToken cancellationToken)
    {
        var device = new BenchDevice(hub.HubUrl, account, 0, string.Empty);
        await using (device.ConfigureAwait(false))
        {
            await device.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var all = new List<Mutation>(options.RestoreCollections * (options.RestoreRequestsPerCollection + 1));
            for (var c = 0; c < options.RestoreCollections; c++)
            {
                all.Add(Create(account, EntityKinds.Collection, CollectionId(c), null, string.Create(CultureInfo.InvariantCulture, $$"""{"name":"Collection {{c}}"}""")));
            }
            for (var c = 0; c < options.RestoreCollections; c++)
            {
                for (var r = 0; r < options.RestoreRequestsPerCollection; r++)
                {
                    all.Add(Create(account, EntityKinds.Request, string.Create(CultureInfo.InvariantCulture, $"req-{c:D3}-{r:D3}"), CollectionId(c), RequestPayload.Create(c * 1000 + r, options.RestorePayloadBytes)));
                }
            }
            // Collections come first, so every request's parent exists when its batch arrives.
            foreach (var batch in all.Chunk(SeedBatch))
            {
                await device.MutateAllAppliedAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            var head = await device.GetHeadSeqAsync(cancellationToken).ConfigureAwait(false);
            return (all.Count, head);
        }
    }

    private static async Task<RestoreAttempt> RestoreOnceAsync(SyncHubTarget hub, BenchAccount account, int number, CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("synchub-bench-profile-").FullName;
        try
        {
            using var events = new ClientEventCounter();
            using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(events));
            var cpuStart = Environment.CpuUsage.TotalTime;
            var machineStart = WindowSample.ReadMachineCpu();
            var open = Stopwatch.StartNew();
            var client = await SyncClient.OpenAsync(new SyncClientOptions
            {
                ServerUrl = hub.BaseUrl,
                ProfileDirectory = profile,
                LoggerFactory = loggers,
            }, cancellationToken).ConfigureAwait(false);
            open.Stop();
            await using (client.ConfigureAwait(false))
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(120));
                var clock = Stopwatch.StartNew();
                await client.SignInAsync(SyncHubTarget.Username(account.Index), SyncHubTarget.Password, $"restore device {number}", cancellationToken: timeout.Token).ConfigureAwait(false);
                var signIn = clock.Elapsed;
                await client.StartAsync(timeout.Token).ConfigureAwait(false);
                await client.WaitForInSyncAsync(timeout.Token).ConfigureAwait(false);
                clock.Stop();
                var cpu = Environment.CpuUsage.TotalTime - cpuStart;
                var machine = WindowSample.ReadMachineCpu() - machineStart;
                var other = Math.Max(0, (machine - cpu).TotalSeconds / (clock.Elapsed.TotalSeconds * Environment.ProcessorCount));
                var local = client.GetEntities().Count;
                var snapshots = events.Count(ClientEventCounter.SnapshotApplied);
                // Free the device slot for the next attempt (the account allows a few devices only).
                await client.SignOutAsync(force: true, cancellationToken).ConfigureAwait(false);
                return new RestoreAttempt(number, open.Elapsed, signIn, clock.Elapsed, local, snapshots, (long)cpu.TotalMicroseconds, other);
            }
        }
        finally
        {
            BenchHousekeeping.TryDelete(profile);
        }
    }

    private static Mutation Create(BenchAccount account, string kind, string id, string? parent, string body) => new()
    {
        MutationId = Guid.NewGuid().ToString(),
        WorkspaceId = account.WorkspaceId,
        Op = MutationOps.Create,
        Kind = kind,
        EntityId = id,
        ParentId = parent,
        Body = body,
    };

    private static string CollectionId(int c) => string.Create(CultureInfo.InvariantCulture, $"col-{c:D3}");



    private Task Log(string line) => log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} {line}"));
}
