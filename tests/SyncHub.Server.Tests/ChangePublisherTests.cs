using Microsoft.Extensions.DependencyInjection;
using SyncHub.Protocol;
using SyncHub.Server.Hubs;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

public sealed class ChangePublisherTests
{
    [Fact]
    public async Task A_host_can_replace_the_publisher_and_a_lost_push_is_still_in_the_log()
    {
        var dropped = 0;
        await using var hub = await HubHost.StartAsync(builder => builder.Services.AddSingleton<IChangePublisher>(sp =>
            new DroppingPublisher(ActivatorUtilities.CreateInstance<HubChangePublisher>(sp), push => push.Changes[0].Seq == 1, () => Interlocked.Increment(ref dropped))));
        var first = await TestAccounts.CreateAsync(hub.BaseUrl);
        var second = await TestAccounts.SignInAsync(hub.BaseUrl, first);
        await using var sender = await RawHubClient.ConnectAsync(hub.BaseUrl, first);
        await using var receiver = await RawHubClient.ConnectAsync(hub.BaseUrl, second);
        using var pushes = new ChangesRecorder(receiver);
        await receiver.SubscribeAsync(first.WorkspaceId);

        await sender.MutateOneAsync(TestMutations.CreateCollection(first.WorkspaceId, "lost"));
        await sender.MutateOneAsync(TestMutations.CreateCollection(first.WorkspaceId, "seen"));
        await pushes.WaitForSeqAsync(first.WorkspaceId, 2);

        dropped.Should().Be(1);
        pushes.Changes.Select(c => c.Seq).Should().Equal(2);
        (await receiver.GetChangesAsync(first.WorkspaceId, 0, 10)).Changes.Select(c => c.EntityId).Should().Equal("lost", "seen");
    }

    private sealed class DroppingPublisher(IChangePublisher inner, Func<ChangesPush, bool> drop, Action onDrop) : IChangePublisher
    {
        public Task PublishAsync(ChangesPush push, string? originConnectionId, CancellationToken cancellationToken)
        {
            if (drop(push))
            {
                onDrop();
                return Task.CompletedTask;
            }
            return inner.PublishAsync(push, originConnectionId, cancellationToken);
        }
    }
}
