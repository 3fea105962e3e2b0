using System.Threading.Channels;
using Spectre.Console;
using SyncHub.Client;
using SyncHub.Protocol;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>watch: the sync state, incoming changes, devices, new conflicts and workspaces coming and going, live, until Ctrl+C.</summary>
internal static class WatchCommand
{
    public static async Task<int> RunAsync(CommandContext ctx, CancellationToken cancellationToken)
    {
        var client = await ctx.GetSignedInClientAsync(cancellationToken);
        var console = AnsiConsoleFactory.Create(ctx.Out, ctx.Console.UseColor);
        // Events arrive on the engine's threads; one reader writes them so that lines never interleave.
        var lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        var lastLabel = string.Empty;
        var gate = new Lock();
        var stopped = new TaskCompletionSource<SyncStatus>(TaskCreationOptions.RunContinuationsAsynchronously);

        void OnStatusChanged(object? sender, SyncStatusChangedEventArgs e)
        {
            var label = StatusText.Label(e.Current, signedIn: true);
            lock (gate)
            {
                if (label == lastLabel) return;
                lastLabel = label;
            }
            var line = $"{Now()} [blue]state[/] {Markup.Escape(label)}";
            if (e.Current.ErrorMessage is { } message && e.Current.State != SyncState.Online) line += $" [grey]({Markup.Escape(message)})[/]";
            lines.Writer.TryWrite(line);
            // The engine stops for good on unauthorized or a remote sign-out: nothing more will come.
            if (e.Current is { State: SyncState.Error, ErrorCode: ErrorCodes.Unauthorized } or { ErrorCode: ErrorCodes.SignedOut }
                or { State: SyncState.Offline, ErrorCode: ErrorCodes.Unauthorized })
                stopped.TrySetResult(e.Current);
        }

        var presence = new PresenceTracker(client.Session?.DeviceId);
        void OnPresenceChanged(object? sender, PresenceChangedEventArgs e)
        {
            IReadOnlyList<string> changes;
            lock (gate) changes = presence.Update(e.Devices);
            foreach (var change in changes) lines.Writer.TryWrite($"{Now()} [magenta]device[/] {change}");
        }

        void OnEntitiesChanged(object? sender, EntitiesChangedEventArgs e)
        {
            if (!e.Remote) return;
            foreach (var change in e.Changes) lines.Writer.TryWrite($"{Now()} {Describe(change)}");
        }

        void OnConflictDetected(object? sender, ConflictDetectedEventArgs e)
        {
            var c = e.Conflict;
            var fields = c.ConflictingFields.Count > 0 ? $"both changed {string.Join(", ", c.ConflictingFields)}" : c.IsAgainstDelete ? "deleted on another device" : "changed on another device";
            lines.Writer.TryWrite($"{Now()} [red]conflict[/] {Markup.Escape(c.Kind)} {Markup.Escape(c.EntityId)}: {Markup.Escape(fields)}; settle it with 'synchub resolve {c.Id} mine|theirs'");
        }

        // The list as watch started, so that a push names what came and went.
        var known = client.Workspaces.ToDictionary(w => w.WorkspaceId, w => w.Name, StringComparer.Ordinal);
        void OnWorkspacesChanged(object? sender, WorkspacesChangedEventArgs e)
        {
            var changes = new List<string>();
            lock (gate)
            {
                foreach (var w in e.Workspaces.Where(w => !known.ContainsKey(w.WorkspaceId)))
                    changes.Add($"[green]+[/] workspace '{Markup.Escape(w.Name)}' {Markup.Escape(w.WorkspaceId)} ({Markup.Escape(w.Role)})");
                // A workspace the library never held (lost while it was still catching up) is in neither list's removal, only gone from the list.
                var gone = e.Removed.Union(known.Keys.Where(id => e.Workspaces.All(w => w.WorkspaceId != id)), StringComparer.Ordinal).ToList();
                foreach (var id in gone)
                {
                    var name = known.TryGetValue(id, out var n) ? $" '{Markup.Escape(n)}'" : string.Empty;
                    var saved = e.UnsentSavedTo is { } path ? $"; unsent edits saved to {Markup.Escape(path)}" : string.Empty;
                    changes.Add($"[red]-[/] workspace{name} {Markup.Escape(id)} is no longer yours{saved}");
                }
                known = e.Workspaces.ToDictionary(w => w.WorkspaceId, w => w.Name, StringComparer.Ordinal);
            }
            foreach (var change in changes) lines.Writer.TryWrite($"{Now()} {change}");
        }

        client.StatusChanged += OnStatusChanged;
        client.EntitiesChanged += OnEntitiesChanged;
        client.PresenceChanged += OnPresenceChanged;
        client.ConflictDetected += OnConflictDetected;
        client.WorkspacesChanged += OnWorkspacesChanged;
        try
        {
            await ctx.InformAsync("Watching; press Ctrl+C to stop.");
            OnStatusChanged(client, new SyncStatusChangedEventArgs(client.Status, client.Status));
            // The shell's engine may already know who is online.
            if (client.Devices.Count > 0) OnPresenceChanged(client, new PresenceChangedEventArgs(client.Devices));
            if (!ctx.Host.EngineRunsInBackground || client.State == SyncState.Offline) await client.StartAsync(cancellationToken);

            var reading = PrintAsync(console, ctx.Out, lines.Reader, cancellationToken);
            var finished = await Task.WhenAny(reading, stopped.Task);
            if (finished == stopped.Task)
            {
                lines.Writer.TryComplete();
                await reading;
                var status = await stopped.Task;
                await CommandTree.WriteErrorAsync(ctx.Error, status.ErrorCode ?? ErrorCodes.Unauthorized, status.ErrorMessage ?? "Signed out by the hub.");
                if (status.ErrorCode == ErrorCodes.SignedOut)
                    await ctx.InformAsync("This profile is signed out and its local copy removed: run 'synchub login LOGIN PASSWORD' to sign in again.");
                return ExitCodes.Error;
            }
            await reading;
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ctx.InformAsync("Stopped watching.");
            return ExitCodes.Ok;
        }
        finally
        {
            client.StatusChanged -= OnStatusChanged;
            client.EntitiesChanged -= OnEntitiesChanged;
            client.PresenceChanged -= OnPresenceChanged;
            client.ConflictDetected -= OnConflictDetected;
            client.WorkspacesChanged -= OnWorkspacesChanged;
            if (!ctx.Host.EngineRunsInBackground)
            {
                using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await client.StopAsync(stopTimeout.Token);
                }
                catch (OperationCanceledException)
                {
                    // Leaving anyway.
                }
            }
        }
    }

    private static async Task PrintAsync(IAnsiConsole console, TextWriter output, ChannelReader<string> lines, CancellationToken cancellationToken)
    {
        await foreach (var line in lines.ReadAllAsync(cancellationToken))
        {
            console.MarkupLine(line);
            await output.FlushAsync(cancellationToken);
        }
    }

    private static string Describe(Change change)
    {
        var (symbol, verb) = change.Op switch
        {
            MutationOps.Create => ("[green]+[/]", "created"),
            MutationOps.Delete => ("[red]-[/]", "deleted"),
            _ => ("[yellow]~[/]", "updated"),
        };
        var name = EntityBodies.Field(change.Body, "name");
        var named = name is null ? string.Empty : $" '{Markup.Escape(name)}'";
        return $"{symbol} {verb} {Markup.Escape(change.Kind)} {Markup.Escape(change.EntityId)}{named} [grey](v{change.Version}, seq {change.Seq})[/]";
    }

    private static string Now() => $"[grey]{DateTime.Now:HH:mm:ss}[/]";
}
