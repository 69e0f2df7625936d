namespace WarningDispatch.Service.Hosting;

/// <summary>The stages of an instruction's way from the broker to the consoles, as the service times them.</summary>
public enum HotPathStage
{
    /// <summary>
    /// From the delivery reaching the service's AMQP client to the consumer running (prefetch, limits).
    /// </summary>
    Receive,
    /// <summary>The size cap and every rule on the body.</summary>
    Validate,
    /// <summary>
    /// Reading the person's case (one round trip, two when a case exists) and, side by side, the duty roster's
    /// version and counts for the usual routing (one round trip).
    /// </summary>
    Case,
    /// <summary>Linking, the routing decisions and the plan; a repeat warning's second roster read.</summary>
    Route,
    /// <summary>Serialising the commit and the commit script, on disk (fsync) when it returns.</summary>
    Commit,
    /// <summary>The snapshots and the hub sends to this instance's consoles.</summary>
    Push,
    /// <summary>From the consumer returning to the message being acknowledged.</summary>
    Ack,
}
