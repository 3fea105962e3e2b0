using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;
using SyncHub.Protocol;
using SyncHub.Server.Storage.Internal;

namespace SyncHub.Server.Redis;

/// <summary>How changes, entity rows and idempotency entries are written in Redis values.</summary>
/// <remarks>
/// An entity row is <c>kind TAB parent TAB version TAB deleted TAB seq</c> (an empty parent is none): ids and kinds never
/// hold a tab, and the row is read on every cache reload, so it stays a split, not a JSON parse.
/// </remarks>
internal static class RedisCodec
{
    public static RedisValue Change(Change change) => JsonSerializer.SerializeToUtf8Bytes(change, RedisJsonContext.Default.Change);

    public static Change? ReadChange(RedisValue value) =>
        value.IsNull ? null : JsonSerializer.Deserialize((byte[])value!, RedisJsonContext.Default.Change);

    public static RedisValue Entity(StoredEntity entity) => string.Create(CultureInfo.InvariantCulture,
        $"{entity.Kind}\t{entity.ParentId}\t{entity.Version}\t{(entity.Deleted ? 1 : 0)}\t{entity.Seq}");

    public static StoredEntity ReadEntity(RedisValue value)
    {
        var parts = ((string)value!).Split('\t');
        if (parts.Length != 5) throw new FormatException("A stored entity row is not 'kind, parent, version, deleted, seq'.");
        return new StoredEntity(
            parts[0],
            parts[1].Length == 0 ? null : parts[1],
            long.Parse(parts[2], CultureInfo.InvariantCulture),
            parts[3] == "1",
            long.Parse(parts[4], CultureInfo.InvariantCulture));
    }

    public static RedisValue Applied(long seq, long version) => string.Create(CultureInfo.InvariantCulture, $"{seq}:{version}");

    public static (long Seq, long Version)? ReadApplied(RedisValue value)
    {
        if (value.IsNull) return null;
        var text = (string)value!;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return (long.Parse(text.AsSpan(0, colon), CultureInfo.InvariantCulture), long.Parse(text.AsSpan(colon + 1), CultureInfo.InvariantCulture));
    }

    public static long ReadLong(RedisValue value) => value.IsNull ? 0 : (long)value;

    /// <summary>The entity rows a change leaves behind: the entity itself and, for a cascaded delete, every descendant.</summary>
    public static IEnumerable<(string EntityId, StoredEntity Entity)> RowsOf(Change change)
    {
        var deleted = string.Equals(change.Op, MutationOps.Delete, StringComparison.Ordinal);
        yield return (change.EntityId, new StoredEntity(change.Kind, change.ParentId, change.Version, deleted, change.Seq));
        if (change.Cascade is null) yield break;
        foreach (var d in change.Cascade)
        {
            yield return (d.EntityId, new StoredEntity(d.Kind, d.ParentId, d.Version, Deleted: true, change.Seq));
        }
    }
}
