namespace SyncHub.Protocol;

/// <summary>The outcome of one mutation, in <see cref="MutationResult.Status"/>.</summary>
public static class MutationStatuses
{
    /// <summary>Stored with a sequence number and a new version.</summary>
    public const string Applied = "applied";

    /// <summary>The entity moved on since the mutation's base version; <see cref="MutationResult.Current"/> holds the hub's version.</summary>
    public const string Conflict = "conflict";

    /// <summary>Refused; <see cref="MutationResult.Code"/> says why. Permanent unless the code is <c>unavailable</c> or <c>timeout</c>.</summary>
    public const string Rejected = "rejected";
}
