using System.Text.Json.Serialization;
using SyncHub.Protocol;

namespace SyncHub.Server.Devices;

/// <summary>
/// Something every node must apply to the connections it holds of a device (or of an account), because the device may be
/// connected to any node. Sent between nodes as JSON, so it carries plain values only.
/// </summary>
internal sealed record DeviceEvent
{
    public required DeviceEventKind Kind { get; init; }

    /// <summary>The device (every kind but <see cref="DeviceEventKind.LeftWorkspace"/>).</summary>
    public string? DeviceId { get; init; }

    /// <summary>The account (<see cref="DeviceEventKind.LeftWorkspace"/>).</summary>
    public string? AccountId { get; init; }

    /// <summary>The workspace left (<see cref="DeviceEventKind.LeftWorkspace"/>).</summary>
    public string? WorkspaceId { get; init; }

    /// <summary>The new expiry, in Unix milliseconds (<see cref="DeviceEventKind.Renewed"/>).</summary>
    public long ExpiresAt { get; init; }

    /// <summary>What the device is told (<see cref="DeviceEventKind.SignOutRequested"/>).</summary>
    public string? RequestedBy { get; init; }

    /// <summary>The requesting device's name (<see cref="DeviceEventKind.SignOutRequested"/>).</summary>
    public string? RequestedByName { get; init; }

    /// <summary>How long a node waits for the acknowledgement, in milliseconds (<see cref="DeviceEventKind.SignOutRequested"/>).</summary>
    public int GraceMilliseconds { get; init; }

    /// <summary>The longest a node may take to apply the event.</summary>
    [JsonIgnore]
    public TimeSpan Duration => Kind == DeviceEventKind.SignOutRequested ? TimeSpan.FromMilliseconds(GraceMilliseconds) : TimeSpan.Zero;

    public static DeviceEvent SignOutRequested(string deviceId, SignOutRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new()
        {
            Kind = DeviceEventKind.SignOutRequested,
            DeviceId = deviceId,
            RequestedBy = request.RequestedBy,
            RequestedByName = request.RequestedByName,
            GraceMilliseconds = request.GraceMilliseconds,
        };
    }

    public static DeviceEvent Revoked(string deviceId) => new() { Kind = DeviceEventKind.Revoked, DeviceId = deviceId };

    public static DeviceEvent Renewed(string deviceId, DateTimeOffset expiresAt) =>
        new() { Kind = DeviceEventKind.Renewed, DeviceId = deviceId, ExpiresAt = expiresAt.ToUnixTimeMilliseconds() };

    public static DeviceEvent LeftWorkspace(string accountId, string workspaceId) =>
        new() { Kind = DeviceEventKind.LeftWorkspace, AccountId = accountId, WorkspaceId = workspaceId };

    /// <summary>The request the device is sent.</summary>
    public SignOutRequest ToSignOutRequest() => new()
    {
        RequestedBy = RequestedBy ?? string.Empty,
        RequestedByName = RequestedByName ?? string.Empty,
        GraceMilliseconds = GraceMilliseconds,
    };
}
