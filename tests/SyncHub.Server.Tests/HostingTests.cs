using Microsoft.Extensions.Options;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

// What the SQLite store itself does (its file, its writer): not part of the contract both stores run.
[Trait("Store", "Sqlite")]
public sealed class HostingTests
{
    [Theory]
    [InlineData("SyncHub:MaxBatchSize", "0")]
    [InlineData("SyncHub:PageSize", "-1")]
    [InlineData("SyncHub:CommitBatchSize", "0")]
    [InlineData("SyncHub:TokenLifetime", "-1.00:00:00")]
    public async Task Invalid_settings_stop_the_start_with_a_message_naming_the_setting(string key, string value)
    {
        var start = () => HubHost.StartAsync(settings: new Dictionary<string, string?> { [key] = value }, store: HubStore.Sqlite);

        var failure = await start.Should().ThrowAsync<OptionsValidationException>();
        failure.Which.Message.Should().Contain(key);
    }

    [Fact]
    public async Task The_default_url_is_port_5080_unless_urls_are_given()
    {
        using var data = TempDirectory.Create();
        await using var defaulted = SyncHubApplication.Create(["--SyncHub:DataDirectory", data.Path, "--hostBuilder:reloadConfigOnChange=false"]);
        await using var given = SyncHubApplication.Create(["--urls", "http://127.0.0.1:5999", "--SyncHub:DataDirectory", data.Path, "--hostBuilder:reloadConfigOnChange=false"]);

        defaulted.Configuration["urls"].Should().Be("http://localhost:5080");
        given.Configuration["urls"].Should().Be("http://127.0.0.1:5999");
    }
}
