namespace WarningDispatch.Service.Realtime;

/// <summary>
/// Whether other instances may have consoles that need this instance's changes. An instance alone on its store pushes
/// its changes to its own consoles and announces nothing: no message is published and consumed back for nobody.
/// </summary>
public interface IInstancePresence
{
    /// <summary>True unless this instance knows it is alone.</summary>
    bool OthersMayListen { get; }

    /// <summary>Completes once every other instance has had time to learn of this one; until then a console's
    /// subscription waits, so nothing it reads afterwards misses an announcement.</summary>
    Task Ready { get; }
}
