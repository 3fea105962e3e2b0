namespace SyncHub.Protocol.Http;

/// <summary>
/// Body of <c>POST /api/sessions</c>. <paramref name="Login"/> is the username or the email.
/// <paramref name="ReplaceDeviceId"/>, when the account is at its device limit, names the device to sign out
/// in the same step (the password authorizes it).
/// </summary>
public sealed record SignInRequest(string Login, string Password, string? DeviceName, string? ReplaceDeviceId = null);
