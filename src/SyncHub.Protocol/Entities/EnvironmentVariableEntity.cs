using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>The body of an <see cref="EntityKinds.EnvironmentVariable"/>. Its environment is the entity's parentId.</summary>
public sealed class EnvironmentVariableEntity : VariableEntityBody
{
    /// <inheritdoc />
    [JsonIgnore] public override string Kind => EntityKinds.EnvironmentVariable;
}
