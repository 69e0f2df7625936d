using System.Buffers;
using System.Globalization;
using System.Text;
using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Tasks;

/// <summary>
/// The client's id for one action, the key that makes a retry harmless. It is kept with the task and shown in logs, so
/// it must be short, well-formed text without invisible characters that would make two ids look alike.
/// </summary>
public static class ActionId
{
    public const int MaxLength = 64;

    /// <summary>Why <paramref name="actionId"/> cannot be used (zh-CN, then English), or null when it can.</summary>
    public static string? Problem(string? actionId) => Check(actionId)?.Text;

    /// <summary>Why <paramref name="actionId"/> cannot be used, or null when it can.</summary>
    public static Refusal? Check(string? actionId)
    {
        var required = new Refusal(ProblemCode.ActionIdRequired, ("field", "actionId"));
        if (string.IsNullOrWhiteSpace(actionId)) return required;
        var count = 0;
        for (var i = 0; i < actionId.Length; count++)
        {
            if (Rune.DecodeFromUtf16(actionId.AsSpan(i), out var rune, out var used) != OperationStatus.Done
                || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format)
                return new Refusal(ProblemCode.ActionIdCharacters, ("field", "actionId"));
            i += used;
        }
        return count > MaxLength ? required : null;
    }
}
