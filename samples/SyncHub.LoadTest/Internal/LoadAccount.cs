namespace SyncHub.LoadTest.Internal;

/// <summary>One account of the state file.</summary>
internal sealed class LoadAccount
{
    public string Username { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    public bool Registered { get; set; }
}
