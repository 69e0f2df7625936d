namespace WarningDispatch.Service.Realtime;

/// <summary>Section <c>Instances</c>: how instances on one store learn of each other.</summary>
public sealed class InstancePresenceOptions
{
    /// <summary>How often an instance says it is alive and learns who else is.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a starting (or returning) instance waits before its consoles subscribe: the others' next heartbeat
    /// and a commit in flight must fit in it (at least twice the heartbeat). Zero only for tests on one clock.
    /// </summary>
    public TimeSpan HandOver { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>An instance silent for this long (three heartbeats) is taken for gone.</summary>
    public TimeSpan Lapse => Heartbeat * 3;
}
