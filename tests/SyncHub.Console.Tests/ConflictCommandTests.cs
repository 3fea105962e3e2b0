using System.Text.Json;
using SyncHub.Testing;

namespace SyncHub.Console.Tests;

public sealed class ConflictCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = TempDirectory.Create("console-conflicts");
    private HubHost _hub = null!;

    public async Task InitializeAsync() => _hub = await HubHost.StartAsync().WaitAsync(TestTimeouts.Startup);

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _temp.Dispose();
    }

    /// <summary>Two profiles of one account rename one collection: the laptop first, the phone from its stale copy, which conflicts.</summary>
    private async Task<(Synchub Laptop, Synchub Phone, string CollectionId)> ConflictingRenamesAsync()
    {
        var laptop = new Synchub(Path.Combine(_temp.Path, "laptop"), _hub.BaseUrl);
        var phone = new Synchub(Path.Combine(_temp.Path, "phone"), _hub.BaseUrl);
        var username = await Hub.RegisterAsync(laptop);
        await laptop.SignInAsync(username, device: "laptop");
        var collectionId = await laptop.AddAsync("collection", "Shared");
        await phone.SignInAsync(username, device: "phone");
        (await laptop.RunAsync("rename", collectionId, "Laptop name")).ExitCode.Should().Be(0);

        var rename = await phone.RunAsync("rename", collectionId, "Phone name");

        rename.ExitCode.Should().Be(1, rename.ToString());
        rename.Err.Should().Contain("error: conflict:").And.Contain("synchub conflicts");
        return (laptop, phone, collectionId);
    }

    [Fact]
    public async Task Conflicts_lists_the_field_mine_and_theirs_and_resolve_mine_reaches_the_other_profile()
    {
        var (laptop, phone, collectionId) = await ConflictingRenamesAsync();

        var list = await phone.RunAsync("conflicts");
        list.ExitCode.Should().Be(0, list.ToString());
        list.Out.Should().Contain(collectionId).And.Contain("collection").And.Contain("fields: name")
            .And.Contain("mine \"Phone name\"").And.Contain("theirs \"Laptop name\"");
        var id = list.OutLines[0].Split(' ', 2)[0];

        var json = await phone.RunAsync("conflicts", "--json");
        json.ExitCode.Should().Be(0, json.ToString());
        using (var doc = JsonDocument.Parse(json.Out))
        {
            var conflict = doc.RootElement.EnumerateArray().Should().ContainSingle().Subject;
            conflict.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be(id);
            conflict.GetProperty("entityId").GetString().Should().Be(collectionId);
            conflict.GetProperty("conflictingFields").EnumerateArray().Select(f => f.GetString()).Should().Equal("name");
            conflict.GetProperty("mine").GetProperty("body").GetProperty("name").GetString().Should().Be("Phone name");
            conflict.GetProperty("theirs").GetProperty("body").GetProperty("name").GetString().Should().Be("Laptop name");
            conflict.GetProperty("base").GetProperty("body").GetProperty("name").GetString().Should().Be("Shared");
        }

        var resolve = await phone.RunAsync("resolve", id, "mine");
        resolve.ExitCode.Should().Be(0, resolve.ToString());
        resolve.Err.Should().Contain("Kept this profile's edit");
        (await phone.RunAsync("conflicts")).Err.Should().Contain("No conflicts.");

        await laptop.SyncAsync();
        var ls = await laptop.RunAsync("ls", "--json");
        using var tree = JsonDocument.Parse(ls.Out);
        tree.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == collectionId).GetProperty("name").GetString().Should().Be("Phone name");

        var again = await phone.RunAsync("resolve", id, "theirs");
        again.ExitCode.Should().Be(1, again.ToString());
        again.Err.Should().Contain("error: not_found:").And.Contain("synchub conflicts");
    }

    [Fact]
    public async Task Resolve_theirs_keeps_the_hubs_name_and_bad_arguments_are_refused()
    {
        var (_, phone, collectionId) = await ConflictingRenamesAsync();
        var id = (await phone.RunAsync("conflicts")).OutLines[0].Split(' ', 2)[0];

        var badSide = await phone.RunAsync("resolve", id, "both");
        var badId = await phone.RunAsync("resolve", "x1", "mine");
        badSide.ExitCode.Should().Be(2, badSide.ToString());
        badId.ExitCode.Should().Be(1, badId.ToString());
        badId.Err.Should().Contain("error: not_found:");

        var theirs = await phone.RunAsync("resolve", id, "theirs");
        theirs.ExitCode.Should().Be(0, theirs.ToString());
        theirs.Err.Should().Contain("Kept the hub's version");
        var ls = await phone.RunAsync("ls", "--json");
        using var tree = JsonDocument.Parse(ls.Out);
        tree.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == collectionId).GetProperty("name").GetString().Should().Be("Laptop name");
        (await phone.RunAsync("status")).Out.Should().Contain("Conflicts:  0");
    }
}
