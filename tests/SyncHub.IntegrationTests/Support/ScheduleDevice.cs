using SyncHub.Protocol;

namespace SyncHub.Client.TestSupport;

/// <summary>
/// One device of a random schedule: a <see cref="TestDevice"/> that remembers the mutation id of every local edit it
/// made (from its own, non-remote <see cref="SyncClient.EntitiesChanged"/> events), across app restarts.
/// </summary>
public sealed class ScheduleDevice : IAsyncDisposable
{
    private readonly List<(string MutationId, string EntityId)> _edits = [];
    private readonly List<ConflictRecord> _resolved = [];

    private ScheduleDevice(TestDevice device, string name)
    {
        Device = device;
        Name = name;
        Watch();
    }

    public TestDevice Device { get; }

    public SyncClient Client => Device.Client;

    public string Name { get; }

    /// <summary>Whether the engine is started (the schedule's idea of online).</summary>
    public bool Started { get; private set; } = true;

    /// <summary>The local edits made on this device (mutation id, entity), oldest first.</summary>
    public IReadOnlyList<(string MutationId, string EntityId)> Edits => _edits;

    /// <summary>Conflicts the schedule resolved: they held their edits until the person chose.</summary>
    public IReadOnlyList<ConflictRecord> Resolved => _resolved;

    public async Task ResolveAsync(ConflictRecord conflict, ConflictResolution resolution)
    {
        await Client.ResolveAsync(conflict, resolution).WaitAsync(SyncHub.Testing.TestTimeouts.Default);
        _resolved.Add(conflict);
    }

    public static async Task<ScheduleDevice> SignInAsync(Uri server, SyncHub.Testing.TestSession account, string name) =>
        new(await TestDevice.SignInAsync(server, account, deviceName: name), name);

    /// <summary>Waits until the account's workspaces (as the hub pushed them) include <paramref name="workspaceId"/>, then makes it the active one.</summary>
    public async Task SwitchToAsync(string workspaceId)
    {
        var known = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, WorkspacesChangedEventArgs e)
        {
            if (e.Workspaces.Any(w => w.WorkspaceId == workspaceId)) known.TrySetResult();
        }
        Client.WorkspacesChanged += OnChanged;
        try
        {
            if (Client.Workspaces.Any(w => w.WorkspaceId == workspaceId)) known.TrySetResult();
            await known.Task.WaitAsync(SyncHub.Testing.TestTimeouts.Default);
        }
        finally
        {
            Client.WorkspacesChanged -= OnChanged;
        }
        Client.SwitchWorkspace(workspaceId);
    }

    public async Task StopAsync()
    {
        await Client.StopAsync().WaitAsync(SyncHub.Testing.TestTimeouts.Default);
        Started = false;
    }

    public async Task StartAsync()
    {
        await Client.StartAsync().WaitAsync(SyncHub.Testing.TestTimeouts.Default);
        Started = true;
    }

    /// <summary>An app restart: the client is disposed and the profile opened again, started if it was.</summary>
    public async Task RestartAsync(Uri server)
    {
        await Device.ReopenAsync(server);
        Watch();
        if (Started) await StartAsync();
    }

    public ValueTask DisposeAsync() => Device.DisposeAsync();

    private void Watch() => Client.EntitiesChanged += (_, e) =>
    {
        if (e.Remote) return;
        lock (_edits)
        {
            // A cascaded local delete lists its descendants under the same mutation: one edit.
            foreach (var change in e.Changes)
            {
                if (!string.IsNullOrEmpty(change.MutationId) && !_edits.Exists(x => x.MutationId == change.MutationId))
                    _edits.Add((change.MutationId, change.EntityId));
            }
        }
    };

    public override string ToString() => $"{Name} ({(Started ? "online" : "offline")})";

    /// <summary>Kinds that hold the schedule's folders and requests.</summary>
    public static bool IsContainer(LocalEntity e) => e.Kind is EntityKinds.Collection or EntityKinds.Folder;
}
