using System.Text.Json;
using SyncHub.Protocol.Entities;
using SyncHub.Protocol.Internal;

namespace SyncHub.Protocol;

public static partial class EntityValidator
{
    // Postman's HTTP status codes fit in three digits; anything else is a typo.
    private const long MinStatusCode = 100;
    private const long MaxStatusCode = 999;

    private static string? CheckKind(string kind, BodyRules r, JsonElement b) => kind switch
    {
        EntityKinds.Collection or EntityKinds.Folder =>
            r.RequiredText(b, "$", "name")
            ?? r.Text(b, "$", "description")
            ?? r.Object(b, "$", "auth", (o, p) => Auth(r, o, p))
            ?? r.Objects(b, "$", "variables", (o, p) => CollectionVariable(r, o, p))
            ?? Scripts(r, b),
        EntityKinds.Request =>
            r.RequiredText(b, "$", "name")
            ?? r.Text(b, "$", "description")
            ?? r.Text(b, "$", "method")
            ?? r.Text(b, "$", "url")
            ?? r.Objects(b, "$", "headers", (o, p) => KeyValue(r, o, p))
            ?? r.Objects(b, "$", "query", (o, p) => KeyValue(r, o, p))
            ?? r.Objects(b, "$", "pathVariables", (o, p) => KeyValue(r, o, p))
            ?? r.Object(b, "$", "body", (o, p) => HttpBody(r, o, p))
            ?? r.Object(b, "$", "auth", (o, p) => Auth(r, o, p))
            ?? Scripts(r, b),
        EntityKinds.Response =>
            r.RequiredText(b, "$", "name")
            ?? r.Text(b, "$", "status")
            ?? r.Integer(b, "$", "code", MinStatusCode, MaxStatusCode)
            ?? r.Objects(b, "$", "headers", (o, p) => KeyValue(r, o, p))
            ?? r.Text(b, "$", "body")
            ?? r.Text(b, "$", "previewLanguage")
            ?? r.Number(b, "$", "responseTime")
            ?? r.Object(b, "$", "originalRequest", (o, p) => SavedRequest(r, o, p)),
        EntityKinds.HeaderPreset =>
            r.RequiredText(b, "$", "name")
            ?? r.Objects(b, "$", "headers", (o, p) => KeyValue(r, o, p)),
        EntityKinds.Environment =>
            r.RequiredText(b, "$", "name"),
        EntityKinds.EnvironmentVariable or EntityKinds.GlobalVariable =>
            r.RequiredText(b, "$", "key")
            ?? r.Text(b, "$", "value")
            ?? r.OneOf(b, "$", "type", VariableTypes.All)
            ?? r.Flag(b, "$", "enabled"),
        EntityKinds.CollectionRun =>
            r.Text(b, "$", "name")
            ?? r.Text(b, "$", "environmentId")
            ?? r.Integer(b, "$", "startedAt", min: 0, required: true)
            ?? r.Integer(b, "$", "finishedAt", min: 0)
            ?? r.Object(b, "$", "totals", (o, p) => RunTotals(r, o, p))
            ?? r.Objects(b, "$", "results", (o, p) => RunResult(r, o, p)),
        _ => null,
    };

    private static string? Scripts(BodyRules r, JsonElement b) =>
        r.Text(b, "$", "preRequestScript") ?? r.Text(b, "$", "testScript");

    private static string? KeyValue(BodyRules r, JsonElement o, string p) =>
        r.RequiredText(o, p, "key", allowBlank: true)
        ?? r.Text(o, p, "value")
        ?? r.Flag(o, p, "disabled")
        ?? r.Text(o, p, "description");

    private static string? CollectionVariable(BodyRules r, JsonElement o, string p) =>
        r.RequiredText(o, p, "key", allowBlank: true)
        ?? r.Text(o, p, "value")
        ?? r.Text(o, p, "type")
        ?? r.Flag(o, p, "disabled")
        ?? r.Text(o, p, "description");

    private static string? Auth(BodyRules r, JsonElement o, string p) =>
        r.RequiredText(o, p, "type")
        ?? r.Objects(o, p, "attributes", (a, ap) => r.RequiredText(a, ap, "key", allowBlank: true) ?? r.Text(a, ap, "type"));

    private static string? HttpBody(BodyRules r, JsonElement o, string p) =>
        r.OneOf(o, p, "mode", BodyModes.All)
        ?? r.Text(o, p, "raw")
        ?? r.Text(o, p, "language")
        ?? r.Objects(o, p, "urlencoded", (kv, kp) => KeyValue(r, kv, kp))
        ?? r.Objects(o, p, "formdata", (part, pp) => FormDataPart(r, part, pp))
        ?? r.Object(o, p, "graphql", (g, gp) => r.Text(g, gp, "query") ?? r.Text(g, gp, "variables"))
        ?? r.Object(o, p, "file", (f, fp) => r.Text(f, fp, "src"))
        ?? r.Flag(o, p, "disabled");

    private static string? FormDataPart(BodyRules r, JsonElement o, string p) =>
        r.RequiredText(o, p, "key", allowBlank: true)
        ?? r.OneOf(o, p, "type", FormDataPartTypes.All)
        ?? r.Text(o, p, "value")
        ?? r.Text(o, p, "src")
        ?? r.Text(o, p, "contentType")
        ?? r.Flag(o, p, "disabled")
        ?? r.Text(o, p, "description");

    private static string? SavedRequest(BodyRules r, JsonElement o, string p) =>
        r.Text(o, p, "method")
        ?? r.Text(o, p, "url")
        ?? r.Objects(o, p, "headers", (kv, kp) => KeyValue(r, kv, kp))
        ?? r.Objects(o, p, "query", (kv, kp) => KeyValue(r, kv, kp))
        ?? r.Object(o, p, "body", (hb, hp) => HttpBody(r, hb, hp))
        ?? r.Object(o, p, "auth", (a, ap) => Auth(r, a, ap));

    private static string? RunTotals(BodyRules r, JsonElement o, string p) =>
        r.Integer(o, p, "requests", 0, int.MaxValue)
        ?? r.Integer(o, p, "failedRequests", 0, int.MaxValue)
        ?? r.Integer(o, p, "tests", 0, int.MaxValue)
        ?? r.Integer(o, p, "passedTests", 0, int.MaxValue)
        ?? r.Integer(o, p, "failedTests", 0, int.MaxValue)
        ?? r.Integer(o, p, "totalResponseTime", min: 0);

    private static string? RunResult(BodyRules r, JsonElement o, string p) =>
        r.RequiredText(o, p, "requestId")
        ?? r.Text(o, p, "name")
        ?? r.Text(o, p, "status")
        ?? r.Integer(o, p, "code", MinStatusCode, MaxStatusCode)
        ?? r.Integer(o, p, "responseTime", min: 0)
        ?? r.Text(o, p, "error")
        ?? r.Objects(o, p, "tests", (t, tp) => r.RequiredText(t, tp, "name", allowBlank: true) ?? RequiredFlag(r, t, tp, "passed") ?? r.Text(t, tp, "error"));

    private static string? RequiredFlag(BodyRules r, JsonElement o, string p, string field) =>
        o.TryGetProperty(field, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? null
            : r.Flag(o, p, field) ?? $"A test result needs a field '{field}' that is true or false (at {p}.{field}).";
}
