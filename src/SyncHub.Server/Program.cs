using SyncHub.Server;

await SyncHubApplication.Create(args).RunAsync().ConfigureAwait(false);

/// <summary>The hub's entry point; public so that tests can name the assembly.</summary>
public partial class Program;
