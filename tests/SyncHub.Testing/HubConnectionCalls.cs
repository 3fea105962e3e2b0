using Microsoft.AspNetCore.SignalR.Client;
using SyncHub.Protocol;

namespace SyncHub.Testing;

/// <summary>Typed calls of the hub's methods (docs/PROTOCOL.md) on a raw connection, each bounded by <see cref="TestTimeouts.Default"/>.</summary>
public static class HubConnectionCalls
{
    /// <summary>Subscribes to workspaces with cursor 0.</summary>
    public static Task<SubscribeResult> SubscribeAsync(this HubConnection connection, params string[] workspaceIds) =>
        connection.SubscribeAsync(new SubscribeRequest { Workspaces = [.. workspaceIds.Select(id => new WorkspaceCursor { WorkspaceId = id })] });

    /// <summary>Calls <c>Subscribe</c>.</summary>
    public static Task<SubscribeResult> SubscribeAsync(this HubConnection connection, SubscribeRequest request, CancellationToken cancellationToken = default) =>
        connection.InvokeAsync<SubscribeResult>(HubMethods.Subscribe, request, cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);

    /// <summary>Calls <c>Mutate</c>.</summary>
    public static Task<MutationResult[]> MutateAsync(this HubConnection connection, params Mutation[] mutations) =>
        connection.InvokeAsync<MutationResult[]>(HubMethods.Mutate, mutations).WaitAsync(TestTimeouts.Default);

    /// <summary>Calls <c>Mutate</c> with one mutation and returns its result.</summary>
    public static async Task<MutationResult> MutateOneAsync(this HubConnection connection, Mutation mutation) =>
        (await connection.MutateAsync(mutation)).Single();

    /// <summary>Calls <c>GetChanges</c>.</summary>
    public static Task<ChangePage> GetChangesAsync(this HubConnection connection, string workspaceId, long afterSeq, int limit, CancellationToken cancellationToken = default) =>
        connection.InvokeAsync<ChangePage>(HubMethods.GetChanges, workspaceId, afterSeq, limit, cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);

    /// <summary>Calls <c>StreamChanges</c> and collects every page.</summary>
    public static async Task<List<ChangePage>> StreamChangesAsync(this HubConnection connection, string workspaceId, long afterSeq, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TestTimeouts.Default);
        var pages = new List<ChangePage>();
        await foreach (var page in connection.StreamAsync<ChangePage>(HubMethods.StreamChanges, workspaceId, afterSeq, timeout.Token))
        {
            pages.Add(page);
        }
        return pages;
    }

    /// <summary>Pulls every change after <paramref name="afterSeq"/> with <c>GetChanges</c> while <c>hasMore</c>.</summary>
    public static async Task<List<Change>> GetAllChangesAsync(this HubConnection connection, string workspaceId, long afterSeq = 0, int limit = 500)
    {
        var all = new List<Change>();
        while (true)
        {
            var page = await connection.GetChangesAsync(workspaceId, afterSeq, limit);
            all.AddRange(page.Changes);
            if (page.Changes.Length > 0) afterSeq = page.Changes[^1].Seq;
            if (!page.HasMore) return all;
        }
    }

    /// <summary>Calls <c>StreamSnapshot</c> and collects every page.</summary>
    public static async Task<List<EntityPage>> StreamSnapshotAsync(this HubConnection connection, string workspaceId, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TestTimeouts.Default);
        var pages = new List<EntityPage>();
        await foreach (var page in connection.StreamAsync<EntityPage>(HubMethods.StreamSnapshot, workspaceId, timeout.Token))
        {
            pages.Add(page);
        }
        return pages;
    }

    /// <summary>
    /// Starts the connection and waits until the hub has registered it. The handshake answers before the hub's
    /// OnConnectedAsync has run (on Redis the backplane subscribes first), so a device that has only started may not yet
    /// be online, in its account's group or reachable by a sign-out; the hub answers a call only after that.
    /// </summary>
    public static async Task StartRegisteredAsync(this HubConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await connection.StartAsync(cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);
        await connection.GetDevicesAsync(cancellationToken);
    }

    /// <summary>Calls <c>GetDevices</c>.</summary>
    public static Task<Protocol.Http.DeviceInfo[]> GetDevicesAsync(this HubConnection connection, CancellationToken cancellationToken = default) =>
        connection.InvokeAsync<Protocol.Http.DeviceInfo[]>(HubMethods.GetDevices, cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);

    /// <summary>Calls <c>AcknowledgeSignOut</c>.</summary>
    public static Task AcknowledgeSignOutAsync(this HubConnection connection, CancellationToken cancellationToken = default) =>
        connection.InvokeAsync(HubMethods.AcknowledgeSignOut, cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);
}
