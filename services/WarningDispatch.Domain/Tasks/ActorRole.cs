namespace WarningDispatch.Domain.Tasks;

/// <summary>What an actor is to the task rules.</summary>
public enum ActorRole { System, DutyOfficer, FieldOfficer }
