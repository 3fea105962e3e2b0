using Microsoft.AspNetCore.SignalR.Client;
using SyncHub.Protocol;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

public sealed class ChangeFeedTests : IAsyncLifetime
{
    private const int PageSize = 50;
    private const int ChangeCount = 130;
    private HubHost _hub = null!;
    private TestSession _session = null!;
    private HubConnection _connection = null!;

    public async Task InitializeAsync()
    {
        _hub = await HubHost.StartAsync(settings: new Dictionary<string, string?> { ["SyncHub:PageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        _session = await TestAccounts.CreateAsync(_hub.BaseUrl);
        _connection = await RawHubClient.ConnectAsync(_hub.BaseUrl, _session, HubWireProtocol.MessagePack);
        for (var i = 0; i < ChangeCount; i += 65)
        {
            await _connection.MutateAsync([.. Enumerable.Range(i, Math.Min(65, ChangeCount - i)).Select(n => TestMutations.CreateCollection(_session.WorkspaceId, $"c{n}"))]);
        }
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _hub.DisposeAsync();
    }

    [Fact]
    public async Task Get_changes_pages_through_the_log_without_gaps()
    {
        var ws = _session.WorkspaceId;
        var first = await _connection.GetChangesAsync(ws, 0, 30);
        var clamped = await _connection.GetChangesAsync(ws, 30, 10_000);
        var last = await _connection.GetChangesAsync(ws, 120, PageSize);
        var past = await _connection.GetChangesAsync(ws, ChangeCount, PageSize);

        first.Changes.Select(c => c.Seq).Should().Equal(Enumerable.Range(1, 30).Select(n => (long)n));
        first.Should().BeEquivalentTo(new { WorkspaceId = ws, HeadSeq = (long)ChangeCount, HasMore = true });
        clamped.Changes.Select(c => c.Seq).Should().Equal(Enumerable.Range(31, PageSize).Select(n => (long)n), "a limit over the page size is cut to it");
        clamped.HasMore.Should().BeTrue();
        last.Changes.Select(c => c.Seq).Should().Equal(Enumerable.Range(121, 10).Select(n => (long)n));
        last.HasMore.Should().BeFalse();
        past.Changes.Should().BeEmpty();
        past.Should().BeEquivalentTo(new { HeadSeq = (long)ChangeCount, HasMore = false });

        var all = await _connection.GetAllChangesAsync(ws, 0, PageSize);
        all.Select(c => c.Seq).Should().Equal(Enumerable.Range(1, ChangeCount).Select(n => (long)n));
        all.Select(c => c.EntityId).Should().Equal(Enumerable.Range(0, ChangeCount).Select(n => $"c{n}"));
    }

    [Fact]
    public async Task Get_changes_refuses_a_negative_cursor_or_a_zero_limit()
    {
        await _connection.GetChangesAsync(_session.WorkspaceId, -1, 10).ShouldFailWithCodeAsync(ErrorCodes.InvalidRequest);
        await _connection.GetChangesAsync(_session.WorkspaceId, 0, 0).ShouldFailWithCodeAsync(ErrorCodes.InvalidRequest);
        (await _connection.GetChangesAsync(_session.WorkspaceId, 0, 1)).Changes.Should().ContainSingle();
    }

    [Fact]
    public async Task Stream_changes_sends_every_change_after_the_cursor_in_pages_of_at_most_the_page_size()
    {
        var pages = await _connection.StreamChangesAsync(_session.WorkspaceId, 7);

        pages.Should().HaveCount(3);
        pages.Should().OnlyContain(p => p.Changes.Length <= PageSize && p.WorkspaceId == _session.WorkspaceId);
        pages.SelectMany(p => p.Changes).Select(c => c.Seq).Should().Equal(Enumerable.Range(8, ChangeCount - 7).Select(n => (long)n));
        pages[^1].HasMore.Should().BeFalse();
        (await _connection.StreamChangesAsync(_session.WorkspaceId, ChangeCount)).Should().BeEmpty();
    }

    [Fact]
    public async Task Subscribe_reports_each_workspace_head()
    {
        var result = await _connection.SubscribeAsync(new SubscribeRequest { Workspaces = [new WorkspaceCursor { WorkspaceId = _session.WorkspaceId, Cursor = 5 }] });

        result.Workspaces.Should().ContainSingle().Which.HeadSeq.Should().Be(ChangeCount);
        result.Limits.MaxPageSize.Should().Be(PageSize);
    }
}
