namespace SyncHub.LoadTest;

/// <summary>A run that cannot go on (a state for other URLs, a hub that refuses every sign-in, ...), with a sentence for a person.</summary>
public sealed class LoadException(string message) : Exception(message);
