using System.Text;
using System.Text.Json;
using SyncHub.Testing;

namespace SyncHub.Postman.Tests;

/// <summary>The hand-written fixtures export equivalent to what was imported, in their own container.</summary>
public sealed class FixtureRoundTripTests
{
    public static TheoryData<string, PostmanFileKind> Files() => new()
    {
        { nameof(Fixtures.CollectionV21), PostmanFileKind.CollectionV21 },
        { nameof(Fixtures.CollectionV20), PostmanFileKind.CollectionV20 },
        { nameof(Fixtures.Environment), PostmanFileKind.Environment },
        { nameof(Fixtures.Globals), PostmanFileKind.Globals },
        { nameof(Fixtures.Dump), PostmanFileKind.DataDump },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Fixture_exports_equivalent_to_what_was_imported(string fixture, PostmanFileKind kind)
    {
        var json = (string)typeof(Fixtures).GetField(fixture)!.GetValue(null)!;
        var import = TestFiles.Read(json);
        import.Kind.Should().Be(kind);

        var exported = RoundTrip.Export(import);

        using var original = JsonDocument.Parse(json);
        using var written = JsonDocument.Parse(exported);
        JsonDiff.FirstDifference(original.RootElement, written.RootElement).Should().BeNull();
    }

    [Fact]
    public void Utf8_bom_and_utf16_files_read_like_plain_utf8()
    {
        var plain = TestFiles.Read(Fixtures.Environment);
        var bom = PostmanReader.Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Fixtures.Environment)]);
        var utf16 = PostmanReader.Read([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Fixtures.Environment)]);
        var utf16NoBom = PostmanReader.Read(Encoding.Unicode.GetBytes(Fixtures.Environment));

        foreach (var other in new[] { bom, utf16, utf16NoBom })
        {
            other.Kind.Should().Be(PostmanFileKind.Environment);
            other.Entities.Select(e => e.Body).Should().Equal(plain.Entities.Select(e => e.Body));
        }
    }

    [Fact]
    public async Task ReadAsync_reads_a_stream_like_Read()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Fixtures.CollectionV21));
        var import = await PostmanReader.ReadAsync(stream).WaitAsync(TestTimeouts.Default);
        import.Kind.Should().Be(PostmanFileKind.CollectionV21);
        import.Entities.Select(e => e.Body).Should().Equal(TestFiles.Read(Fixtures.CollectionV21).Entities.Select(e => e.Body));
    }
}
