using CsCheck;
using SyncHub.Protocol;

namespace SyncHub.Protocol.Tests;

public sealed class EntityMergeTests
{
    private const string Base = """{"name":"List","method":"GET","url":"https://a.example","headers":[{"key":"A","value":"1"}]}""";

    [Fact]
    public void Edits_of_different_fields_merge()
    {
        var result = EntityMerge.Merge(Base,
            """{"name":"List all","method":"GET","url":"https://a.example","headers":[{"key":"A","value":"1"}]}""",
            """{"name":"List","method":"POST","url":"https://a.example","headers":[{"key":"A","value":"1"}]}""");

        result.IsMerged.Should().BeTrue();
        result.ConflictingFields.Should().BeEmpty();
        EntityMerge.AreEquivalent(result.Body!, """{"name":"List all","method":"POST","url":"https://a.example","headers":[{"key":"A","value":"1"}]}""")
            .Should().BeTrue(result.Body);
    }

    [Fact]
    public void Edits_of_the_same_field_to_different_values_conflict_and_name_the_field()
    {
        var result = EntityMerge.Merge(Base,
            """{"name":"Mine","method":"PUT","url":"https://a.example","headers":[{"key":"A","value":"1"}]}""",
            """{"name":"Theirs","method":"GET","url":"https://b.example","headers":[{"key":"A","value":"1"}]}""");

        result.IsMerged.Should().BeFalse();
        result.Body.Should().BeNull();
        result.ConflictingFields.Should().Equal("name");
        result.Conflicts.Should().ContainSingle().Which.Should().Be(new FieldConflict("name", "\"List\"", "\"Mine\"", "\"Theirs\""));
    }

    [Fact]
    public void The_same_edit_on_both_sides_is_no_conflict()
    {
        const string edited = """{"name":"Same","method":"GET","url":"https://a.example","headers":[{"key":"A","value":"1"}]}""";
        var result = EntityMerge.Merge(Base, edited, """{"headers":[{"value":"1","key":"A"}],"url":"https://a.example","method":"GET","name":"Same"}""");

        result.IsMerged.Should().BeTrue();
        EntityMerge.AreEquivalent(result.Body!, edited).Should().BeTrue();
    }

    [Fact]
    public void Additions_merge_when_they_differ_in_name_or_agree_and_conflict_when_they_disagree()
    {
        const string b = """{"name":"n"}""";
        EntityMerge.Merge(b, """{"name":"n","a":1}""", """{"name":"n","b":2}""").Body.Should().Be("""{"name":"n","a":1,"b":2}""");
        EntityMerge.Merge(b, """{"name":"n","a":{"x":1,"y":2}}""", """{"name":"n","a":{"y":2,"x":1.0}}""").IsMerged.Should().BeTrue();
        EntityMerge.Merge(b, """{"name":"n","a":1}""", """{"name":"n","a":2}""").ConflictingFields.Should().Equal("a");
    }

    [Fact]
    public void A_removal_merges_with_edits_elsewhere_and_conflicts_with_an_edit_of_the_same_field()
    {
        const string b = """{"name":"n","description":"d","url":"u"}""";
        EntityMerge.Merge(b, """{"name":"n","url":"u"}""", """{"name":"n2","description":"d","url":"u"}""").Body
            .Should().Be("""{"name":"n2","url":"u"}""");
        EntityMerge.Merge(b, """{"name":"n","url":"u"}""", """{"name":"n","url":"u"}""").Body
            .Should().Be("""{"name":"n","url":"u"}""", "removed on both sides");

        var conflict = EntityMerge.Merge(b, """{"name":"n","url":"u"}""", """{"name":"n","description":"changed","url":"u"}""");
        conflict.ConflictingFields.Should().Equal("description");
        conflict.Conflicts[0].Mine.Should().BeNull("mine removed it");
        conflict.Conflicts[0].Theirs.Should().Be("\"changed\"");
    }

    [Fact]
    public void Nested_values_are_compared_whole_not_merged()
    {
        var result = EntityMerge.Merge(
            """{"name":"n","body":{"mode":"raw","raw":"a"}}""",
            """{"name":"n","body":{"mode":"raw","raw":"b"}}""",
            """{"name":"n","body":{"mode":"json","raw":"a"}}""");
        result.ConflictingFields.Should().Equal("body");
    }

