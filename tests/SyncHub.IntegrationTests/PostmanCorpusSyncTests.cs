using System.Net.Http.Json;
using System.Text.Json;
using SyncHub.Client.TestSupport;
using SyncHub.Postman;
using SyncHub.Postman.Tests;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;
using SyncHub.Testing;

namespace SyncHub.Client.IntegrationTests;

/// <summary>
/// Every real Postman file of the shared corpus, end to end: imported on one device (through the library's store and
/// outbox, and through the hub's import endpoint), it reaches another device whole, and exporting it there (or from
/// the hub) gives back a file equivalent to the one imported.
/// </summary>
public sealed class PostmanCorpusSyncTests(HubHostFixture hub) : IClassFixture<HubHostFixture>
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(90);

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var name in Corpus.DataFiles()) data.Add(name);
        return data;
    }

    [Fact]
    public void Corpus_is_present() =>
        Corpus.Folder.Should().NotBeNull("the end-to-end import tests run on the shared corpus; it was looked for at {0}; set SYNCHUB_CORPUS", string.Join(", ", Corpus.Candidates.Distinct()));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_file_imported_on_one_device_reaches_the_other_whole_and_exports_there_equivalent_to_the_file(string file)
    {
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var laptop = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "laptop");
        await using var desktop = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "desktop");
        await laptop.InSyncAsync();
        await desktop.InSyncAsync();
        var bytes = Corpus.Bytes(file);

        var import = PostmanReader.Read(bytes);
        await laptop.Client.CreateManyAsync([.. import.Entities.Select(e => new NewEntity(e.Id, e.Kind, e.ParentId, e.Body))]).WaitAsync(TestTimeouts.Default);
        var ids = import.Entities.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        await desktop.UntilAsync(c => c.GetEntities().Count(e => ids.Contains(e.Id)) == ids.Count, $"all {ids.Count} entities of {file} on the other device", Arrival);

        var there = desktop.Client.GetEntities().Select(e => new PostmanEntity(e.Id, e.Kind, e.ParentId, e.Body)).ToList();
        var exported = RoundTrip.Export(import, there);
        using var original = RoundTrip.ParseOriginal(bytes);
        using var written = JsonDocument.Parse(exported, new JsonDocumentOptions { MaxDepth = 256 });
        JsonDiff.FirstDifference(original.RootElement, written.RootElement).Should().BeNull("{0} exported on the other device must be equivalent to the file", file);
        await laptop.InSyncAsync(Arrival);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_file_imported_through_the_hub_reaches_a_device_whole_and_the_hubs_export_is_equivalent_to_the_file(string file)
    {
        var account = await TestAccounts.CreateAsync(hub.BaseUrl);
        await using var device = await TestDevice.SignInAsync(hub.BaseUrl, account, deviceName: "desktop");
        await device.InSyncAsync();
        var bytes = Corpus.Bytes(file);

        using var response = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Post, HubRoutes.Import(account.WorkspaceId), account.Token, new ByteArrayContent(bytes));
        ((int)response.StatusCode).Should().Be(201, await response.Content.ReadAsStringAsync());
        var result = (await response.Content.ReadFromJsonAsync<ImportResult>())!;
        await device.UntilAsync(c => c.GetEntities().Count == result.Created, $"all {result.Created} entities of {file} on the device", Arrival);

        var expected = PostmanReader.Read(bytes);
        result.Created.Should().Be(expected.Entities.Count);
        device.Client.GetEntities().GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Count())
            .Should().BeEquivalentTo(expected.Entities.GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Count()));
        // The hub writes collections as v2.1 only: a v2.0 file comes back converted, so it is compared by content above.
        if (expected.Kind == PostmanFileKind.CollectionV20) return;
        var query = expected.Kind switch
        {
            PostmanFileKind.CollectionV21 => $"?collection={result.Roots[0].Id}",
            PostmanFileKind.Environment => $"?environment={result.Roots[0].Id}",
            PostmanFileKind.Globals => "?globals=true",
            _ => string.Empty,
        };
        using var export = await HubHttp.SendAsync(hub.BaseUrl, HttpMethod.Get, HubRoutes.Export(account.WorkspaceId) + query, account.Token);
        ((int)export.StatusCode).Should().Be(200);
        using var original = RoundTrip.ParseOriginal(bytes);
        using var written = JsonDocument.Parse(await export.Content.ReadAsByteArrayAsync(), new JsonDocumentOptions { MaxDepth = 256 });
        JsonDiff.FirstDifference(original.RootElement, written.RootElement).Should().BeNull("the hub's export of {0} must be equivalent to the file", file);
    }
}
