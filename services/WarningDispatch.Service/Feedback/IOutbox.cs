namespace WarningDispatch.Service.Feedback;

/// <summary>
/// What is still to be published, oldest first. One instance at a time drains it (the lead), so feedback for an
/// instruction leaves in the order it was written, whichever instance wrote it.
/// </summary>
public interface IOutbox
{
    /// <summary>Takes or keeps the lead for <paramref name="lease"/>; false while another instance holds it.</summary>
    Task<bool> TryLeadAsync(string instanceId, TimeSpan lease, CancellationToken ct);
    Task<IReadOnlyList<OutboxMessage>> PendingAsync(int max, CancellationToken ct);
    /// <summary>Removes the first <paramref name="count"/> entries, after they went out; returns how many remain.
    /// </summary>
    Task<long> RemoveFirstAsync(int count, CancellationToken ct);
}
