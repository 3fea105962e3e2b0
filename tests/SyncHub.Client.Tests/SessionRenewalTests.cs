using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Testing;
using static SyncHub.Client.TestSupport.Bodies;

namespace SyncHub.Client.Tests;

/// <summary>Token renewal against a hub with a short token lifetime, and secrets kept out of the logs throughout.</summary>
public sealed class SessionRenewalTests
{
    [Fact]
    public async Task The_token_is_renewed_at_half_life_without_a_visible_change_and_no_secret_reaches_the_logs()
    {
        // Real time, kept short: the hub's clock decides expiry, so the client must renew before 6 s pass.
        await using var hub = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["SyncHub:TokenLifetime"] = "00:00:06" });
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        using var logs = new CapturingLoggerProvider();
        await using var device = await TestDevice.SignInAsync(hub.BaseUrl, account, start: false, configure: o => o.LoggerFactory = logs);
        var firstToken = SessionProbe.StoredToken(device.ProfileDirectory)!;
        var firstExpiry = device.Client.Session!.ExpiresAt!.Value;
        using var states = new StatusRecorder(device.Client);
        await device.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await device.InSyncAsync();

        await Task.Delay(firstExpiry - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(3));

        device.Client.State.Should().Be(SyncState.Online);
        states.Seen.Should().NotContain(s => s.State == SyncState.Error, "renewal is invisible to the person");
        device.Client.Session!.ExpiresAt.Should().BeAfter(firstExpiry);
        var renewedToken = SessionProbe.StoredToken(device.ProfileDirectory)!;
        renewedToken.Should().NotBe(firstToken);
        var id = await device.Client.CreateAsync(EntityKinds.Collection, null, Named("After the first token expired"));
        await device.InSyncAsync();
        device.Client.GetEntity(id)!.Version.Should().Be(1);
        logs.Lines.Should().Contain(l => l.Id.Id == 22, "the renewal is logged (without the token)");

        var lastToken = SessionProbe.StoredToken(device.ProfileDirectory)!;
        await device.Client.SignOutAsync().WaitAsync(TestTimeouts.Default);

        foreach (var secret in new[] { firstToken, renewedToken, lastToken, account.Password })
            logs.Lines.Should().NotContain(l => l.Text.Contains(secret, StringComparison.Ordinal));
    }
}
