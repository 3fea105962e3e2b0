using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SyncHub.Protocol;
using SyncHub.Server.Diagnostics;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

/// <summary>The instruments of the meter <c>SyncHub</c>, read through a listener as an exporter would, on a real hub.</summary>
public sealed class HubMetricsTests : IAsyncLifetime
{
    private HubHost _hub = null!;
    private TestSession _session = null!;

    public async Task InitializeAsync()
    {
        _hub = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["SyncHub:PageSize"] = "2" });
        _session = await TestAccounts.CreateAsync(_hub.BaseUrl);
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    // Scoped to this hub's meter factory: other hubs of the test process have meters of the same name.
    private MetricCollector<long> Collect(string instrument) =>
        new(_hub.Services.GetRequiredService<IMeterFactory>(), SyncHubMetrics.MeterName, instrument);

    [Fact]
    public async Task Connected_devices_count_a_device_once_while_it_has_a_connection_and_zero_after()
    {
        using var connected = Collect("synchub.devices.connected");
        long Observe()
        {
            connected.RecordObservableInstruments();
            return connected.LastMeasurement?.Value ?? -1;
        }

        var first = await RawHubClient.ConnectAsync(_hub.BaseUrl, _session);
        var second = await RawHubClient.ConnectAsync(_hub.BaseUrl, _session);
        await TestWait.UntilAsync(() => _hub.Services.GetRequiredService<SyncHubMetrics>().ConnectedDevices == 1 && Observe() == 1, "one connected device");
        await first.DisposeAsync();
        Observe().Should().Be(1, "the device still has a connection");
        await second.DisposeAsync();

        await TestWait.UntilAsync(() => Observe() == 0, "no connected device");
        connected.Instrument!.Unit.Should().Be("{device}");
    }

    [Fact]
    public async Task A_conflict_counts_as_a_conflict_and_not_as_a_refusal()
    {
        using var conflicts = Collect("synchub.mutations.conflicts");
        using var refused = Collect("synchub.mutations.refused");
        using var accepted = Collect("synchub.mutations.accepted");
        await using var connection = await RawHubClient.ConnectAsync(_hub.BaseUrl, _session);
        var ws = _session.WorkspaceId;
        var v1 = TestMutations.Body("Login");
        await connection.MutateAsync(TestMutations.CreateCollection(ws, "c"), TestMutations.Create(ws, EntityKinds.Request, "r", "c", v1));
        await connection.MutateOneAsync(TestMutations.Update(ws, EntityKinds.Request, "r", "c", TestMutations.Body("Sign in"), 1));
        var stale = TestMutations.Update(ws, EntityKinds.Request, "r", "c", TestMutations.Body("Log on"), 1);
        stale.BaseParentId = "c";
        stale.BaseBody = v1;

        var result = await connection.MutateOneAsync(stale);

        result.Status.Should().Be(MutationStatuses.Conflict);
        conflicts.GetMeasurementSnapshot().Should().ContainSingle().Which.Value.Should().Be(1);
        refused.GetMeasurementSnapshot().Should().BeEmpty();
        accepted.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(3);
        _hub.Services.GetRequiredService<SyncHubMetrics>().Conflicts.Should().Be(1);
    }

    [Fact]
    public async Task A_refused_mutation_is_counted_under_its_code_whether_the_hub_or_the_store_refused_it()
    {
        using var refused = Collect("synchub.mutations.refused");
        await using var connection = await RawHubClient.ConnectAsync(_hub.BaseUrl, _session);
        var ws = _session.WorkspaceId;
        var unknownKind = TestMutations.Create(ws, "spaceship", "s", null, TestMutations.Body("Nope"));

        var results = await connection.MutateAsync(unknownKind, TestMutations.Update(ws, EntityKinds.Collection, "missing", null, TestMutations.Body("Gone"), 1));

        results.Select(r => r.Status).Should().Equal(MutationStatuses.Rejected, MutationStatuses.Rejected);
        var codes = refused.GetMeasurementSnapshot().Select(m => (m.Value, Code: m.Tags[SyncHubMetrics.CodeTag] as string)).ToList();
        codes.Should().BeEquivalentTo([(1L, ErrorCodes.UnknownKind), (1L, results[1].Code)]);
        results[1].Code.Should().NotBe(ErrorCodes.UnknownKind).And.NotBeNull();
    }

    [Fact]
    public async Task A_catch_up_of_two_pages_counts_two_pages_by_either_method()
    {
        using var pages = Collect("synchub.catchup.pages");
        await using var connection = await RawHubClient.ConnectAsync(_hub.BaseUrl, _session);
        var ws = _session.WorkspaceId;
        await connection.MutateAsync([.. Enumerable.Range(0, 4).Select(n => TestMutations.CreateCollection(ws, $"c{n}"))]);

        var streamed = await connection.StreamChangesAsync(ws, 0);
        var streamedPages = pages.GetMeasurementSnapshot().Sum(m => m.Value);
        var pulled = await connection.GetAllChangesAsync(ws, 0, 2);

        streamed.Should().HaveCount(2);
        streamedPages.Should().Be(2);
        pulled.Should().HaveCount(4);
        pages.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(4, "GetChanges answered two pages as well");
        _hub.Services.GetRequiredService<SyncHubMetrics>().CatchUpPages.Should().Be(4);
    }

    [Fact]
    public void The_meter_is_named_SyncHub()
    {
        SyncHubMetrics.MeterName.Should().Be("SyncHub");
        using var pushed = Collect("synchub.changes.pushed");
        pushed.Instrument.Should().NotBeNull();
        pushed.Instrument!.Meter.Name.Should().Be("SyncHub");
    }
}