    [Fact]
    public void Property_order_and_number_spelling_are_not_changes()
    {
        var result = EntityMerge.Merge("""{"a":1,"b":{"x":[1,2],"y":true}}""", """{"b":{"y":true,"x":[1.0,2]},"a":1e0}""", """{"a":1,"b":{"x":[1,2],"y":true},"c":"new"}""");
        result.IsMerged.Should().BeTrue();
        EntityMerge.AreEquivalent(result.Body!, """{"a":1,"b":{"x":[1,2],"y":true},"c":"new"}""").Should().BeTrue();
        EntityMerge.AreEquivalent("[1,2]", "[2,1]").Should().BeFalse("arrays keep their order");
    }

    [Fact]
    public void When_one_side_did_not_change_the_other_sides_text_is_kept_as_it_came()
    {
        const string mine = """{ "name" : "Ünïcode \u00e9",  "url":"u" }""";
        EntityMerge.Merge(Base, mine, Base).Body.Should().Be(mine);
        EntityMerge.Merge(Base, Base, mine).Body.Should().Be(mine);
    }

    [Fact]
    public void A_move_on_one_side_and_a_rename_on_the_other_merge()
    {
        var result = EntityMerge.Merge(
            new EntityContent("folder-a", """{"name":"List","rank":"V"}"""),
            new EntityContent("folder-b", """{"name":"List","rank":"k"}"""),
            new EntityContent("folder-a", """{"name":"List all","rank":"V"}"""));

        result.IsMerged.Should().BeTrue();
        result.ParentId.Should().Be("folder-b");
        EntityMerge.AreEquivalent(result.Body!, """{"name":"List all","rank":"k"}""").Should().BeTrue();

        var other = EntityMerge.Merge(
            new EntityContent("folder-a", """{"name":"List","rank":"V"}"""),
            new EntityContent("folder-a", """{"name":"List all","rank":"V"}"""),
            new EntityContent(null, """{"name":"List","rank":"V"}"""));
        other.ParentId.Should().BeNull("theirs moved it to the root");
        other.Body.Should().Be("""{"name":"List all","rank":"V"}""");
    }

    [Fact]
    public void Two_different_moves_conflict_on_the_parent_and_the_rank()
    {
        var result = EntityMerge.Merge(
            new EntityContent("folder-a", """{"name":"List","rank":"V"}"""),
            new EntityContent("folder-b", """{"name":"List","rank":"k"}"""),
            new EntityContent("folder-c", """{"name":"List","rank":"a"}"""));

        result.IsMerged.Should().BeFalse();
        result.ConflictingFields.Should().Equal(EntityMerge.ParentIdField, "rank");
        result.Conflicts[0].Should().Be(new FieldConflict("parentId", "\"folder-a\"", "\"folder-b\"", "\"folder-c\""));

        EntityMerge.Merge(
            new EntityContent("folder-a", """{"name":"List","rank":"V"}"""),
            new EntityContent("folder-b", """{"name":"List","rank":"k"}"""),
            new EntityContent("folder-b", """{"name":"List","rank":"k"}""")).ParentId.Should().Be("folder-b", "the same move on both sides");
    }

