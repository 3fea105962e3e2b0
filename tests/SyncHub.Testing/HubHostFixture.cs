namespace SyncHub.Testing;

/// <summary>An xunit class fixture: one in-process hub with default settings shared by a test class (tests isolate themselves by using their own accounts).</summary>
public sealed class HubHostFixture : IAsyncLifetime
{
    private HubHost? _host;

    /// <summary>The shared hub.</summary>
    public HubHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The shared hub's address.</summary>
    public Uri BaseUrl => Host.BaseUrl;

    /// <inheritdoc />
    public async Task InitializeAsync() => _host = await HubHost.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}
