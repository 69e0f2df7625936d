namespace WarningDispatch.Service.Hosting;

/// <summary>The stages of an instruction's way from the broker to the consoles, as the service times them.</summary>
public enum HotPathStage
{
    /// <summary>From the delivery reaching the service's AMQP client to the consumer running (prefetch, limits).</summary>
    Receive,
    /// <summary>The size cap and every rule on the body.</summary>
    Validate,
    /// <summary>Reading the person's case (one store round trip, two when a case exists).</summary>
    Case,
    /// <summary>Linking, routing on the duty roster (one store round trip) and the plan.</summary>
    Route,
    /// <summary>Serialising the commit and the commit script, on disk (fsync) when it returns.</summary>
    Commit,
    /// <summary>The snapshots and the hub sends to this instance's consoles.</summary>
    Push,
    /// <summary>From the consumer returning to the message being acknowledged.</summary>
    Ack,
}
