using System.Text.Json.Serialization;
using SyncHub.Protocol;

namespace SyncHub.Server.Redis;

/// <summary>A stored change is the change as the wire names it (camelCase), so a page is a read and a decode, nothing else.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Change))]
internal sealed partial class RedisJsonContext : JsonSerializerContext;
