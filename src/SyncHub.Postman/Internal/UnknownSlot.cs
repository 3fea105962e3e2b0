namespace SyncHub.Postman.Internal;

/// <summary>Where the writer puts the members the mapping does not know (kept in the residual as they came).</summary>
internal sealed class UnknownSlot : MemberMap
{
    public static UnknownSlot Instance { get; } = new();

    public override IReadOnlyList<string> Keys => [];
}
