using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SyncHub.Protocol;
using SyncHub.Server.Hubs;

namespace SyncHub.Client.TestSupport;

/// <summary>Decorates the hub's publisher to lose the pushes a test picks, as a flaky network or a dead node would.</summary>
public sealed class DroppingChangePublisher : IChangePublisher
{
    private readonly IChangePublisher _inner;
    private readonly Func<ChangesPush, bool> _drop;

    public DroppingChangePublisher(IChangePublisher inner, Func<ChangesPush, bool> drop)
    {
        _inner = inner;
        _drop = drop;
    }

    /// <summary>Pushes for which <paramref name="drop"/> answers true never leave the hub.</summary>
    public static void Install(WebApplicationBuilder builder, Func<ChangesPush, bool> drop)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IChangePublisher>(sp =>
            new DroppingChangePublisher(ActivatorUtilities.CreateInstance<HubChangePublisher>(sp), drop));
    }

    public Task PublishAsync(ChangesPush push, string? originConnectionId, CancellationToken cancellationToken) =>
        _drop(push) ? Task.CompletedTask : _inner.PublishAsync(push, originConnectionId, cancellationToken);
}
