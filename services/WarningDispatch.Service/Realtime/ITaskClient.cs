using WarningDispatch.Contracts;

namespace WarningDispatch.Service.Realtime;

/// <summary>What the server calls on a console. Method names go over the wire camel-cased: <c>taskChanged</c>, <c>taskWithdrawn</c>.</summary>
public interface ITaskClient
{
    /// <summary>A task the console may see has a new version.</summary>
    Task TaskChanged(TaskSnapshot task);

    /// <summary>A task the console saw is no longer its own (reassigned elsewhere or moved to another area).</summary>
    Task TaskWithdrawn(TaskWithdrawal withdrawal);
}

public sealed record TaskWithdrawal(string TaskId, int Version, string Reason);
