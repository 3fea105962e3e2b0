using System.Text.Json.Nodes;

namespace SyncHub.Postman.Internal;

/// <summary>Reads the group's keys of a Postman object into typed fields (throwing <see cref="PostmanFormatException"/> on a wrong value).</summary>
internal delegate void ReadFields(JsonObject postman, string path, JsonObject typed, string format);
