namespace WarningDispatch.Contracts;

public enum InstructionSource { NationalCenter, ProvincialCenter, Bank, Telecom, Internal }
