namespace WarningDispatch.Contracts;

public enum InstructionKind { FundTransfer, SuspiciousCall, SuspiciousSms, AppInstall, Other }
