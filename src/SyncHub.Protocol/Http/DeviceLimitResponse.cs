namespace SyncHub.Protocol.Http;

/// <summary>
/// Body of a <c>409</c> <c>device_limit</c> answer to <c>POST /api/sessions</c>: the error, and the devices signed in,
/// so the person can pick one to replace (<see cref="SignInRequest.ReplaceDeviceId"/>).
/// </summary>
public sealed record DeviceLimitResponse(string Code, string Message, int MaxDevices, IReadOnlyList<DeviceInfo> Devices);
