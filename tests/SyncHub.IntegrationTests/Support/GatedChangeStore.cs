using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SyncHub.Protocol;
using SyncHub.Server.Storage;

namespace SyncHub.Client.TestSupport;

/// <summary>
/// Wraps the hub's change store so a test can make the hub stop answering mutations (commits wait on a gate) and
/// answer again later. Reads are not gated.
/// </summary>
public sealed class GatedChangeStore : IChangeStore, IDisposable
{
    private readonly IChangeStore _inner;
    private readonly StoreGate _gate;

    public GatedChangeStore(IChangeStore inner, StoreGate gate)
    {
        _inner = inner;
        _gate = gate;
    }

    /// <summary>Replaces the registered <see cref="IChangeStore"/> with a gated decorator of it.</summary>
    public static void Install(WebApplicationBuilder builder, StoreGate gate)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var descriptor = builder.Services.Last(d => d.ServiceType == typeof(IChangeStore));
        builder.Services.Remove(descriptor);
        builder.Services.AddSingleton<IChangeStore>(sp =>
        {
            var inner = descriptor.ImplementationFactory is { } factory
                ? (IChangeStore)factory(sp)
                : descriptor.ImplementationInstance as IChangeStore
                  ?? (IChangeStore)ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!);
            return new GatedChangeStore(inner, gate);
        });
    }

    public async Task<IReadOnlyList<MutationOutcome>> ApplyAsync(IReadOnlyList<PendingMutation> batch, CancellationToken cancellationToken)
    {
        await _gate.PassAsync().ConfigureAwait(false);
        return await _inner.ApplyAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AllOrNothingOutcome> ApplyAllOrNothingAsync(IReadOnlyList<PendingMutation> batch, CancellationToken cancellationToken)
    {
        await _gate.PassAsync().ConfigureAwait(false);
        return await _inner.ApplyAllOrNothingAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    public Task<ChangePage> GetChangesAsync(string workspaceId, long afterSeq, int limit, CancellationToken cancellationToken) =>
        _inner.GetChangesAsync(workspaceId, afterSeq, limit, cancellationToken);

    public Task<long> GetHeadSeqAsync(string workspaceId, CancellationToken cancellationToken) =>
        _inner.GetHeadSeqAsync(workspaceId, cancellationToken);

    public void Dispose() => (_inner as IDisposable)?.Dispose();
}

/// <summary>Open: commits pass. Closed: they wait until it opens.</summary>
public sealed class StoreGate
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _open = NewOpen(completed: true);

    public void Close()
    {
        lock (_lock)
        {
            if (_open.Task.IsCompleted) _open = NewOpen(completed: false);
        }
    }

    public void Open()
    {
        lock (_lock) _open.TrySetResult();
    }

    public Task PassAsync()
    {
        lock (_lock) return _open.Task;
    }

    private static TaskCompletionSource NewOpen(bool completed)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed) tcs.SetResult();
        return tcs;
    }
}
