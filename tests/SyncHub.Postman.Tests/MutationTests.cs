using System.Text;
using System.Text.Json.Nodes;

namespace SyncHub.Postman.Tests;

/// <summary>
/// Any value of a valid file replaced by a value of another type either gets a PostmanFormatException (never another
/// error) or imports, and then exports to an equivalent file.
/// </summary>
public sealed class MutationTests
{
    private static readonly Func<JsonNode?>[] Replacements =
    [
        () => JsonValue.Create(42), () => JsonValue.Create("x"), () => new JsonArray(), () => new JsonObject(), () => null,
        () => JsonValue.Create(true), () => new JsonArray(JsonValue.Create(1)), () => new JsonObject { ["content"] = 1 },
    ];

    public static TheoryData<string> Files() => [nameof(Fixtures.CollectionV21), nameof(Fixtures.CollectionV20), nameof(Fixtures.Environment), nameof(Fixtures.Globals), nameof(Fixtures.Dump)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_wrong_value_is_refused_as_a_format_error_or_round_trips(string fixture)
    {
        var json = (string)typeof(Fixtures).GetField(fixture)!.GetValue(null)!;
        var root = JsonNode.Parse(json)!;
        var slots = Slots(root, "$").ToList();
        var failures = new List<string>();
        foreach (var (path, set) in slots)
        {
            foreach (var make in Replacements)
            {
                var copy = JsonNode.Parse(json)!;
                var (_, setCopy) = Slots(copy, "$").First(s => s.Path == path);
                setCopy(make());
                try
                {
                    var import = PostmanReader.Read(Encoding.UTF8.GetBytes(copy.ToJsonString()));
                    var exported = TestFiles.Parse(RoundTrip.Export(import));
                    // A dump's ids tie its lists together: a mutated id or order list cannot come back as it was, so dumps are only checked for errors.
                    if (import.Kind != PostmanFileKind.DataDump && import.Entities.Count > 0 && TestFiles.FirstDifference(copy, exported) is { } difference)
                        failures.Add($"{path} = {make()?.ToJsonString() ?? "null"}: exported differs at {difference}");
                }
                catch (PostmanFormatException ex)
                {
                    if (string.IsNullOrEmpty(ex.Path) || !ex.Path.StartsWith('$')) failures.Add($"{path}: path '{ex.Path}'");
                }
#pragma warning disable CA1031 // The test is about which exceptions come out.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failures.Add($"{path} = {make()?.ToJsonString() ?? "null"}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }
        slots.Should().NotBeEmpty();
        failures.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_wrong_value_in_a_residual_still_writes_a_file_that_reads_back(string fixture)
    {
        var json = (string)typeof(Fixtures).GetField(fixture)!.GetValue(null)!;
        var import = PostmanReader.Read(Encoding.UTF8.GetBytes(json));
        var failures = new List<string>();
        foreach (var entity in import.Entities)
        {
            var slots = Slots(JsonNode.Parse(entity.Body)!["postman"]!, "$.postman").Select(s => s.Path).ToList();
            foreach (var path in slots)
            {
                foreach (var make in Replacements)
                {
                    var body = JsonNode.Parse(entity.Body)!;
                    Slots(body["postman"]!, "$.postman").First(s => s.Path == path).Set(make());
                    var entities = import.Entities.Select(e => e.Id == entity.Id ? e with { Body = body.ToJsonString() } : e).ToList();
                    try
                    {
                        var again = PostmanReader.Read(RoundTrip.Export(import, entities));
                        if (again.Kind != import.Kind) failures.Add($"{entity.Kind} {path}: read back as {again.Kind}");
                    }
#pragma warning disable CA1031 // The test is about which exceptions come out.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        failures.Add($"{entity.Kind} {path} = {make()?.ToJsonString() ?? "null"}: {ex.GetType().Name}: {ex.Message}");
                    }
                }
            }
        }
        failures.Should().BeEmpty();
    }

    private static IEnumerable<(string Path, Action<JsonNode?> Set)> Slots(JsonNode node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    var p = $"{path}.{name}";
                    yield return (p, v => o[name] = v);
                    if (value is not null)
                    {
                        foreach (var s in Slots(value, p)) yield return s;
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var index = i;
                    var p = $"{path}[{i}]";
                    yield return (p, v => a[index] = v);
                    if (a[i] is { } item)
                    {
                        foreach (var s in Slots(item, p)) yield return s;
                    }
                }
                break;
        }
    }
}
