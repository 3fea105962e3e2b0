using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>Reads and writes typed entity bodies: camelCase, nulls left out, unknown fields kept.</summary>
public static class EntityJson
{
    /// <summary>The options every body is read and written with.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Writes <paramref name="body"/> as the JSON text of an entity body.</summary>
    public static string Serialize(EntityBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return JsonSerializer.Serialize(body, body.GetType(), Options);
    }

    /// <summary>Reads a body of a known type. Throws <see cref="JsonException"/> when the text does not fit it.</summary>
    public static T Deserialize<T>(string body) where T : EntityBody =>
        JsonSerializer.Deserialize<T>(body, Options) ?? throw new JsonException("The body is null.");

    /// <summary>Reads a body as the type of <paramref name="kind"/>. Throws <see cref="ArgumentException"/> for an unknown kind.</summary>
    public static EntityBody Deserialize(string kind, string body) =>
        (EntityBody?)JsonSerializer.Deserialize(body, TypeOf(kind), Options) ?? throw new JsonException("The body is null.");

    /// <summary>The body type of <paramref name="kind"/>.</summary>
    public static Type TypeOf(string kind) => kind switch
    {
        EntityKinds.Collection => typeof(CollectionEntity),
        EntityKinds.Folder => typeof(FolderEntity),
        EntityKinds.Request => typeof(RequestEntity),
        EntityKinds.Response => typeof(ResponseEntity),
        EntityKinds.HeaderPreset => typeof(HeaderPresetEntity),
        EntityKinds.Environment => typeof(EnvironmentEntity),
        EntityKinds.EnvironmentVariable => typeof(EnvironmentVariableEntity),
        EntityKinds.GlobalVariable => typeof(GlobalVariableEntity),
        EntityKinds.CollectionRun => typeof(CollectionRunEntity),
        _ => throw new ArgumentException($"Unknown entity kind '{kind}'.", nameof(kind)),
    };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Bodies are stored and compared as text, never embedded in HTML: keep non-ASCII text readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
