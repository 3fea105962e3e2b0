using System.Text.Json.Nodes;
using SyncHub.Client;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>workspaces, workspace create, workspace use: the account's workspaces and which one the other commands act on.</summary>
internal static class WorkspaceCommands
{
    public static async Task<int> ListAsync(CommandContext ctx, bool json, CancellationToken cancellationToken)
    {
        var client = await ctx.GetSignedInClientAsync(cancellationToken);
        var workspaces = await FetchAsync(ctx, client, cancellationToken);
        var active = client.ActiveWorkspaceId;
        if (json)
        {
            var array = new JsonArray([.. workspaces.Select(w => (JsonNode)new JsonObject
            {
                ["workspaceId"] = w.WorkspaceId,
                ["name"] = w.Name,
                ["personal"] = w.Personal,
                ["role"] = w.Role,
                ["ownerAccountId"] = w.OwnerAccountId,
                ["active"] = w.WorkspaceId == active,
            })]);
            await ctx.WriteResultAsync(array.ToJsonString(JsonOutput.Indented));
            return ExitCodes.Ok;
        }
        foreach (var w in workspaces)
        {
            var mark = w.WorkspaceId == active ? "*" : " ";
            var kind = w.Personal ? "personal" : w.Role;
            await ctx.Out.WriteLineAsync($"{mark} {w.Name}  {w.WorkspaceId}  ({kind})");
        }
        await ctx.Out.FlushAsync(cancellationToken);
        await ctx.InformAsync($"{StatusText.Count(workspaces.Count, "workspace")}; * marks the active one. Switch with 'synchub workspace use ID'.");
        return ExitCodes.Ok;
    }

    public static async Task<int> CreateAsync(CommandContext ctx, string name, CancellationToken cancellationToken)
    {
        var client = await ctx.GetSignedInClientAsync(cancellationToken);
        var created = await client.CreateWorkspaceAsync(name, cancellationToken);
        await ctx.WriteResultAsync(created.WorkspaceId);
        await ctx.InformAsync($"Created workspace '{created.Name}'. Switch to it with 'synchub workspace use {created.WorkspaceId}'; add members with 'synchub members add USERNAME --workspace {created.WorkspaceId}'.");
        return ExitCodes.Ok;
    }

    public static async Task<int> UseAsync(CommandContext ctx, string workspaceId, CancellationToken cancellationToken)
    {
        var client = await ctx.GetSignedInClientAsync(cancellationToken);
        var known = client.Workspaces.FirstOrDefault(w => w.WorkspaceId == workspaceId);
        if (known is null)
        {
            // Maybe one added since this profile last heard: ask the hub before refusing.
            known = (await FetchAsync(ctx, client, cancellationToken)).FirstOrDefault(w => w.WorkspaceId == workspaceId)
                ?? throw new CommandFailedException(ErrorCodes.NotFound, $"'{workspaceId}' is not one of your workspaces: run 'synchub workspaces' to see their ids.");
        }
        client.SwitchWorkspace(workspaceId);
        await ctx.InformAsync($"Now working in '{known.Name}' ({workspaceId}); 'add', 'ls', 'rm' and the others act on it.");
        return ExitCodes.Ok;
    }

    public static async Task<int> MembersAsync(CommandContext ctx, string? workspaceId, bool json, CancellationToken cancellationToken)
    {
        var client = await ctx.GetSignedInClientAsync(cancellationToken);
        var id = workspaceId ?? SyncedActiveWorkspace(client);
        var members = await client.GetMembersAsync(id, cancellationToken);
        if (json)
        {
            var array = new JsonArray([.. members.Select(m => (JsonNode)new JsonObject
            {
                ["accountId"] = m.AccountId,
                ["username"] = m.Username,
                ["role"] = m.Role,
                ["addedAt"] = DateTimeOffset.FromUnixTimeMilliseconds(m.AddedAt).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            })]);
            await ctx.WriteResultAsync(array.ToJsonString(JsonOutput.Indented));
            return ExitCodes.Ok;
        }
        foreach (var m in members)
            await ctx.Out.WriteLineAsync($"{m.Username}  {m.AccountId}  ({m.Role})");
        await ctx.Out.FlushAsync(cancellationToken);
        await ctx.InformAsync($"{StatusText.Count(members.Count, "member")} of workspace {id}.");
        return ExitCodes.Ok;
    }

    public static async Task<int> AddMemberAsync(CommandContext ctx, string? workspaceId, string username, CancellationToken cancellationToken)
    {
        var client = await ctx.GetSignedInClientAsync(cancellationToken);
        var id = workspaceId ?? SyncedActiveWorkspace(client);
        var member = await client.AddMemberAsync(id, username, cancellationToken);
        await ctx.WriteResultAsync(member.AccountId);
        await ctx.InformAsync($"Added {member.Username} to workspace {id}; their devices start syncing it now.");
        return ExitCodes.Ok;
    }

    public static async Task<int> RemoveMemberAsync(CommandContext ctx, string? workspaceId, string who, CancellationToken cancellationToken)
    {
        var client = await ctx.GetSignedInClientAsync(cancellationToken);
        var id = workspaceId ?? SyncedActiveWorkspace(client);
        var members = await client.GetMembersAsync(id, cancellationToken);
        var member = members.FirstOrDefault(m => m.AccountId == who)
            ?? members.FirstOrDefault(m => string.Equals(m.Username, who, StringComparison.OrdinalIgnoreCase))
            ?? throw new CommandFailedException(ErrorCodes.NotFound, $"'{who}' is not a member of workspace {id}: run 'synchub members --workspace {id}' to see them.");
        await client.RemoveMemberAsync(id, member.AccountId, cancellationToken);
        await ctx.InformAsync(member.AccountId == client.Session!.AccountId
            ? $"Left workspace {id}; your devices remove it."
            : $"Removed {member.Username} from workspace {id}; their devices remove it.");
        return ExitCodes.Ok;
    }

    // The Scratch Pad is not on the hub: asking it about "scratch" would only get a confusing refusal.
    private static string SyncedActiveWorkspace(SyncClient client) =>
        client.IsInScratchPad
            ? throw new CommandFailedException(ErrorCodes.InvalidRequest, "The Scratch Pad is local to this device and has no members: give --workspace ID, or 'synchub workspace use ID' first.")
            : client.ActiveWorkspaceId;

    // The hub's list, kept in the profile; the last known one when the hub cannot be reached.
    private static async Task<IReadOnlyList<WorkspaceInfo>> FetchAsync(CommandContext ctx, SyncClient client, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetWorkspacesAsync(cancellationToken);
        }
        catch (Exception e) when (DeviceCommands.IsUnreachable(e))
        {
            await ctx.InformAsync("The hub cannot be reached: this is the list it sent last, and may be out of date.");
            return client.Workspaces;
        }
    }
}
