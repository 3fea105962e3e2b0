namespace SyncHub.Postman;

/// <summary>The kinds of Postman file the reader recognises from their content (never from the file name).</summary>
public enum PostmanFileKind
{
    /// <summary>A collection in format v2.1.0 (bare, or in the Postman API's <c>{"collection": ...}</c> envelope).</summary>
    CollectionV21,

    /// <summary>A collection in format v2.0.0.</summary>
    CollectionV20,

    /// <summary>A collection in the old v1 format (a flat <c>requests</c> list with <c>folders</c>).</summary>
    CollectionV1,

    /// <summary>An environment export (<c>id</c>, <c>name</c>, <c>values</c>).</summary>
    Environment,

    /// <summary>A globals export (<c>_postman_variable_scope: "globals"</c>).</summary>
    Globals,

    /// <summary>Postman's full data dump (<c>version</c>, <c>collections</c>, <c>environments</c>, <c>headerPresets</c>, <c>globals</c>).</summary>
    DataDump,
}
