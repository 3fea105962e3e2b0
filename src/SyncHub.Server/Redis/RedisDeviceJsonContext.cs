using System.Text.Json.Serialization;

namespace SyncHub.Server.Redis;

/// <summary>Source-generated JSON of <see cref="StoredDevice"/>, camelCase, nulls left out (Lua sees them as absent).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredDevice))]
internal sealed partial class RedisDeviceJsonContext : JsonSerializerContext;
