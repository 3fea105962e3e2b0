namespace SyncHub.Postman.Internal;

/// <summary>Where a Postman object holds its children (<c>item</c>, <c>response</c>, ...): they are entities, not kept in the residual.</summary>
internal sealed class ChildrenSlot(string key) : MemberMap
{
    private readonly string[] _keys = [key];

    public override IReadOnlyList<string> Keys => _keys;

    public string Key => key;

    /// <summary>When the original had no such member, never write it (v1's <c>folders_order</c>: an older layout), rather than only when there are children.</summary>
    public bool NeverWhenAbsent { get; init; }
}
