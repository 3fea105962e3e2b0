using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SyncHub.Protocol;

namespace SyncHub.Postman.Internal;

/// <summary>Collects the entities of one import, each checked as the hub would check it, so a file imports whole or not at all.</summary>
internal sealed class ImportBuilder(PostmanReadOptions options)
{
    private static readonly JsonSerializerOptions BodyOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<PostmanEntity> _entities = [];

    public IReadOnlyList<PostmanEntity> Entities => _entities;

    /// <summary>Adds an entity made from the Postman object at <paramref name="path"/>; returns its new id.</summary>
    public string Add(string kind, string? parentId, JsonObject typed, JsonObject residual, string rank, string format, string path)
    {
        var body = new JsonObject();
        foreach (var (name, value) in typed.ToList())
        {
            typed.Remove(name);
            body[name] = value;
        }
        body["rank"] = rank;
        residual.Insert(0, PostmanResidual.FormatKey, format);
        body[PostmanResidual.BodyKey] = residual;
        var text = body.ToJsonString(BodyOptions);
        if (options.MaxBodyBytes is { } max)
        {
            var bytes = Encoding.UTF8.GetByteCount(text);
            if (bytes > max)
                throw new PostmanFormatException(path, $"This {kind} is {bytes} bytes as an entity, more than the hub's limit of {max} bytes; nothing was imported.")
                {
                    Code = PostmanErrorCodes.PayloadTooLarge,
                };
        }
        if (EntityValidator.Validate(kind, text) is { } error)
            throw new PostmanFormatException(path, $"The hub would refuse this {kind} ({error.Code}): {error.Message}") { Code = PostmanErrorCodes.InvalidEntity };
        var id = options.NewId();
        _entities.Add(new PostmanEntity(id, kind, parentId, text));
        return id;
    }
}
