namespace WarningDispatch.Service.Tasks;

public enum CreateOutcome { Created, Duplicate }
