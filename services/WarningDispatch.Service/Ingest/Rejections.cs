using WarningDispatch.Domain.Ingest;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Ingest;

/// <summary>An instruction that broke a rule, kept with its raw body so an operator can read and replay it.</summary>
public sealed record Rejection
{
    public required string RejectionId { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    /// <summary>"amqp" or "http".</summary>
    public required string Channel { get; init; }
    public string? InstructionId { get; init; }
    public required IReadOnlyList<FieldError> Errors { get; init; }
    /// <summary>The body as received (UTF-8); contains personal data, so only duty officers can read it.</summary>
    public required string Body { get; init; }
    public DateTimeOffset? ReplayedAt { get; init; }
    /// <summary>The task the replay made, when it was valid by then.</summary>
    public string? ReplayTaskId { get; init; }
}

public interface IRejectionStore
{
    /// <summary>Keeps the rejection and queues its Rejected feedback in one write.</summary>
    Task AddAsync(Rejection rejection, OutboxMessage feedback, CancellationToken ct);
    Task<IReadOnlyList<Rejection>> ListAsync(CancellationToken ct);
    Task<Rejection?> GetAsync(string rejectionId, CancellationToken ct);
    Task MarkReplayedAsync(string rejectionId, DateTimeOffset at, string? taskId, CancellationToken ct);
}

public sealed class InMemoryRejectionStore(InMemoryDispatchStore store) : IRejectionStore
{
    readonly Lock _gate = new();
    readonly List<Rejection> _rejections = [];

    public Task AddAsync(Rejection rejection, OutboxMessage feedback, CancellationToken ct)
    {
        lock (_gate) _rejections.Add(rejection);
        store.Enqueue(feedback);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Rejection>> ListAsync(CancellationToken ct)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<Rejection>>(_rejections.AsEnumerable().Reverse().ToList());
    }

    public Task<Rejection?> GetAsync(string rejectionId, CancellationToken ct)
    {
        lock (_gate) return Task.FromResult(_rejections.FirstOrDefault(r => r.RejectionId == rejectionId));
    }

    public Task MarkReplayedAsync(string rejectionId, DateTimeOffset at, string? taskId, CancellationToken ct)
    {
        lock (_gate)
        {
            var i = _rejections.FindIndex(r => r.RejectionId == rejectionId);
            if (i >= 0) _rejections[i] = _rejections[i] with { ReplayedAt = at, ReplayTaskId = taskId };
        }
        return Task.CompletedTask;
    }
}
