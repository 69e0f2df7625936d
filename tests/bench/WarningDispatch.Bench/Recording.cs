using System.Diagnostics;

namespace WarningDispatch.Bench;

/// <summary>
/// Publish and arrival times of one phase: per instruction, when it was published, when the assigned officer's console
/// got its first taskChanged, and when each board got it. Filled concurrently by the consoles' read loops.
/// </summary>
sealed class PhaseRecorder(int count, int boards)
{
    public int Count { get; } = count;
    public int Boards { get; } = boards;
    public long[] Intended { get; } = new long[count];
    public long[] Sent { get; } = new long[count];
    public long[] OfficerAt { get; } = new long[count];
    public int[] OfficerHits { get; } = new int[count];
    public long[] BoardAt { get; } = new long[(long)count * boards];
    /// <summary>
    /// First feedback event of the instruction at the upstream listener (its outbox reached the broker).
    /// </summary>
    public long[] FeedbackAt { get; } = new long[count];

    public void Feedback(int seq, long at)
    {
        if ((uint)seq < (uint)Count) Interlocked.CompareExchange(ref FeedbackAt[seq], at, 0);
    }
    int _officerReceived, _boardReceived;
    long _lastArrival;

    public int OfficerReceived => Volatile.Read(ref _officerReceived);
    public int BoardReceived => Volatile.Read(ref _boardReceived);
    public long LastArrival => Interlocked.Read(ref _lastArrival);

    public void Arrived(HubConsole console, int seq, long at)
    {
        if ((uint)seq >= (uint)Count) return;
        if (console.Role == ConsoleRole.Officer)
        {
            Interlocked.Increment(ref OfficerHits[seq]);
            if (Interlocked.CompareExchange(ref OfficerAt[seq], at, 0) == 0)
                Interlocked.Increment(ref _officerReceived);
        }
        else if (console.RoleIndex < Boards)
        {
            if (Interlocked.CompareExchange(ref BoardAt[(long)seq * Boards + console.RoleIndex], at, 0) == 0)
                Interlocked.Increment(ref _boardReceived);
        }
        long last;
        while (at > (last = Interlocked.Read(ref _lastArrival))
            && Interlocked.CompareExchange(ref _lastArrival, at, last) != last) { }
    }

    public bool Complete(bool expectOfficer) =>
        BoardReceived == (long)Count * Boards && (!expectOfficer || OfficerReceived == Count);

    static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    public Distribution OfficerLatency() =>
        Distribution.Of(Enumerable.Range(0, Count).Where(i => OfficerAt[i] != 0 && Sent[i] != 0)
            .Select(i => Ms(Sent[i], OfficerAt[i])));

    /// <summary>Every (instruction, board) pair.</summary>
    public Distribution BoardLatency() =>
        Distribution.Of(Enumerable.Range(0, Count).Where(i => Sent[i] != 0)
            .SelectMany(i => Enumerable.Range(0, Boards).Select(b => BoardAt[(long)i * Boards + b]).Where(t => t != 0)
                .Select(t => Ms(Sent[i], t))));

    /// <summary>Per instruction, until the last board had it.</summary>
    public Distribution AllBoardsLatency()
    {
        var list = new List<double>(Count);
        for (var i = 0; i < Count; i++)
        {
            if (Sent[i] == 0) continue;
            long max = 0;
            var all = true;
            for (var b = 0; b < Boards && all; b++)
            {
                var t = BoardAt[(long)i * Boards + b];
                if (t == 0) all = false; else if (t > max) max = t;
            }
            if (all) list.Add(Ms(Sent[i], max));
        }
        return Distribution.Of(list);
    }

    /// <summary>How late the generator published against its schedule (open loop: should stay near 0).</summary>
    public Distribution GeneratorLag() =>
        Distribution.Of(Enumerable.Range(0, Count).Where(i => Sent[i] != 0 && Intended[i] != 0)
            .Select(i => Ms(Intended[i], Sent[i])));

    public int OfficerDuplicates => OfficerHits.Count(h => h > 1);
}

/// <summary>Percentiles by nearest rank, in milliseconds.</summary>
sealed record Distribution(int Count, double Mean, double P50, double P90, double P99, double P999, double Max)
{
    public static Distribution Of(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0)
            return new Distribution(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double P(double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Distribution(sorted.Length, sorted.Average(), P(50), P(90), P(99), P(99.9), sorted[^1]);
    }
}
