using System.Diagnostics;
using Microsoft.Extensions.Options;
using WarningDispatch.Domain.Cases;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Cases;
using WarningDispatch.Service.Escalation;
using WarningDispatch.Service.Feedback;
using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Realtime;

namespace WarningDispatch.Service.Tasks;

/// <summary>
/// Loads a task, lets the state machine change it, and commits the change with its outbox entries and next timer.
/// A concurrent change (version conflict) reloads and retries: that is the optimistic-concurrency loop, not a
/// transient-fault retry.
/// </summary>
public sealed class TaskWorkflow(
    ITaskStore store, IOfficerRoster roster, Router router, TaskBroadcaster broadcaster, DispatchMetrics metrics,
    IOptions<CorrelationOptions> correlation, IEnumerable<ITaskIndex> indexes, IInstancePresence instances)
{
    readonly ITaskIndex[] _indexes = indexes.ToArray();

    /// <summary>Past the window, the case and its person keys are only kept for tasks still active that long.</summary>
    static readonly TimeSpan CaseMargin = TimeSpan.FromDays(7);

    const int MaxConflictRetries = 8;

    /// <param name="link">The case link decided for the task; the store refuses it (CaseChanged) if stale.</param>
    /// <param name="dutyVersion">The duty version a decision from memory was made on; the store refuses the task
    /// (RosterChanged) if the roster has changed since. Null for a decision made on the roster as read.</param>
    public async Task<CreateResult> CreateAsync(DispatchTask task, CaseLink? link, string? dutyVersion,
        CancellationToken ct)
    {
        using var activity = DispatchTelemetry.Source.StartActivity("store commit");
        activity?.SetTag("dispatch.task_id", task.TaskId);
        var committing = metrics.StartStage(HotPathStage.Commit);
        var commit = Commit(task, expectedVersion: 0, previousOfficerId: null, previousAreaIds: [], link,
            created: true) with { ExpectedDutyVersion = dutyVersion };
        var storing = store.CreateAsync(commit, ct);
        committing.Issued();
        var result = await storing;
        metrics.Stage(HotPathStage.Commit, committing);
        if (result.Outcome == CreateOutcome.Created)
        {
            broadcaster.PushCommitted(task, commit);
            metrics.TaskCreated(task);
        }
        return result;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current version of the task; null when there is no such task.
    /// </summary>
    public Task<(ActionResult Result, DispatchTask Task)?> ChangeAsync(
        string taskId, Func<DispatchTask, ActionResult> change, CancellationToken ct) =>
        ChangeAsync(taskId, task => Task.FromResult(change(task)), ct);

    /// <inheritdoc cref="ChangeAsync(string, Func{DispatchTask, ActionResult}, CancellationToken)"/>
    /// <param name="check">Filled by <see cref="NextRungAsync"/> when it decides from memory; null: it reads.</param>
    public Task<(ActionResult Result, DispatchTask Task)?> ChangeAsync(
        string taskId, Func<DispatchTask, Task<ActionResult>> change, CancellationToken ct, DutyCheck? check = null) =>
        ChangeAsync(taskId, loaded: null, change, check, ct);

    /// <summary>
    /// As above, starting from <paramref name="loaded"/> (read with others in one round trip); a conflict reads the
    /// task again.
    /// </summary>
    public Task<(ActionResult Result, DispatchTask Task)?> ChangeAsync(DispatchTask loaded,
        Func<DispatchTask, Task<ActionResult>> change, CancellationToken ct, DutyCheck? check = null) =>
        ChangeAsync(loaded.TaskId, loaded, change, check, ct);

    async Task<(ActionResult Result, DispatchTask Task)?> ChangeAsync(string taskId, DispatchTask? loaded,
        Func<DispatchTask, Task<ActionResult>> change, DutyCheck? check, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            check?.Version = null;
            var task = attempt == 1 && loaded is not null ? loaded : await store.GetAsync(taskId, ct);
            if (task is null) return null;
            var expected = task.Version;
            var previousOfficer = task.OfficerId;
            var previousAreas = task.AreaIds.ToList();
            var previousSteps = task.History.Count;
            var indexedBefore = IndexEntries(task, new TaskIndexChange(Created: false, previousAreas));
            var result = await change(task);
            if (!result.Changed) return (result, task);
            using var activity = DispatchTelemetry.Source.StartActivity("store commit");
            activity?.SetTag("dispatch.task_id", task.TaskId);
            activity?.SetTag("dispatch.version", task.Version);
            var commit = Commit(task, expected, previousOfficer, previousAreas, link: null, created: false,
                indexedBefore) with { ExpectedDutyVersion = check?.Version };
            if (await store.UpdateAsync(commit, ct))
            {
                if (check?.Version is { } version && task.OfficerId != previousOfficer)
                    roster.Committed(task.OfficerId, version);
                broadcaster.PushCommitted(task, commit);
                metrics.Steps(task.History.Skip(previousSteps));
                return (result, task);
            }
            metrics.Conflict();
            // Refused for a changed task or a changed roster: either way the next rung is decided on a fresh read.
            if (check?.Version is not null) roster.Forget();
            if (attempt >= MaxConflictRetries)
                throw new InvalidOperationException(
                    $"Task {taskId} kept changing under {MaxConflictRetries} attempts.");
        }
    }

    /// <summary>
    /// The ladder's next rung for a task whose officer is gone (missed acknowledgement, off duty). With a
    /// <paramref name="check"/> it is decided from memory when it can be (no round trip; the change's commit checks
    /// the duty version), otherwise on the duty roster read now. Asked only when a rung is needed.
    /// </summary>
    public async Task<Func<DispatchTask, RoutingDecision>> NextRungAsync(DispatchTask task, CancellationToken ct,
        DutyCheck? check = null)
    {
        RoutingDecision Decide(IDutyRoster duty) => router.NextAfterMissedAck(
            task.CurrentSubject, task.PostId, task.TriedPosts, task.TriedOfficers, duty);
        if (check is not null && roster.DecideFromMemory(Decide) is { } fromMemory)
        {
            check.Version = fromMemory.DutyVersion;
            return _ => fromMemory.Decision;
        }
        var decision = await roster.DecideAsync(Decide, ct);
        return _ => decision;
    }

    /// <param name="indexedBefore">The task's index entries before the change: those it still has unchanged are not
    /// written again (a note or a timer that changes no report figure rewrites no report fact). Null on create.</param>
    TaskCommit Commit(DispatchTask task, int expectedVersion, string? previousOfficerId,
        IReadOnlyList<string> previousAreaIds, CaseLink? link, bool created,
        IReadOnlyCollection<IndexEntry>? indexedBefore = null)
    {
        var trace = Activity.Current?.Id;
        var outbox = task.TakeFeedback().Select(f => new OutboxMessage { Feedback = f, TraceParent = trace }).ToList();
        var announcement = new TaskChange
        {
            TaskId = task.TaskId, Version = task.Version, PreviousOfficerId = previousOfficerId,
            PreviousAreaIds = previousAreaIds,
        };
        // Alone on the store, this instance's own push is the only one: nothing to publish and consume back.
        if (instances.OthersMayListen)
            outbox.Add(new OutboxMessage { TaskChanged = announcement, TraceParent = trace });
        outbox.AddRange(task.TakeCaseEvents().Select(e => new OutboxMessage { CaseEvent = e, TraceParent = trace }));
        var wake = task.NextWakeUp is { } due ? new TimerEntry(task.TaskId, task.Version, due) : null;
        var inCase = task.CaseId is { } caseId
            ? new CaseCommit(caseId, task.ToCaseMember(), link, correlation.Value.Window + CaseMargin)
            : null;
        var entries = IndexEntries(task, new TaskIndexChange(created, previousAreaIds));
        if (indexedBefore is not null) entries.RemoveAll(e => !e.Remove && indexedBefore.Contains(e));
        return new TaskCommit(task, expectedVersion, outbox, wake, announcement, inCase, entries);
    }

    List<IndexEntry> IndexEntries(DispatchTask task, TaskIndexChange change) =>
        _indexes.SelectMany(i => i.EntriesFor(task, change)).ToList();
}
