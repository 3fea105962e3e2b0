using System.Text.Json.Nodes;

namespace SyncHub.Postman.Internal;

/// <summary>Writes the canonical Postman form of the group from the typed fields.</summary>
internal delegate void WriteFields(JsonObject typed, JsonObject postman, string format);
