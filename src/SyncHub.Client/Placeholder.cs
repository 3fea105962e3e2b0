namespace SyncHub.Client; internal static class Placeholder { }
