using System.Text.Json.Serialization;

namespace SyncHub.Server.Redis;

/// <summary>The JSON of the messages between nodes on <see cref="RedisKeys.DeviceEvents"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(DeviceEventMessage))]
internal sealed partial class DeviceEventJsonContext : JsonSerializerContext;
