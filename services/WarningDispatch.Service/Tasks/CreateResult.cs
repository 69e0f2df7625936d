namespace WarningDispatch.Service.Tasks;

public readonly record struct CreateResult(CreateOutcome Outcome, string TaskId);
