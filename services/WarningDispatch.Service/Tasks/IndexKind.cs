namespace WarningDispatch.Service.Tasks;

/// <summary>A sorted index orders members by a score (time, as ms); a hash index keeps a value per member.</summary>
public enum IndexKind { Sorted, Hash }
