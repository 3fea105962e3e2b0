namespace SyncHub.Postman.Internal;

/// <summary>The members of one kind of Postman object, in the order Postman writes them.</summary>
internal sealed class ObjectShape
{
    public ObjectShape(params MemberMap[] members)
    {
        Members = members;
        AllKeys = new HashSet<string>(members.SelectMany(m => m.Keys), StringComparer.Ordinal);
        ChildKeys = new HashSet<string>(members.OfType<ChildrenSlot>().Select(c => c.Key), StringComparer.Ordinal);
        TypedKeys = members.SelectMany(m => m switch
        {
            FieldMap f => f.TypedKeys,
            NestedMap n => n.TypedKey is null ? n.Shape.TypedKeys : [n.TypedKey],
            _ => [],
        }).Distinct(StringComparer.Ordinal).ToArray();
        if (!members.OfType<UnknownSlot>().Any()) Members = [.. members, UnknownSlot.Instance];
    }

    public IReadOnlyList<MemberMap> Members { get; }

    public IReadOnlySet<string> AllKeys { get; }

    public IReadOnlySet<string> ChildKeys { get; }

    public IReadOnlyList<string> TypedKeys { get; }
}
