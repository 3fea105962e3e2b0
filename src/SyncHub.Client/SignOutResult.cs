namespace SyncHub.Client;

/// <summary>What a sign-out (this device's own, or one requested from another device) left behind.</summary>
/// <param name="UnsentChanges">Changes that could not reach the hub before the sign-out.</param>
/// <param name="SavedTo">The JSON file in the profile directory they were saved to, or null when nothing was saved.</param>
public sealed record SignOutResult(int UnsentChanges, string? SavedTo);
