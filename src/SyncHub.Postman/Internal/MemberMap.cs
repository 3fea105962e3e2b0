namespace SyncHub.Postman.Internal;

/// <summary>One member (or group of members) of a Postman object, in the order the writer writes them.</summary>
internal abstract class MemberMap
{
    /// <summary>The Postman keys this member reads and writes.</summary>
    public abstract IReadOnlyList<string> Keys { get; }
}
