namespace WarningDispatch.Service.Ingest;

public enum IntakeOutcome { Created, Duplicate, Rejected }
