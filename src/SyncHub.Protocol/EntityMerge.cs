using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using SyncHub.Protocol.Internal;

namespace SyncHub.Protocol;

/// <summary>
/// Three-way merge of two edits of one entity, field by field: each top-level field of the body (and the parent)
/// takes the side that changed it; a field both sides changed to different values, added differently, or that one
/// side removed while the other changed it, is a conflict. Values compare as JSON (property order does not matter),
/// and an identical change on both sides is no conflict. Nested values are not merged: a field is one value.
/// </summary>
public static class EntityMerge
{
    /// <summary>The name the entity's parent has among the fields of <see cref="Merge(EntityContent, EntityContent, EntityContent)"/>.</summary>
    public const string ParentIdField = "parentId";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Bodies are stored as text and never embedded in HTML: keep non-ASCII text as it came.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Merges the bodies <paramref name="mine"/> and <paramref name="theirs"/>, both edited from <paramref name="baseBody"/>.</summary>
    /// <exception cref="ArgumentException">A body is not a JSON object.</exception>
    public static EntityMergeResult Merge(string baseBody, string mine, string theirs)
    {
        using var b = ParseObject(baseBody, nameof(baseBody));
        using var m = ParseObject(mine, nameof(mine));
        using var t = ParseObject(theirs, nameof(theirs));
        return MergeBodies(b, m, t, mine, theirs, winner: null);
    }

    /// <summary>Merges two edits of parent and body: a move on one side and a rename on the other merge; two different moves conflict on <see cref="ParentIdField"/>.</summary>
    /// <exception cref="ArgumentException">A body is not a JSON object.</exception>
    public static EntityMergeResult Merge(EntityContent baseContent, EntityContent mine, EntityContent theirs)
    {
        ArgumentNullException.ThrowIfNull(baseContent);
        ArgumentNullException.ThrowIfNull(mine);
        ArgumentNullException.ThrowIfNull(theirs);
        var body = Merge(baseContent.Body, mine.Body, theirs.Body);
        var parent = MergeParent(baseContent.ParentId, mine.ParentId, theirs.ParentId, out var parentConflict);
        if (parentConflict is null)
            return new EntityMergeResult(body.Body, body.IsMerged ? parent : null, body.Conflicts);
        return new EntityMergeResult(null, null, [parentConflict, .. body.Conflicts]);
    }

    /// <summary>
    /// The merged body with every conflicting field settled for <paramref name="winner"/>: what "keep mine" or
    /// "keep theirs" sends, so that the other side's changes to other fields are kept.
    /// </summary>
    /// <exception cref="ArgumentException">A body is not a JSON object.</exception>
    public static string Resolve(string baseBody, string mine, string theirs, MergeSide winner)
    {
        using var b = ParseObject(baseBody, nameof(baseBody));
        using var m = ParseObject(mine, nameof(mine));
        using var t = ParseObject(theirs, nameof(theirs));
        return MergeBodies(b, m, t, mine, theirs, winner).Body!;
    }

    /// <summary>As <see cref="Resolve(string, string, string, MergeSide)"/>, with the parent.</summary>
    public static EntityContent Resolve(EntityContent baseContent, EntityContent mine, EntityContent theirs, MergeSide winner)
    {
        ArgumentNullException.ThrowIfNull(baseContent);
        ArgumentNullException.ThrowIfNull(mine);
        ArgumentNullException.ThrowIfNull(theirs);
        var parent = MergeParent(baseContent.ParentId, mine.ParentId, theirs.ParentId, out var conflict);
        if (conflict is not null) parent = winner == MergeSide.Mine ? mine.ParentId : theirs.ParentId;
        return new EntityContent(parent, Resolve(baseContent.Body, mine.Body, theirs.Body, winner));
    }

    /// <summary>Whether two bodies are the same JSON value (property order, whitespace and escapes aside).</summary>
    /// <exception cref="ArgumentException">A body is not JSON.</exception>
    public static bool AreEquivalent(string x, string y)
    {
        using var a = Parse(x, nameof(x));
        using var b = Parse(y, nameof(y));
        return JsonEquivalence.AreEqual(a.RootElement, b.RootElement);
    }

    private static EntityMergeResult MergeBodies(JsonDocument b, JsonDocument m, JsonDocument t, string mineText, string theirsText, MergeSide? winner)
    {
        // One side unchanged: the other side's text as it came, not rewritten.
        if (JsonEquivalence.AreEqual(b.RootElement, t.RootElement)) return new EntityMergeResult(mineText, null, []);
        if (JsonEquivalence.AreEqual(b.RootElement, m.RootElement)) return new EntityMergeResult(theirsText, null, []);

        var baseFields = JsonEquivalence.LastWins(b.RootElement);
        var mineFields = JsonEquivalence.LastWins(m.RootElement);
        var theirFields = JsonEquivalence.LastWins(t.RootElement);

        var names = new List<string>(mineFields.Keys);
        names.AddRange(theirFields.Keys.Where(k => !mineFields.ContainsKey(k)));

        var merged = new List<KeyValuePair<string, JsonElement>>(names.Count);
        var conflicts = new List<FieldConflict>();
        foreach (var name in names)
        {
            var inBase = baseFields.TryGetValue(name, out var vb);
            var inMine = mineFields.TryGetValue(name, out var vm);
            var inTheirs = theirFields.TryGetValue(name, out var vt);

            bool takeMine;
            if (Same(inMine, vm, inTheirs, vt) || Same(inBase, vb, inTheirs, vt)) takeMine = true;
            else if (Same(inBase, vb, inMine, vm)) takeMine = false;
            else
            {
                conflicts.Add(new FieldConflict(name, Raw(inBase, vb), Raw(inMine, vm), Raw(inTheirs, vt)));
                if (winner is null) continue;
                takeMine = winner == MergeSide.Mine;
            }

            if (takeMine ? inMine : inTheirs) merged.Add(new(name, takeMine ? vm : vt));
        }

        if (conflicts.Count > 0 && winner is null) return new EntityMergeResult(null, null, conflicts);
        return new EntityMergeResult(Write(merged), null, conflicts);
    }

    private static string? MergeParent(string? b, string? m, string? t, out FieldConflict? conflict)
    {
        conflict = null;
        if (string.Equals(m, t, StringComparison.Ordinal) || string.Equals(b, t, StringComparison.Ordinal)) return m;
        if (string.Equals(b, m, StringComparison.Ordinal)) return t;
        conflict = new FieldConflict(ParentIdField, IdJson(b), IdJson(m), IdJson(t));
        return null;
    }

    private static bool Same(bool inX, JsonElement x, bool inY, JsonElement y) =>
        inX == inY && (!inX || JsonEquivalence.AreEqual(x, y));

    private static string? Raw(bool present, JsonElement value) => present ? value.GetRawText() : null;

    private static string IdJson(string? id) => id is null ? "null" : JsonSerializer.Serialize(id);

    private static string Write(List<KeyValuePair<string, JsonElement>> fields)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static JsonDocument ParseObject(string text, string paramName)
    {
        var doc = Parse(text, paramName);
        if (doc.RootElement.ValueKind == JsonValueKind.Object) return doc;
        doc.Dispose();
        throw new ArgumentException($"The body '{paramName}' must be a JSON object.", paramName);
    }

    private static JsonDocument Parse(string text, string paramName)
    {
        ArgumentNullException.ThrowIfNull(text, paramName);
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The body '{paramName}' is not valid JSON ({ex.Message}).", paramName, ex);
        }
    }
}
