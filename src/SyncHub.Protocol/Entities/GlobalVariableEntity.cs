using System.Text.Json.Serialization;

namespace SyncHub.Protocol.Entities;

/// <summary>The body of a <see cref="EntityKinds.GlobalVariable"/>: a variable of the whole workspace (a root).</summary>
public sealed class GlobalVariableEntity : VariableEntityBody
{
    /// <inheritdoc />
    [JsonIgnore] public override string Kind => EntityKinds.GlobalVariable;
}
