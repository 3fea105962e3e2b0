using SyncHub.Protocol;

namespace SyncHub.Server.Storage.Internal;

/// <summary>
/// The three-way merge of an update made on an older version. The hub keeps no old versions, so the base comes from
/// the device (<see cref="Mutation.BaseParentId"/>, <see cref="Mutation.BaseBody"/>): a device can only steer the merge
/// of its own edit, which it could as well have sent on the current version.
/// </summary>
internal sealed partial class MutationApplier
{
    // Null when merged (the content to store in merged); else the conflict or refusal to answer.
    private MutationOutcome? TryMerge(Mutation m, StoredEntity current, out EntityContent? merged)
    {
        merged = null;
        var state = State(m, current);
        var conflictMessage = $"The {current.Kind} '{m.EntityId}' is at version {current.Version}, but this edit was made on version {m.BaseVersion}";
        if (state.Body is null)
            return Conflict(MutationResult.ConflictWith(m.MutationId, state, $"{conflictMessage}, and the hub cannot merge them. Resolve the conflict and send it again on version {current.Version}."));

        EntityMergeResult result;
        try
        {
            result = EntityMerge.Merge(new EntityContent(m.BaseParentId, m.BaseBody!), new EntityContent(m.ParentId, m.Body!), new EntityContent(state.ParentId, state.Body));
        }
        catch (ArgumentException)
        {
            // The hub's own body is always an object and the device's two were checked before: only a corrupt row gets here.
            return Conflict(MutationResult.ConflictWith(m.MutationId, state, $"{conflictMessage}, and the hub cannot merge them. Resolve the conflict and send it again on version {current.Version}."));
        }

        if (!result.IsMerged)
        {
            var conflict = MutationResult.ConflictWith(m.MutationId, state,
                $"{conflictMessage}; both changed {string.Join(", ", result.ConflictingFields)}. Resolve the conflict and send it again on version {current.Version}.");
            conflict.ConflictingFields = [.. result.ConflictingFields];
            return Conflict(conflict);
        }

        // Two valid edits of different fields can still make an invalid whole (say, a body mode without its body).
        if (EntityValidator.Validate(m.Kind, result.Body) is { } invalid)
        {
            return Conflict(MutationResult.ConflictWith(m.MutationId, state,
                $"{conflictMessage}; merged with the newer changes it would not be a valid {m.Kind} ({invalid.Message}). Resolve the conflict and send it again on version {current.Version}."));
        }
        // Each side was within the limit, but the whole may not be: the hub never stores a body it would refuse from a device.
        if (System.Text.Encoding.UTF8.GetByteCount(result.Body!) is var size && size > maxBodyBytes)
        {
            return Conflict(MutationResult.ConflictWith(m.MutationId, state,
                $"{conflictMessage}; merged with the newer changes it would be {size} bytes, over the limit of {maxBodyBytes} bytes. Resolve the conflict (shorten one side) and send it again on version {current.Version}."));
        }
        if (CheckParent(m.WorkspaceId, m.Kind, result.ParentId, m.EntityId) is { } parentError)
            return Reject(m, ErrorCodes.InvalidParent, $"Merged with the newer changes: {parentError}");

        merged = new EntityContent(result.ParentId, result.Body!);
        return null;
    }

    // A resent update that was merged gets the merged answer again: the stored content is read back from its change.
    private MutationResult AsFirstAnswered(Mutation m, MutationResult previous)
    {
        if (m.Op != MutationOps.Update || m.BaseBody is null || m.Body is null) return previous;
        // The change may have been pruned (the entity moved on since); the plain answer is then all that is left.
        if (state.FindChange(m.WorkspaceId, previous.Seq) is not { Body: { } body } stored || !string.Equals(stored.MutationId, m.MutationId, StringComparison.Ordinal)) return previous;
        var parentId = stored.ParentId;
        var same = string.Equals(parentId, m.ParentId, StringComparison.Ordinal) && string.Equals(body, m.Body, StringComparison.Ordinal);
        return same ? previous : MutationResult.MergedInto(m.MutationId, previous.Seq, previous.Version, parentId, body);
    }
}
