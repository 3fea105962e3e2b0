using Microsoft.Data.Sqlite;
using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Testing;
using static SyncHub.Client.TestSupport.Bodies;

namespace SyncHub.Client.IntegrationTests;

public sealed class ErrorTests
{
    private static async Task<string> CodeOfAsync(Func<Task> act)
    {
        var thrown = await FluentActions.Awaiting(() => act().WaitAsync(TestTimeouts.Default)).Should().ThrowAsync<SyncException>();
        return thrown.Which.Code;
    }

    private static async Task StillUsableAsync(TestDevice device, Uri hub, TestSession account)
    {
        var ok = await device.Client.CreateAsync(EntityKinds.Collection, null, Named($"ok {Guid.NewGuid():N}"));
        await device.InSyncAsync();
        await using var other = await TestDevice.SignInAsync(hub, account, deviceName: "checker");
        await other.UntilAsync(c => c.GetEntity(ok) is not null, "a valid edit after the error to reach another device");
    }

    [Fact]
    public async Task Malformed_bodies_unknown_kinds_and_oversize_bodies_get_the_hubs_codes_and_the_connection_stays_usable()
    {
        await using var hub = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["SyncHub:MaxBodyBytes"] = "2048" });
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var device = await TestDevice.SignInAsync(hub.BaseUrl, account);
        await device.InSyncAsync(); // the hub's limits are known from here

        (await CodeOfAsync(() => device.Client.CreateAsync(EntityKinds.Collection, null, "{not json"))).Should().Be(ErrorCodes.MalformedBody);
        (await CodeOfAsync(() => device.Client.CreateAsync("spaceship", null, Named("x")))).Should().Be(ErrorCodes.UnknownKind);
        (await CodeOfAsync(() => device.Client.CreateAsync(EntityKinds.Collection, null, Named(new string('x', 4096))))).Should().Be(ErrorCodes.PayloadTooLarge);
        (await CodeOfAsync(() => device.Client.CreateAsync(EntityKinds.Collection, null, """{"noname":1}"""))).Should().Be(ErrorCodes.InvalidEntity);
        device.Client.GetOutbox().Should().BeEmpty("refused edits are never queued");
        device.Client.State.Should().Be(SyncState.Online);

        await StillUsableAsync(device, hub.BaseUrl, account);
    }

    [Fact]
    public async Task An_oversize_body_queued_before_the_limits_were_known_moves_to_failed_without_breaking_the_connection()
    {
        await using var hub = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["SyncHub:MaxBodyBytes"] = "2048" });
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var device = await TestDevice.SignInAsync(hub.BaseUrl, account, start: false);
        var big = await device.Client.CreateAsync(EntityKinds.Collection, null, Named(new string('x', 4096)));
        var fine = await device.Client.CreateAsync(EntityKinds.Collection, null, Named("fine"));

        await device.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await device.InSyncAsync();

        device.Client.GetFailedChanges().Should().ContainSingle().Which.Should().Match<FailedChange>(f => f.EntityId == big && f.Code == ErrorCodes.PayloadTooLarge);
        device.Client.GetEntity(big).Should().BeNull("it never reached the hub");
        device.Client.GetEntity(fine)!.Version.Should().Be(1);
        device.Client.Status.FailedChanges.Should().Be(1);
        await StillUsableAsync(device, hub.BaseUrl, account);
    }

    [Fact]
    public async Task A_change_the_hub_refuses_moves_to_the_failed_list()
    {
        await using var hub = await HubHost.StartAsync();
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var a = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "a");
        await using var b = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "b");
        var collection = await a.Client.CreateAsync(EntityKinds.Collection, null, Named("C"));
        var folder = await a.Client.CreateAsync(EntityKinds.Folder, collection, Named("F"));
        await b.UntilAsync(c => c.GetEntity(folder) is not null, "B to see the folder");
        await b.Client.StopAsync().WaitAsync(TestTimeouts.Default);

        await a.Client.DeleteAsync(folder);
        await a.InSyncAsync();
        var orphan = await b.Client.CreateAsync(EntityKinds.Request, folder, Request("orphan")); // valid for what B knows
        await b.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await b.InSyncAsync();

        b.Client.GetFailedChanges().Should().ContainSingle().Which.Should().Match<FailedChange>(f => f.EntityId == orphan && f.Code == ErrorCodes.InvalidParent && f.Message.Length > 0);
        b.Client.GetEntity(orphan).Should().BeNull();
        b.Client.GetEntity(folder).Should().BeNull();
        await StillUsableAsync(b, hub.BaseUrl, account);
    }

    [Theory]
    [InlineData("wrong-token")]
    [InlineData("")]
    public async Task A_wrong_or_missing_token_shows_unauthorized_and_signing_in_again_recovers(string token)
    {
        await using var hub = await HubHost.StartAsync();
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var device = await TestDevice.SignInAsync(hub.BaseUrl, account, start: false);
        var id = await device.Client.CreateAsync(EntityKinds.Collection, null, Named("waits for a good token"));
        using (var db = new SqliteConnection($"Data Source={Path.Combine(device.ProfileDirectory, "synchub.db")};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "UPDATE session SET token = $t";
            command.Parameters.AddWithValue("$t", token);
            command.ExecuteNonQuery().Should().Be(1);
        }

        await device.Client.StartAsync().WaitAsync(TestTimeouts.Default);
        await device.StatusAsync(s => s.State == SyncState.Error, "the Error state");
        device.Client.Status.ErrorCode.Should().Be(ErrorCodes.Unauthorized);
        device.Client.Status.ErrorMessage.Should().Contain("Sign in again");
        (await CodeOfAsync(() => device.Client.WaitForInSyncAsync())).Should().Be(ErrorCodes.Unauthorized);
        device.Client.GetOutbox().Should().ContainSingle("edits are kept while signed out of the hub");

        await device.Client.SignInAsync(account.Username, account.Password, "again").WaitAsync(TestTimeouts.Default);
        await device.InSyncAsync();
        device.Client.GetEntity(id)!.Version.Should().Be(1);
    }

    [Fact]
    public async Task Account_errors_arrive_as_sync_exceptions_with_the_hubs_codes()
    {
        await using var hub = await HubHost.StartAsync();
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var device = await TestDevice.OpenAsync(hub.BaseUrl);

        (await CodeOfAsync(() => device.Client.SignInAsync(account.Username, "not the password"))).Should().Be(ErrorCodes.InvalidCredentials);
        (await CodeOfAsync(() => device.Client.RegisterAsync(account.Username, $"other-{account.Email}", TestAccounts.DefaultPassword))).Should().Be(ErrorCodes.AccountExists);
        (await CodeOfAsync(() => device.Client.RegisterAsync(TestAccounts.NewUsername(), "short@example.test", "short"))).Should().Be(ErrorCodes.WeakPassword);
        device.Client.Session.Should().BeNull();

        var username = TestAccounts.NewUsername("lib");
        var created = await device.Client.RegisterAsync(username, $"{username}@example.test", TestAccounts.DefaultPassword).WaitAsync(TestTimeouts.Default);
        var session = await device.Client.SignInAsync(username, TestAccounts.DefaultPassword, "library").WaitAsync(TestTimeouts.Default);
        session.AccountId.Should().Be(created.AccountId);
        session.WorkspaceId.Should().Be(created.WorkspaceId);
    }
}
