using System.Text.Json.Nodes;
using static SyncHub.Postman.Internal.PostmanFields;

namespace SyncHub.Postman.Internal;

/// <summary>The members of v2.0 and v2.1 collection objects, in the order Postman writes them.</summary>
internal static class CollectionShapes
{
    public const string SchemaV21 = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";
    public const string SchemaV20 = "https://schema.getpostman.com/json/collection/v2.0.0/collection.json";

    public static ObjectShape Info { get; } = new(
        Name("name", "name", required: true, fallback: string.Empty),
        Description("description", "description"),
        Constant("schema", format => format == PostmanResidual.V20 ? SchemaV20 : SchemaV21),
        UnknownSlot.Instance);

    public static ObjectShape Root { get; } = new(
        new NestedMap("info", null, Info) { Required = true },
        new ChildrenSlot("item"),
        Auth("auth"),
        Events("event"),
        Variables("variable", "variables"));

    public static ObjectShape Folder { get; } = new(
        Name("name", "name", required: false, fallback: "New Folder"),
        UnknownSlot.Instance,
        new ChildrenSlot("item"),
        Description("description", "description"),
        Auth("auth"),
        Events("event"),
        Variables("variable", "variables"));

    public static ObjectShape Request { get; } = new(
        Auth("auth"),
        Text("method", "method"),
        KeyValues("header", "headers", allowString: true),
        BodyMap.Field("body"),
        UrlMap.Field,
        Description("description", "description"),
        UnknownSlot.Instance);

    public static ObjectShape RequestItem { get; } = new(
        Name("name", "name", required: false, fallback: "New Request"),
        UnknownSlot.Instance,
        Events("event"),
        new NestedMap("request", null, Request) { ReadOther = ReadUrlOnly },
        new ChildrenSlot("response"));

    public static ObjectShape Response { get; } = new(
        UnknownSlot.Instance,
        Name("name", "name", required: false, fallback: "Example"),
        new NestedMap("originalRequest", "originalRequest", Request) { ReadOther = ReadUrlOnly },
        LooseText("status", "status"),
        StatusCode("code", "code"),
        LooseText("_postman_previewlanguage", "previewLanguage"),
        KeyValues("header", "headers", allowString: true),
        LooseText("body", "body"),
        Number("responseTime", "responseTime"));

    // A request may be just its URL ("request": "https://..."); null stands for none.
    private static void ReadUrlOnly(JsonNode? value, string path, JsonObject typed)
    {
        if (value is null) return;
        if (value.GetValueKind() != System.Text.Json.JsonValueKind.String)
            throw new PostmanFormatException(path, $"A request must be an object or a URL string, not {PostmanValues.Describe(value)}.");
        typed["url"] = value.GetValue<string>();
    }
}
