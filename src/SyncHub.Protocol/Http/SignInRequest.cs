namespace SyncHub.Protocol.Http;

/// <summary>Body of <c>POST /api/sessions</c>. <paramref name="Login"/> is the username or the email.</summary>
public sealed record SignInRequest(string Login, string Password, string? DeviceName);
