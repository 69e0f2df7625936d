using System.Globalization;
using System.Text;

namespace WarningDispatch.Service.Hosting;

/// <summary>
/// A value from outside, made safe for a log line: control and invisible characters shown as escapes (a newline in an
/// id must not forge a second log line) and cut to a readable length.
/// </summary>
public static class LogText
{
    const int MaxLength = 80;

    public static string? Safe(string? value)
    {
        if (value is null) return null;
        var text = new StringBuilder(Math.Min(value.Length, MaxLength) + 8);
        foreach (var ch in value.Length > MaxLength ? value[..MaxLength] : value)
        {
            if (char.GetUnicodeCategory(ch) is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate)
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)ch:x4}");
            else
                text.Append(ch);
        }
        if (value.Length > MaxLength) text.Append(CultureInfo.InvariantCulture, $"…(+{value.Length - MaxLength})");
        return text.ToString();
    }
}
