namespace SyncHub.Postman.Internal;

/// <summary>Names in the <c>"postman"</c> member of an entity body: what the writer needs to give the file back as it came.</summary>
internal static class PostmanResidual
{
    /// <summary>The body member holding the residual.</summary>
    public const string BodyKey = "postman";

    /// <summary>Where the entity came from: one of the format names below.</summary>
    public const string FormatKey = "format";

    public const string V21 = "v2.1.0";
    public const string V20 = "v2.0.0";
    public const string V1 = "v1";
    public const string Environment = "environment";
    public const string Globals = "globals";
    public const string Dump = "dump";

    /// <summary>On a collection read from the Postman API's <c>{"collection": ...}</c> envelope: the envelope's other members.</summary>
    public const string EnvelopeKey = "$envelope";

    /// <summary>On a global variable: the globals file's own members (id, name, export stamps), so the file comes back whole.</summary>
    public const string ContainerKey = "$container";

    /// <summary>On a v1 folder or request: its place in the collection's flat <c>folders</c> or <c>requests</c> list.</summary>
    public const string IndexKey = "$index";

    /// <summary>On a v1 folder or request that no <c>order</c> list named: the writer leaves it out of the lists again.</summary>
    public const string UnlistedKey = "$unlisted";

    public static bool IsCollectionFormat(string? format) => format is V21 or V20 or V1;

    /// <summary>Whether unknown members kept from <paramref name="from"/> mean the same in <paramref name="to"/> (v2.0 and v2.1 share them).</summary>
    public static bool SharesUnknowns(string? from, string to) =>
        from == to || (from is V21 or V20 && to is V21 or V20);
}