    [Fact]
    public void Resolving_keeps_one_sides_value_for_conflicts_and_both_sides_other_edits()
    {
        const string b = """{"name":"n","url":"u","method":"GET"}""";
        const string mine = """{"name":"mine","url":"u2","method":"GET"}""";
        const string theirs = """{"name":"theirs","url":"u","method":"POST"}""";

        EntityMerge.AreEquivalent(EntityMerge.Resolve(b, mine, theirs, MergeSide.Mine), """{"name":"mine","url":"u2","method":"POST"}""").Should().BeTrue();
        EntityMerge.AreEquivalent(EntityMerge.Resolve(b, mine, theirs, MergeSide.Theirs), """{"name":"theirs","url":"u2","method":"POST"}""").Should().BeTrue();
        EntityMerge.Resolve(b, """{"url":"u","method":"GET"}""", """{"name":"x","url":"u","method":"GET"}""", MergeSide.Mine)
            .Should().Be("""{"url":"u","method":"GET"}""", "keeping my removal removes the field");

        var moved = EntityMerge.Resolve(new EntityContent("a", b), new EntityContent("b", mine), new EntityContent("c", theirs), MergeSide.Theirs);
        moved.ParentId.Should().Be("c");
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"text\"")]
    [InlineData("{broken")]
    public void Bodies_that_are_not_json_objects_are_refused(string bad)
    {
        FluentActions.Invoking(() => EntityMerge.Merge(bad, Base, Base)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => EntityMerge.Merge(Base, bad, Base)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => EntityMerge.Merge(Base, Base, bad)).Should().Throw<ArgumentException>();
    }

    // Values with spellings that are equal as JSON: 1 and 1.0, the same object in two orders.
    private static readonly string[] Values = ["0", "1", "1.0", "\"x\"", "\"y\"", "null", "true", "[1,2]", "[2,1]", """{"p":1,"q":[true]}""", """{"q":[true],"p":1}"""];
    private static readonly string[] Names = ["name", "url", "method", "auth", "rank"];

    private static string Canonical(string v) => v switch { "1.0" => "1", """{"q":[true],"p":1}""" => """{"p":1,"q":[true]}""", _ => v };

    /// <summary>A body: each field present or not, with a value, in a rotated order.</summary>
    private static readonly Gen<string?[]> Fields = Gen.Int[-1, Values.Length - 1].Select(i => i < 0 ? null : Values[i]).Array[Names.Length];

    private static readonly Gen<string> Body = Gen.Select(Fields, Gen.Int[0, Names.Length - 1], ToJson);

    private static string ToJson(string?[] values, int rotate)
    {
        var parts = Enumerable.Range(0, Names.Length)
            .Select(i => (i + rotate) % Names.Length)
            .Where(i => values[i] is not null)
            .Select(i => $"\"{Names[i]}\":{values[i]}");
        return "{" + string.Join(",", parts) + "}";
    }

    [Fact]
    public void Merging_with_an_unchanged_side_gives_the_other_side()
    {
        Gen.Select(Body, Body).Sample((b, x) =>
        {
            var mineOnly = EntityMerge.Merge(b, x, b);
            var theirsOnly = EntityMerge.Merge(b, b, x);
            return mineOnly.IsMerged && EntityMerge.AreEquivalent(mineOnly.Body!, x)
                && theirsOnly.IsMerged && EntityMerge.AreEquivalent(theirsOnly.Body!, x);
        }, iter: 2000);
    }

    [Fact]
    public void Merging_the_same_edit_gives_that_edit()
    {
        Gen.Select(Body, Body).Sample((b, x) =>
        {
            var result = EntityMerge.Merge(b, x, x);
            return result.IsMerged && EntityMerge.AreEquivalent(result.Body!, x);
        }, iter: 2000);
    }

    [Fact]
    public void Conflicts_do_not_depend_on_which_side_is_mine()
    {
        Gen.Select(Body, Body, Body).Sample((b, m, t) =>
        {
            var one = EntityMerge.Merge(b, m, t);
            var other = EntityMerge.Merge(b, t, m);
            return one.ConflictingFields.Order().SequenceEqual(other.ConflictingFields.Order())
                && (!one.IsMerged || EntityMerge.AreEquivalent(one.Body!, other.Body!));
        }, iter: 2000);
    }

    [Fact]
    public void Every_field_follows_the_three_way_rule()
    {
        Gen.Select(Fields, Fields, Fields, Gen.Int[0, 4]).Sample((b, m, t, rotate) =>
        {
            var result = EntityMerge.Merge(ToJson(b, 0), ToJson(m, rotate), ToJson(t, 4 - rotate));
            var expectedConflicts = new List<string>();
            var expected = new string?[Names.Length];
            for (var i = 0; i < Names.Length; i++)
            {
                string? cb = b[i] is null ? null : Canonical(b[i]!), cm = m[i] is null ? null : Canonical(m[i]!), ct = t[i] is null ? null : Canonical(t[i]!);
                if (cm == ct || cb == ct) expected[i] = m[i];
                else if (cb == cm) expected[i] = t[i];
                else expectedConflicts.Add(Names[i]);
            }
            if (expectedConflicts.Count > 0)
                return !result.IsMerged && result.ConflictingFields.Order().SequenceEqual(expectedConflicts.Order());
            return result.IsMerged && EntityMerge.AreEquivalent(result.Body!, ToJson(expected, 0));
        }, iter: 3000);
    }
}
