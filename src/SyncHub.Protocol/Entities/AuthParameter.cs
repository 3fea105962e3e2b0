using System.Text.Json;
using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>One setting of an auth type (Postman calls it an auth attribute), e.g. <c>{"key":"token","value":"{{token}}","type":"string"}</c>.</summary>
public sealed class AuthParameter : EntityPart
{
    /// <summary>The setting's name; required.</summary>
    [JsonPropertyName("key")] public string Key { get; set; } = string.Empty;

    /// <summary>The value: usually a string, sometimes a boolean or an object (Postman allows any JSON).</summary>
    [JsonPropertyName("value")] public JsonElement? Value { get; set; }

    /// <summary>The value's type as Postman writes it (string, boolean, any).</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
}
