using System.Buffers;
using System.Globalization;
using System.Text;

namespace WarningDispatch.Domain.Tasks;

/// <summary>
/// The client's id for one action, the key that makes a retry harmless. It is kept with the task and shown in logs, so
/// it must be short, well-formed text without invisible characters that would make two ids look alike.
/// </summary>
public static class ActionId
{
    public const int MaxLength = 64;

    /// <summary>Why <paramref name="actionId"/> cannot be used, or null when it can.</summary>
    public static string? Problem(string? actionId)
    {
        const string required = "actionId 必填，1–64 个可打印字符 (actionId is required: 1–64 printable characters)";
        if (string.IsNullOrWhiteSpace(actionId)) return required;
        var count = 0;
        for (var i = 0; i < actionId.Length; count++)
        {
            if (Rune.DecodeFromUtf16(actionId.AsSpan(i), out var rune, out var used) != OperationStatus.Done
                || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format)
                return "actionId 不能含控制字符或格式字符 (actionId must not contain control or format characters)";
            i += used;
        }
        return count > MaxLength ? required : null;
    }
}
