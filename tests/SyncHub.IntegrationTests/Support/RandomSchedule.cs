using System.Text;
using System.Text.Json.Nodes;
using SyncHub.Protocol;
using SyncHub.Testing;

namespace SyncHub.Client.TestSupport;

/// <summary>
/// One seeded random schedule: devices make random creates, edits, moves and deletes while going offline and online
/// (and now and then restarting), then all come online and are checked against the hub. Everything random comes from
/// one <see cref="Random"/> seeded with <see cref="Seed"/>, so a failing seed replays the same choices (the timing of
/// the engines' own network work is not replayed: that is what the many schedules explore).
/// </summary>
public sealed class RandomSchedule(int seed, int steps)
{
    private readonly Random _random = new(seed);
    private readonly StringBuilder _trace = new();

    public int Seed { get; } = seed;

    /// <summary>What happened, a line a step: printed when the schedule fails.</summary>
    public string Trace => _trace.ToString();

    public ScheduleTotals Totals { get; } = new();

    /// <summary>Runs the steps on <paramref name="devices"/>, all of one workspace, then settles and checks them.</summary>
    public async Task RunAsync(Uri server, IReadOnlyList<ScheduleDevice> devices, Func<Task<HubState>> readHub)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(readHub);
        for (var step = 0; step < steps; step++)
        {
            var device = devices[_random.Next(devices.Count)];
            await StepAsync(server, device, step);
        }
        await SettleAsync(devices, readHub);
    }

    private async Task StepAsync(Uri server, ScheduleDevice device, int step)
    {
        // A person looks at a conflict soon after it shows: now and then one is resolved before anything else.
        if (device.Client.GetConflicts() is { Count: > 0 } open && _random.Next(3) == 0)
        {
            await ResolveAsync(device, Pick(open), step);
            return;
        }
        var roll = _random.Next(100);
        var live = device.Client.GetEntities();
        var containers = live.Where(ScheduleDevice.IsContainer).ToList();
        try
        {
            switch (roll)
            {
                case < 10:
                    if (device.Started) await device.StopAsync(); else await device.StartAsync();
                    Totals.Toggles++;
                    Log(step, device, device.Started ? "online" : "offline");
                    break;
                case < 12:
                    await device.RestartAsync(server);
                    Totals.Restarts++;
                    Log(step, device, "restart");
                    break;
                case < 17:
                    if (device.Started)
                    {
                        await device.Device.InSyncAsync();
                        Log(step, device, "in sync");
                    }
                    break;
                case < 27:
                    Log(step, device, $"create collection {await device.Client.CreateAsync(EntityKinds.Collection, null, Body("collection", step))}");
                    break;
                case < 47 when containers.Count > 0:
                {
                    var parent = Pick(containers);
                    var kind = _random.Next(3) == 0 ? EntityKinds.Folder : EntityKinds.Request;
                    var id = await device.Client.CreateAsync(kind, parent.Id, Body(kind, step));
                    Log(step, device, $"create {kind} {id} in {parent.Id}");
                    break;
                }
                case < 75 when live.Count > 0:
                {
                    var target = Pick(live);
                    await device.Client.UpdateAsync(target.Id, Edit(target, step));
                    Log(step, device, $"edit {target.Id}");
                    break;
                }
                case < 87 when containers.Count > 0:
                {
                    var movable = live.Where(e => e.Kind is EntityKinds.Folder or EntityKinds.Request).ToList();
                    if (movable.Count == 0) break;
                    var item = Pick(movable);
                    var to = Pick(containers);
                    await device.Client.MoveAsync(item.Id, to.Id);
                    Log(step, device, $"move {item.Id} to {to.Id}");
                    break;
                }
                case >= 87 when live.Count > 0:
                {
                    // Collections go less often, so schedules keep something to work in.
                    var target = Pick(live);
                    if (target.Kind == EntityKinds.Collection && _random.Next(3) != 0) break;
                    await device.Client.DeleteAsync(target.Id);
                    Log(step, device, $"delete {target.Kind} {target.Id}");
                    break;
                }
            }
        }
        catch (SyncException ex) when (ex.Code is ErrorCodes.NotFound or ErrorCodes.InvalidParent)
        {
            // Refused locally (the entity or parent went away under a remote change, or a move below itself): no edit made.
            Totals.RefusedLocally++;
            Log(step, device, $"refused locally: {ex.Code}");
        }
    }

    private async Task ResolveAsync(ScheduleDevice device, ConflictRecord conflict, int step)
    {
        var resolution = _random.Next(3) switch
        {
            0 => ConflictResolution.KeepMine,
            1 => ConflictResolution.KeepTheirs,
            _ when conflict.Theirs is { Deleted: false, Body: { } theirs } => ConflictResolution.Merged(
                Edit(new LocalEntity(conflict.EntityId, string.Empty, conflict.Kind, conflict.Theirs.ParentId, theirs, conflict.Theirs.Version, false), step)),
            _ => ConflictResolution.KeepMine,
        };
        try
        {
            await device.ResolveAsync(conflict, resolution);
            Totals.Resolved++;
            Log(step, device, $"resolve conflict {conflict.Id} on {conflict.EntityId}: {resolution}");
        }
        catch (SyncException ex) when (ex.Code is ErrorCodes.NotFound or ErrorCodes.InvalidParent)
        {
            // Keeping mine against a delete needs the parent; with it gone locally the conflict stays.
            Totals.RefusedLocally++;
            Log(step, device, $"resolve conflict {conflict.Id} refused locally: {ex.Code}");
        }
    }

    private async Task SettleAsync(IReadOnlyList<ScheduleDevice> devices, Func<Task<HubState>> readHub)
    {
        foreach (var device in devices)
        {
            if (!device.Started) await device.StartAsync();
        }
        foreach (var device in devices)
        {
            await device.Device.InSyncAsync(TimeSpan.FromSeconds(60));
        }
        // Nothing is pending anywhere now, so the hub's head no longer moves: every device must reach it.
        var hub = await readHub();
        var expected = Describe(hub.Entities.Values.Select(e => (e.EntityId, e.Kind, e.ParentId, e.Body!, e.Version)));
        foreach (var device in devices)
        {
            try
            {
                await device.Device.UntilAsync(c => Describe(Local(c)) == expected, $"{device.Name} to hold exactly the hub's {hub.Entities.Count} entities at seq {hub.HeadSeq}", TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException ex)
            {
                var holding = string.Join('\n', device.Client.GetFailedChanges().Select(f => $"failed {f.Op} {f.Kind} {f.EntityId}: {f.Code} {f.Message}")
                    .Concat(device.Client.GetConflicts().Select(k => $"conflict {k.Op} {k.Kind} {k.EntityId} theirs v{k.Theirs?.Version} deleted={k.Theirs?.Deleted}")));
                throw new InvalidOperationException($"{ex.Message}\nhub:\n{expected}\n{device.Name}:\n{Describe(Local(device.Client))}\n{holding}\nlocal rows:\n{LocalRows(device)}", ex);
            }

            // A conflict holds its own edit and the later edits of the entity folded into it (docs/CLIENT.md).
            var held = device.Client.GetConflicts().Concat(device.Resolved).ToList();
            bool HeldAsConflict(int index)
            {
                var (mutationId, entityId) = device.Edits[index];
                return held.Any(c => c.MutationId == mutationId
                    || (c.EntityId == entityId && device.Edits.Take(index).Any(e => e.MutationId == c.MutationId)));
            }
            var failed = device.Client.GetFailedChanges();
            var heldAsFailed = failed.Where(f => f.Code == ErrorCodes.InvalidParent).Select(f => f.MutationId).ToHashSet(StringComparer.Ordinal);
            failed.Where(f => f.Code != ErrorCodes.InvalidParent).Should().BeEmpty(
                $"the only permanent refusal a valid schedule can meet is a parent deleted meanwhile on another device ({device.Name})");
            for (var i = 0; i < device.Edits.Count; i++)
            {
                var edit = device.Edits[i].MutationId;
                var landed = hub.AppliedMutations.Contains(edit);
                var conflict = !landed && HeldAsConflict(i);
                (landed || conflict || heldAsFailed.Contains(edit)).Should().BeTrue(
                    $"edit {edit} of {device.Name} must have landed on the hub or be held as a conflict (or, its parent deleted, as failed); none may be dropped");
                if (landed) Totals.Landed++;
                else if (conflict) Totals.Conflicts++;
                else Totals.FailedParentGone++;
            }
            Totals.Edits += device.Edits.Count;
        }
    }

    // The profile's rows as stored (visible and hub copies), to tell which path left a device apart from the hub.
    private static string LocalRows(ScheduleDevice device)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path.Combine(device.Device.ProfileDirectory, "synchub.db"), Pooling = false };
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT workspace_id, id, kind, parent_id, deleted, server_parent_id, server_version, server_deleted FROM entities ORDER BY workspace_id, id";
        using var reader = command.ExecuteReader();
        var rows = new StringBuilder();
        while (reader.Read())
        {
            rows.Append(reader.GetString(0)[..6]).Append(' ').Append(reader.GetString(1)).Append(' ').Append(reader.GetString(2))
                .Append(" parent=").Append(reader.IsDBNull(3) ? "-" : reader.GetString(3)).Append(" deleted=").Append(reader.GetInt64(4))
                .Append(" hub: parent=").Append(reader.IsDBNull(5) ? "-" : reader.GetString(5)).Append(" v").Append(reader.GetInt64(6))
                .Append(" deleted=").Append(reader.GetInt64(7)).AppendLine();
        }
        return rows.ToString();
    }

    private static IEnumerable<(string Id, string Kind, string? ParentId, string Body, long Version)> Local(SyncClient client) =>
        client.GetEntities().Select(e => (e.Id, e.Kind, e.ParentId, e.Body, e.Version));

    // Bodies compare as JSON values, so a re-serialized body with the same content still matches.
    private static string Describe(IEnumerable<(string Id, string Kind, string? ParentId, string Body, long Version)> entities) =>
        string.Join('\n', entities
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => $"{e.Id} {e.Kind} parent={e.ParentId ?? "-"} v{e.Version} {JsonNode.Parse(e.Body)!.ToJsonString()}"));

    private string Body(string kind, int step) => kind == EntityKinds.Request
        ? new JsonObject { ["name"] = $"{kind} {Seed}.{step}", ["method"] = "GET", ["url"] = $"https://example.test/{step}" }.ToJsonString()
        : new JsonObject { ["name"] = $"{kind} {Seed}.{step}" }.ToJsonString();

    // One field of the body changes: the name, or for a request now and then its url or method, so that edits of
    // different devices sometimes touch the same field and sometimes not.
    private string Edit(LocalEntity entity, int step)
    {
        var body = JsonNode.Parse(entity.Body)!.AsObject();
        var field = entity.Kind == EntityKinds.Request ? Pick(["name", "url", "method"]) : Pick(["name", "description"]);
        body[field] = field switch
        {
            "url" => $"https://example.test/{Seed}/{step}",
            "method" => Pick(["GET", "POST", "PUT", "DELETE"]),
            _ => $"{field} {Seed}.{step}",
        };
        return body.ToJsonString();
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private void Log(int step, ScheduleDevice device, string what) => _trace.Append(step).Append(' ').Append(device.Name).Append(": ").AppendLine(what);
}
