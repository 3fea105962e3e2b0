using System.Text.Json.Nodes;

namespace SyncHub.Postman.Internal;

/// <summary>Reads a non-object value of a <see cref="NestedMap"/> into typed fields.</summary>
internal delegate void ReadOther(JsonNode? value, string path, JsonObject typed);
