using System.Text.Json;
using SyncHub.Protocol.Entities;

namespace SyncHub.Postman.Tests;

/// <summary>Every real file in the shared corpus imports and exports to an equivalent file.</summary>
public sealed class CorpusTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var name in Corpus.DataFiles()) data.Add(name);
        return data;
    }

    [Fact]
    public void Corpus_is_present()
    {
        Corpus.Folder.Should().NotBeNull(
            "the corpus of real Postman files must be there for the round-trip tests; it was looked for at {0}; set SYNCHUB_CORPUS to the folder that holds postman/",
            string.Join(", ", Corpus.Candidates.Distinct()));
        Corpus.DataFiles().Should().HaveCountGreaterThanOrEqualTo(30, "the corpus lists 30 data files in SOURCES.md");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_file_exports_equivalent_to_what_was_imported(string file)
    {
        var bytes = Corpus.Bytes(file);
        // The hub's default limit (SyncHubOptions.MaxBodyBytes): every real file fits; the largest entity is about 385 KB.
        var import = PostmanReader.Read(bytes, new PostmanReadOptions { MaxBodyBytes = 1024 * 1024 });
        import.Entities.Should().NotBeEmpty();

        var exported = RoundTrip.Export(import);

        using var original = RoundTrip.ParseOriginal(bytes);
        using var written = JsonDocument.Parse(exported, new JsonDocumentOptions { MaxDepth = 256 });
        JsonDiff.FirstDifference(original.RootElement, written.RootElement).Should().BeNull("the export of {0} must be equivalent to the file", file);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_file_exports_equivalent_after_the_bodies_pass_through_the_typed_classes(string file)
    {
        var bytes = Corpus.Bytes(file);
        var import = PostmanReader.Read(bytes);
        // What a client that reads and writes bodies with EntityJson stores: nulls dropped, members reordered.
        var typed = import.Entities.Select(e => e with { Body = EntityJson.Serialize(EntityJson.Deserialize(e.Kind, e.Body)) }).ToList();

        var exported = RoundTrip.Export(import, typed);

        using var original = RoundTrip.ParseOriginal(bytes);
        using var written = JsonDocument.Parse(exported, new JsonDocumentOptions { MaxDepth = 256 });
        JsonDiff.FirstDifference(original.RootElement, written.RootElement).Should().BeNull("the export of {0} must be equivalent to the file", file);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_file_kind_is_recognised_from_its_content(string file)
    {
        var kind = PostmanReader.Read(Corpus.Bytes(file)).Kind;
        var expected = file switch
        {
            _ when file.StartsWith("collection-v21-", StringComparison.Ordinal) => PostmanFileKind.CollectionV21,
            _ when file.StartsWith("collection-v20-", StringComparison.Ordinal) => PostmanFileKind.CollectionV20,
            _ when file.StartsWith("environment-", StringComparison.Ordinal) => PostmanFileKind.Environment,
            _ when file.StartsWith("globals-", StringComparison.Ordinal) => PostmanFileKind.Globals,
            _ => PostmanFileKind.DataDump,
        };
        kind.Should().Be(expected);
    }
}
