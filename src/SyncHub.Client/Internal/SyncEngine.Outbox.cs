using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using SyncHub.Protocol;

namespace SyncHub.Client.Internal;

/// <summary>The outbox pump: ordered batches, results applied in local transactions, retries, stall detection.</summary>
internal sealed partial class SyncEngine
{
    // Room for a mutation's ids, op, kind and framing next to its body when budgeting a batch's size.
    private const int MutationOverheadBytes = 512;

    private DateTimeOffset? _stallSince;
    private bool _stalled;
    private DateTimeOffset _flushRetryAt;
    private int _flushFailures;
    private bool _oneAtATime;

    /// <summary>When the outbox counts as stalled if nothing drains before; null when not watching (or already stalled).</summary>
    private DateTimeOffset? StallDeadline => _stalled ? null : _stallSince + _options.OutboxStallTimeout;

    private void ResetOutboxPump()
    {
        _stallSince = null;
        _stalled = false;
        _flushRetryAt = DateTimeOffset.MinValue;
        _flushFailures = 0;
        _oneAtATime = false;
    }

    private async Task FlushBatchAsync(HubConnection connection, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        _stallSince ??= now;

        var maxBatch = Math.Min(_options.MaxBatchSize, _limits.MaxBatchSize > 0 ? _limits.MaxBatchSize : int.MaxValue);
        // One workspace per batch (results apply per workspace): the one holding the oldest edit, so the outbox drains in order.
        if (_store.NextOutboxWorkspace() is not { } workspaceId) return;
        var sync = _synced.TryGetValue(workspaceId, out var known) ? known : new WorkspaceSync(workspaceId, NewBuffer());
        var entries = _store.PeekOutbox(workspaceId, _oneAtATime ? 1 : Math.Max(1, maxBatch));
        if (entries.Count == 0) return;

        // Keep each call well under the hub's message limit: a larger message makes SignalR close the connection.
        var budget = _limits.MaxMessageBytes > 0 ? _limits.MaxMessageBytes / 2 : long.MaxValue;
        var batch = new List<OutboxEntry>();
        var results = new List<(OutboxEntry Entry, MutationResult Result)>();
        var entitiesInBatch = new HashSet<string>(StringComparer.Ordinal);
        long bytes = 0;
        foreach (var entry in entries)
        {
            // A later edit of an entity stands on the version its earlier edit will produce, which only the ack tells
            // (then its base is rewritten). So one edit per entity per batch; the next batch carries the rest.
            if (!entitiesInBatch.Add(entry.EntityId)) break;

            var bodyBytes = entry.Body is null ? 0 : Encoding.UTF8.GetByteCount(entry.Body);
            var size = bodyBytes + MutationOverheadBytes;
            if ((_limits.MaxBodyBytes > 0 && bodyBytes > _limits.MaxBodyBytes) || (_limits.MaxMessageBytes > 0 && size >= _limits.MaxMessageBytes))
            {
                // Sending it would be refused, or would close the connection and stall the outbox for good.
                SyncClientLog.OversizeChange(_logger, entry.MutationId);
                results.Add((entry, MutationResult.Rejected(entry.MutationId, ErrorCodes.PayloadTooLarge,
                    $"The body is {bodyBytes} bytes; the hub accepts at most {_limits.MaxBodyBytes} bytes per entity.")));
                continue;
            }
            var toSend = entry;
            if (entry.BaseBody is not null)
            {
                // The base only lets the hub merge; one that would make the message too large is left out (a stale edit
                // then comes back as a conflict instead of a merge), never the edit itself.
                var baseBytes = Encoding.UTF8.GetByteCount(entry.BaseBody);
                if ((_limits.MaxBodyBytes > 0 && baseBytes > _limits.MaxBodyBytes) || (_limits.MaxMessageBytes > 0 && size + baseBytes >= _limits.MaxMessageBytes))
                    toSend = entry with { BaseParentId = null, BaseBody = null };
                else
                    size += baseBytes;
            }
            if (batch.Count > 0 && bytes + size > budget) break;
            batch.Add(toSend);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            SyncClientLog.SendingBatch(_logger, batch.Count);
            var answers = await SendAsync(connection, batch, ct).ConfigureAwait(false);
            if (answers is null) return; // nothing answered; retry scheduled
            // Results are applied to the entries as stored, base included, even where the base was not sent.
            var stored = entries.ToDictionary(e => e.MutationId, StringComparer.Ordinal);
            results.AddRange(answers.Select(a => (stored[a.Item1.MutationId], a.Item2)));
        }

        foreach (var (entry, result) in results)
        {
            if (result.Merged) SyncClientLog.ChangeMerged(_logger, entry.MutationId, result.Version);
        }
        var outcome = _store.ApplyResults(workspaceId, results, sync.OwnSeqs, _time.GetUtcNow());
        sync.SetCursor(outcome.Cursor);
        if (outcome.Progress > 0) HeardFromHub();
        SyncClientLog.BatchAnswered(_logger, outcome.Applied, outcome.Conflicts, outcome.Failed, outcome.Transient);
        _metrics.MutationsAcknowledged(outcome.Progress);
        if (outcome.Progress > 0)
        {
            _stallSince = _time.GetUtcNow();
            _oneAtATime = false;
        }
        if (outcome.Transient > 0)
        {
            ScheduleRetry("transient", null);
        }
        else
        {
            _flushFailures = 0;
            _flushRetryAt = DateTimeOffset.MinValue;
        }
        RaiseEntitiesChanged(workspaceId, outcome.VisibleChanges, remote: true);
        foreach (var conflict in outcome.NewConflicts)
        {
            SyncClientLog.ConflictRecorded(_logger, conflict.Id, conflict.Kind, conflict.EntityId, conflict.Theirs?.Version ?? 0,
                conflict.ConflictingFields.Count > 0 ? string.Join(", ", conflict.ConflictingFields) : conflict.IsAgainstDelete ? "(deleted)" : "(whole entity)");
            _callbacks.ConflictDetected(conflict);
        }

        // Our own acknowledgement may be the change a held push was waiting for.
        ApplyReadyPushes(sync);
        UpdateOnlineStatus(null);
    }

