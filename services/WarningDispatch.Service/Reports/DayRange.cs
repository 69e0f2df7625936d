using System.Globalization;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Tasks;

namespace WarningDispatch.Service.Reports;

/// <summary>A range of the centre's local days (<c>from</c>/<c>to</c> as YYYY-MM-DD, both included).</summary>
public sealed record DayRange(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>
    /// Reads a range from a query: one day alone stands for itself; a wrong day, an inverted or too long range is
    /// refused with the field to name. Null range and null refusal: neither day given.
    /// </summary>
    public static (DayRange? Range, string? Field, Refusal? Why) Parse(string? from, string? to, int maxDays)
    {
        if (from is null && to is null) return (null, null, null);
        if (!TryDay(from ?? to, out var first)) return (null, "from", Format("from"));
        if (!TryDay(to ?? from, out var last)) return (null, "to", Format("to"));
        if (first > last) return (null, "from", new Refusal(ProblemCode.DateOrder));
        var range = new DayRange(first, last);
        return range.Days > maxDays
            ? (null, "to", new Refusal(ProblemCode.DateRangeTooLong,
                ("max", maxDays.ToString(CultureInfo.InvariantCulture))))
            : (range, null, null);
    }

    static bool TryDay(string? value, out DateOnly day) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    static Refusal Format(string field) => new(ProblemCode.DateFormat, ("field", field));
}
