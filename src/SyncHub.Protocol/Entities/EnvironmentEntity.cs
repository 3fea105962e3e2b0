using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>The body of an <see cref="EntityKinds.Environment"/>. Its variables are separate entities (<see cref="EnvironmentVariableEntity"/>) whose parent it is.</summary>
public sealed class EnvironmentEntity : NamedEntityBody
{
    /// <inheritdoc />
    [JsonIgnore] public override string Kind => EntityKinds.Environment;
}