    /// <summary>Sends one batch; the answers paired with their entries, or null when the call as a whole failed (retry scheduled).</summary>
    private async Task<List<(OutboxEntry, MutationResult)>?> SendAsync(HubConnection connection, List<OutboxEntry> batch, CancellationToken ct)
    {
        var mutations = batch.Select(e => e.ToMutation()).ToArray();
        MutationResult[] answers;
        try
        {
            answers = await InvokeAsync(HubMethods.Mutate,
                t => connection.InvokeAsync<MutationResult[]>(HubMethods.Mutate, mutations, t), ct).ConfigureAwait(false);
        }
        catch (HubException ex)
        {
            var error = HubError.TryParse(ex.Message, out var parsed) ? parsed : new HubError(ErrorCodes.Unavailable, ex.Message);
            if (error.Code == ErrorCodes.Unauthorized) throw new SyncException(error.Code, error.Message, ex);
            if (ErrorCodes.IsTransient(error.Code))
            {
                Failed(batch, error.Code, error.Message, ex);
                return null;
            }
            if (batch.Count > 1)
            {
                // The hub refused the call as a whole: find the culprit by sending one at a time.
                _oneAtATime = true;
                _store.MarkAttempt(batch.Select(e => e.MutationId), error.Format());
                SyncClientLog.BatchFailed(_logger, error.Code, TimeSpan.Zero, ex);
                return null;
            }
            return [(batch[0], MutationResult.Rejected(batch[0].MutationId, error.Code, error.Message))];
        }
        catch (TimeoutException ex)
        {
            Failed(batch, ErrorCodes.Timeout, ex.Message, ex);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _store.MarkAttempt(batch.Select(e => e.MutationId), $"connection lost: {ex.Message}");
            throw new HubConnectionLostException("The connection broke while sending changes.", ex);
        }

        var byId = answers.Where(a => a is not null).GroupBy(a => a.MutationId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var paired = new List<(OutboxEntry, MutationResult)>(batch.Count);
        foreach (var entry in batch)
        {
            // An entry the hub did not answer is retried with the same mutationId; the hub applies it at most once.
            paired.Add((entry, byId.TryGetValue(entry.MutationId, out var answer)
                ? answer
                : MutationResult.Rejected(entry.MutationId, ErrorCodes.Unavailable, "The hub did not answer this change.")));
        }
        return paired;
    }

    private void Failed(List<OutboxEntry> batch, string code, string message, Exception? ex)
    {
        _store.MarkAttempt(batch.Select(e => e.MutationId), $"{code}: {message}");
        ScheduleRetry(code, ex);
    }

    private void ScheduleRetry(string code, Exception? ex)
    {
        var now = _time.GetUtcNow();
        var delay = _options.ReconnectPolicy.NextRetryDelay(new ReconnectContext(_flushFailures, now - (_stallSince ?? now), ex)) ?? MaxFlushRetryDelay;
        if (delay > MaxFlushRetryDelay) delay = MaxFlushRetryDelay;
        _flushFailures++;
        _flushRetryAt = now + delay;
        SyncClientLog.BatchFailed(_logger, code, delay, ex);
        UpdateOnlineStatus(null);
    }

    /// <summary>
    /// While connected: Online (syncing or in sync), or Error/outbox_stalled when the oldest pending change has not
    /// drained for longer than the stall timeout. The engine keeps retrying either way.
    /// </summary>
    private void UpdateOnlineStatus(int? pending)
    {
        var counts = pending ?? _store.GetTotalCounts().Pending;
        if (counts == 0) _stallSince = null;
        var now = _time.GetUtcNow();
        var stalledNow = counts > 0 && _stallSince is { } since && now - since >= _options.OutboxStallTimeout;
        var caughtUp = _synced.Values.All(s => s.Buffer.HeldCount == 0);
        if (stalledNow)
        {
            if (!_stalled)
            {
                _stalled = true;
                var oldest = _store.GetTotalCounts().OldestPendingCreatedAt ?? _stallSince!.Value;
                var age = now - oldest;
                SyncClientLog.OutboxStalled(_logger, counts, age);
                _status.Transition(new StatusChange(SyncState.Error, caughtUp, ErrorCodes.OutboxStalled,
                    $"Connected, but {counts} change(s) have not reached the hub; the oldest has waited {FormatAge(age)}. Still retrying."));
                return;
            }
            _status.Transition(new StatusChange(CaughtUp: caughtUp));
            return;
        }
        if (_stalled || _status.State != SyncState.Online)
        {
            _stalled = false;
            _status.Transition(new StatusChange(SyncState.Online, caughtUp));
            return;
        }
        _status.Transition(new StatusChange(CaughtUp: caughtUp));
    }

    private static string FormatAge(TimeSpan age) =>
        age.TotalHours >= 1 ? $"{(int)age.TotalHours} h {age.Minutes} min"
        : age.TotalMinutes >= 1 ? $"{(int)age.TotalMinutes} min {age.Seconds} s"
        : $"{Math.Max(0, age.TotalSeconds):0.#} s";

    /// <summary>
    /// Invokes a hub method with the invocation timeout. While it waits, the stall clock keeps running, so a hub that
    /// stops answering shows as outbox_stalled on time rather than after the invocation gives up.
    /// </summary>
    private async Task<T> InvokeAsync<T>(string method, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(_options.InvocationTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var task = call(linked.Token);
        while (true)
        {
            try
            {
                if (StallDeadline is not { } stall || _store.GetTotalCounts().Pending == 0)
                    return await task.ConfigureAwait(false);
                var wait = stall - _time.GetUtcNow();
                if (wait <= TimeSpan.Zero)
                {
                    UpdateOnlineStatus(null);
                    if (_stalled) continue;
                    return await task.ConfigureAwait(false);
                }
                return await task.WaitAsync(wait, _time, ct).ConfigureAwait(false);
            }
            catch (TimeoutException) when (!task.IsCompleted)
            {
                UpdateOnlineStatus(null);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new TimeoutException($"The hub did not answer {method} within {_options.InvocationTimeout.TotalSeconds:0.#} s.");
            }
        }
    }
}
