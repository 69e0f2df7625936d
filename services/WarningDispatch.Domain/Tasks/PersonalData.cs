using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Tasks;

/// <summary>Masks the person's identity for viewers who may not see it (and for anything that is logged).</summary>
public static class PersonalData
{
    public static WarningSubject Mask(WarningSubject s) => s with
    {
        Name = s.Name is { Length: > 0 } n ? n[..1] + new string('*', Math.Max(1, n.Length - 1)) : s.Name,
        Phone = MaskPhone(s.Phone),
        Address = s.Address is { Length: > 0 } a ? a[..Math.Min(a.Length, 3)] + "…" : s.Address,
        Location = s.Location is { } l ? new GeoPoint { Lat = Math.Round(l.Lat, 2), Lon = Math.Round(l.Lon, 2) } : null,
        // A board needs no digit of it: only that there is one.
        IdNumber = s.IdNumber is null ? null : HiddenIdNumber,
        // Who the contacts are to the person (the relation) stays, as in the history; their names and numbers go.
        Contacts = s.Contacts?.Select(c => c with
        {
            Name = c.Name is null ? null : HiddenText, Phone = HiddenText,
        }).ToList(),
    };

    public const string HiddenIdNumber = "******************";
    public const string HiddenText = "***";

    /// <summary>Upstream writes free text about the person into notes (names, family, bank): hidden whole.</summary>
    public const string HiddenNote = "（备注已隐藏）(note hidden)";

    public static TaskSnapshot Mask(TaskSnapshot task) => task with
    {
        Subject = Mask(task.Subject),
        Context = task.Context is { } c
            ? c with
            {
                CounterpartNumber = c.CounterpartNumber is { } n ? MaskPhone(n) : null,
                Note = c.Note is null ? null : HiddenNote,
            }
            : null,
        FollowUp = task.FollowUp is { Note: not null } f ? f with { Note = HiddenNote } : task.FollowUp,
        History = task.History.Select(MaskNote).ToList(),
    };

    /// <summary>An officer's note is free text about the person, like upstream's: hidden whole.</summary>
    static TaskHistoryEntry MaskNote(TaskHistoryEntry e) =>
        e.Code == HistoryAction.OfficerNote && e.Parameters.ContainsKey(DispatchTask.NoteTextParameter)
            ? e with
            {
                Parameters = e.Parameters.ToDictionary(p => p.Key,
                    p => p.Key == DispatchTask.NoteTextParameter ? HiddenNote : p.Value),
            }
            : e;

    public static string MaskPhone(string phone) =>
        phone.Length <= 7 ? new string('*', phone.Length) : phone[..(phone.Length - 8)] + "****" + phone[^4..];
}
