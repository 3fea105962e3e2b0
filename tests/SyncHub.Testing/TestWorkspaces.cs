using System.Net.Http.Json;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;

namespace SyncHub.Testing;

/// <summary>Creates team workspaces and manages their members over the hub's real HTTP endpoints.</summary>
public static class TestWorkspaces
{
    /// <summary>Creates a workspace owned by <paramref name="owner"/>; throws unless the hub answers 201.</summary>
    public static async Task<WorkspaceInfo> CreateAsync(Uri baseUrl, TestSession owner, string name = "Team", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        using var response = await HubHttp.SendAsync(baseUrl, HttpMethod.Post, HubRoutes.Workspaces, owner.Token, new CreateWorkspaceRequest(name), cancellationToken);
        if ((int)response.StatusCode != 201)
            throw new InvalidOperationException($"Creating workspace '{name}' answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return (await response.Content.ReadFromJsonAsync<WorkspaceInfo>(cancellationToken))!;
    }

    /// <summary>The owner adds <paramref name="member"/>'s account; throws unless the hub answers 201.</summary>
    public static async Task AddMemberAsync(Uri baseUrl, TestSession owner, string workspaceId, TestSession member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(member);
        using var response = await HubHttp.SendAsync(baseUrl, HttpMethod.Post, MembersPath(workspaceId), owner.Token, new AddMemberRequest(member.Username), cancellationToken);
        if ((int)response.StatusCode != 201)
            throw new InvalidOperationException($"Adding {member.Username} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    /// <summary><paramref name="caller"/> removes the account <paramref name="accountId"/>; throws unless the hub answers 204.</summary>
    public static async Task RemoveMemberAsync(Uri baseUrl, TestSession caller, string workspaceId, string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        using var response = await HubHttp.SendAsync(baseUrl, HttpMethod.Delete, MembersPath(workspaceId) + "/" + accountId, caller.Token, null, cancellationToken);
        if ((int)response.StatusCode != 204)
            throw new InvalidOperationException($"Removing {accountId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    /// <summary>The path of a workspace's members.</summary>
    public static string MembersPath(string workspaceId) => $"{HubRoutes.Workspaces}/{workspaceId}/members";
}
