using System.Globalization;
using System.Text.Json;

namespace WarningDispatch.Domain.Ingest;

/// <summary>
/// What a broken rule says, zh-CN first and English second. No text ever echoes a submitted value: values may be
/// personal data, and rejection reasons travel upstream and into logs.
/// </summary>
public static class RuleText
{
    public const string Required = "必填 (is required)";
    public const string MustBeObject = "必须是 JSON 对象 (must be an object)";
    public const string MustBeBoolean = "必须是 true 或 false (must be true or false)";
    public const string MustBeNumber = "必须是有限的数字 (must be a finite number)";
    public const string NotNegative = "不能为负数 (must be 0 or more)";
    public const string IdLength = "长度必须为 1–64 个字符 (must be 1–64 characters)";
    public const string IdPrintable =
        "只能包含可见字符，首尾不能有空格 (must contain printable characters only, without leading or trailing spaces)";
    public const string NotIsoDate =
        "必须是带时区偏移的 ISO-8601 时间，如 2026-11-21T08:15:00+08:00 " +
        "(must be an ISO-8601 date-time with an offset, e.g. 2026-11-21T08:15:00+08:00)";
    public const string NotE164 =
        "必须是 E.164 号码：+ 加 8–15 位数字，如 +8613800000000 (must be an E.164 number: + and 8 to 15 digits)";
    public const string NotCounterpart = "必须是 3–20 位数字，可带 + (must be 3 to 20 digits, optionally after +)";
    public const string NotRegionCode = "必须是 6 位数字，如 451223 (must be exactly 6 digits, e.g. 451223)";
    public const string NotLocation = "必须是包含 lat 和 lon 的对象 (must be an object with lat and lon)";
    public const string LocationOrRegion =
        "subject.location 与 subject.regionCode 至少填一项 (subject.location or subject.regionCode is required)";
    public const string Invisible =
        "含有控制字符或不可见的格式字符（如零宽、双向控制符）" +
        " (contains control or invisible format characters such as zero-width or bidi controls)";
    public const string MustBeArray = "必须是 JSON 数组 (must be an array)";
    public const string NotIdNumber =
        "必须是 18 位居民身份号码：17 位数字加校验位 0–9 或 X " +
        "(must be an 18-character resident identity number: 17 digits and a check character 0-9 or X)";
    public const string IdNumberChecksum =
        "校验位与前 17 位不符（GB 11643）(the check character does not match the first 17 digits, GB 11643)";
    public const string IdNumberBirthDate =
        "第 7–14 位不是有效的出生日期（1900 年起）(digits 7 to 14 are not a valid birth date from 1900 on)";
    public const string LoneSurrogate =
        "含有无效的 Unicode 转义（孤立代理项）(holds an invalid Unicode escape: a lone surrogate)";

    public const string UnknownField = "不是此消息的字段 (is not a field of this message)";
    public const string PhoneOrIdNumber =
        "subject.phone 与 subject.idNumber 至少填一项 (subject.phone or subject.idNumber is required)";
    public const string OccurredAfterReported = "不能晚于 reportedAt (must not be after reportedAt)";

    public static string AmountAtMost(decimal max) =>
        $"不能超过 {max.ToString("0", CultureInfo.InvariantCulture)} (must be at most " +
        $"{max.ToString("0", CultureInfo.InvariantCulture)})";

    public static string NotUtf8(long atByte) =>
        $"不是有效的 UTF-8 编码（第 {atByte} 字节）(not valid UTF-8 at byte {atByte})";

    public static string NotJson(long line, long atByte) =>
        $"不是有效的 JSON（第 {line} 行第 {atByte} 字节）(not valid JSON: line {line}, byte {atByte})";

    public static string NotAnObject(JsonValueKind kind) =>
        $"必须是 JSON 对象，收到 {kind} (must be a JSON object, got {kind})";

    public static string MustBeString(JsonValueKind kind) => $"必须是字符串，收到 {kind} (must be a string, got {kind})";

    public static string AtMost(int length) => $"最多 {length} 个字符 (must be at most {length} characters)";

    public static string AtMostItems(int count) => $"最多 {count} 项 (must hold at most {count} items)";

    public static string Between(int min, int max) => $"必须在 {min} 到 {max} 之间 (must be between {min} and {max})";

    public static string RequiredOneOf(IEnumerable<string> allowed) =>
        $"必填，取值之一：{string.Join(", ", allowed)} (is required: one of {string.Join(", ", allowed)})";

    public static string OneOf(IEnumerable<string> allowed) =>
        $"必须是以下之一（区分大小写）：{string.Join(", ", allowed)} " +
        $"(must be exactly one of {string.Join(", ", allowed)})";

    public static string InFuture(double minutes) =>
        $"比当前时间晚 {Whole(minutes)} 分钟；最多允许 5 分钟 " +
        $"(is {Whole(minutes)} minutes in the future; at most 5 minutes are allowed)";

    public static string TooOld(double hours, double maxHours) =>
        $"已是 {Whole(hours)} 小时前；超过 {Whole(maxHours)} 小时的预警，处置时限均已过期 " +
        $"(is {Whole(hours)} hours old; instructions older than {Whole(maxHours)} hours have every deadline past)";

    public static string TooLarge(long max) =>
        $"消息超过大小上限 {max} 字节 (the message exceeds the size cap of {max} bytes)";

    public static string UnknownMessageType(string? type) =>
        $"不接受此消息类型：{type ?? "未知"} (message type not accepted on this exchange: {type ?? "unknown"})";

    public static string UpdateNeedsAField(IEnumerable<string> fields) =>
        $"至少须有以下一项：{string.Join(", ", fields)} (at least one of {string.Join(", ", fields)} is required)";

    static string Whole(double value) => Math.Round(value).ToString("0", CultureInfo.InvariantCulture);
}
