using Microsoft.AspNetCore.SignalR.Client;
using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Testing;
using static SyncHub.Client.TestSupport.Bodies;

namespace SyncHub.Client.IntegrationTests;

public sealed class IdempotencyTests
{
    private static async Task<Change[]> ChangesOfAsync(HubConnection raw, string workspaceId, string entityId)
    {
        var page = await raw.InvokeAsync<ChangePage>(HubMethods.GetChanges, workspaceId, 0L, 1000).WaitAsync(TestTimeouts.Default);
        return [.. page.Changes.Where(c => c.EntityId == entityId)];
    }

    [Fact]
    public async Task The_same_mutation_sent_twice_is_applied_once()
    {
        await using var hub = await HubHost.StartAsync();
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var raw = await RawHubClient.ConnectAsync(hub.BaseUrl, account, HubWireProtocol.MessagePack);
        var mutation = TestMutations.CreateCollection(account.WorkspaceId);

        var first = await raw.InvokeAsync<MutationResult[]>(HubMethods.Mutate, new[] { mutation }).WaitAsync(TestTimeouts.Default);
        var second = await raw.InvokeAsync<MutationResult[]>(HubMethods.Mutate, new[] { mutation }).WaitAsync(TestTimeouts.Default);

        first[0].Status.Should().Be(MutationStatuses.Applied);
        second[0].Should().BeEquivalentTo(first[0]);
        (await ChangesOfAsync(raw, account.WorkspaceId, mutation.EntityId)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_change_whose_acknowledgement_was_lost_is_resent_with_its_mutation_id_and_applied_once()
    {
        await using var hub = await HubHost.StartAsync();
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var device = await TestDevice.SignInAsync(hub.BaseUrl, account, start: false);
        var id = await device.Client.CreateAsync(EntityKinds.Collection, null, Named("Sent twice"));
        var pending = device.Client.GetOutbox().Single();

        // The first send reached the hub, but its answer never came back to the device.
        await using var raw = await RawHubClient.ConnectAsync(hub.BaseUrl, account, HubWireProtocol.MessagePack);
        var lostAck = await raw.InvokeAsync<MutationResult[]>(HubMethods.Mutate, new[]
        {
            new Mutation
            {
                MutationId = pending.MutationId, WorkspaceId = account.WorkspaceId, Op = pending.Op, Kind = pending.Kind,
                EntityId = pending.EntityId, ParentId = pending.ParentId, Body = pending.Body, BaseVersion = pending.BaseVersion,
            },
        }).WaitAsync(TestTimeouts.Default);
        lostAck[0].Status.Should().Be(MutationStatuses.Applied);

        await device.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await device.InSyncAsync();

        device.Client.GetFailedChanges().Should().BeEmpty("a resend must not be refused as already_exists");
        device.Client.GetConflicts().Should().BeEmpty();
        device.Client.GetEntity(id)!.Version.Should().Be(1);
        (await ChangesOfAsync(raw, account.WorkspaceId, id)).Should().ContainSingle();
    }
}
