using SyncHub.Protocol;

namespace SyncHub.Protocol.Tests;

/// <summary>A full body of every kind, with every field the kind defines, shaped as a Postman import would make them.</summary>
internal static class EntitySamples
{
    public const string Collection = """
        {"name":"Billing API","description":"All of **billing**","rank":"V",
         "auth":{"type":"bearer","attributes":[{"key":"token","value":"{{token}}","type":"string"}]},
         "variables":[{"key":"baseUrl","value":"https://api.example.com","type":"string"},{"key":"old","value":"1","disabled":true,"description":"unused"}],
         "preRequestScript":"pm.variables.set('t', Date.now());","testScript":"pm.test('ok', () => pm.response.to.be.ok);"}
        """;

    public const string Folder = """
        {"name":"Invoices","description":"kept as is","rank":"k",
         "auth":{"type":"basic","attributes":[{"key":"username","value":"ada"},{"key":"showPassword","value":false,"type":"boolean"}]},
         "variables":[{"key":"page","value":"1"}],"preRequestScript":"","testScript":"pm.test('folder', () => {});"}
        """;

    public const string RawRequest = """
        {"name":"Create invoice","rank":"V","method":"POST","url":"{{baseUrl}}/invoices/:id?draft=true","description":"Creates one",
         "headers":[{"key":"Content-Type","value":"application/json"},{"key":"X-Trace","value":"1","disabled":true,"description":"debug only"}],
         "query":[{"key":"draft","value":"true"}],"pathVariables":[{"key":"id","value":"42"}],
         "body":{"mode":"raw","raw":"{\"amount\":12}","language":"json"},
         "auth":{"type":"noauth"},"preRequestScript":"console.log(1)","testScript":"pm.test('201', () => pm.response.to.have.status(201));"}
        """;

    public const string UrlEncodedRequest = """
        {"name":"Token","method":"POST","url":"https://auth.example.com/token",
         "body":{"mode":"urlencoded","urlencoded":[{"key":"grant_type","value":"client_credentials"},{"key":"scope","value":"all","disabled":true}]}}
        """;

    public const string FormDataRequest = """
        {"name":"Upload","method":"POST","url":"https://example.com/upload",
         "body":{"mode":"formdata","formdata":[{"key":"title","type":"text","value":"Report","contentType":"text/plain"},
                                                {"key":"file","type":"file","src":"report.pdf","description":"the report"}]}}
        """;

    public const string GraphQLRequest = """
        {"name":"Streams","method":"POST","url":"https://example.com/graphql",
         "body":{"mode":"graphql","graphql":{"query":"query { streams { id } }","variables":"{\"first\":10}"}}}
        """;

    public const string FileRequest = """
        {"name":"Put blob","method":"PUT","url":"https://example.com/blob","body":{"mode":"file","file":{"src":"blob.bin"}}}
        """;

    public const string Response = """
        {"name":"Created","status":"Created","code":201,"headers":[{"key":"Content-Type","value":"application/json"}],
         "body":"{\"id\":42}","previewLanguage":"json",
         "originalRequest":{"method":"POST","url":"{{baseUrl}}/invoices","headers":[{"key":"Content-Type","value":"application/json"}],
                            "query":[],"body":{"mode":"raw","raw":"{\"amount\":12}","language":"json"},"auth":{"type":"noauth"}}}
        """;

    public const string HeaderPreset = """{"name":"JSON","headers":[{"key":"Accept","value":"application/json"},{"key":"Content-Type","value":"application/json"}]}""";

    public const string Environment = """{"name":"Staging","rank":"a"}""";

    public const string EnvironmentVariable = """{"key":"token","value":"s3cret","type":"secret","enabled":true}""";

    public const string GlobalVariable = """{"key":"region","value":"eu","type":"default","enabled":false}""";

    public const string CollectionRun = """
        {"environmentId":"env1","startedAt":1767225600000,"finishedAt":1767225601234,
         "totals":{"requests":2,"failedRequests":0,"tests":3,"passedTests":2,"failedTests":1,"totalResponseTime":321},
         "results":[{"requestId":"r1","name":"Create invoice","status":"Created","code":201,"responseTime":120,
                     "tests":[{"name":"201","passed":true},{"name":"has id","passed":false,"error":"expected undefined to be a number"}]},
                    {"requestId":"r2","name":"Token","status":"OK","code":200,"responseTime":201,"tests":[{"name":"ok","passed":true}]}]}
        """;

    /// <summary>Every sample with its kind.</summary>
    public static TheoryData<string, string> All => new()
    {
        { EntityKinds.Collection, Collection },
        { EntityKinds.Folder, Folder },
        { EntityKinds.Request, RawRequest },
        { EntityKinds.Request, UrlEncodedRequest },
        { EntityKinds.Request, FormDataRequest },
        { EntityKinds.Request, GraphQLRequest },
        { EntityKinds.Request, FileRequest },
        { EntityKinds.Response, Response },
        { EntityKinds.HeaderPreset, HeaderPreset },
        { EntityKinds.Environment, Environment },
        { EntityKinds.EnvironmentVariable, EnvironmentVariable },
        { EntityKinds.GlobalVariable, GlobalVariable },
        { EntityKinds.CollectionRun, CollectionRun },
    };
}
