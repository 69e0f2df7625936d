namespace WarningDispatch.Contracts;

public enum RiskLevel { High, Medium, Low }
