using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Tasks;

/// <summary>
/// The text of each <see cref="ProblemCode"/> for API clients and logs, zh-CN first. The consoles translate the code
/// with their own resource files instead (<c>problem.{code}</c>), so these need not match them word for word.
/// </summary>
public static class ProblemText
{
    public static string Format(ProblemCode code, IReadOnlyDictionary<string, string> parameters)
    {
        var (zh, en) = Templates(code);
        return $"{Fill(zh, InChinese(parameters))} ({Fill(en, parameters)})";
    }

    /// <summary>A task's step named in Chinese in the Chinese half, as the consoles name it.</summary>
    static IReadOnlyDictionary<string, string> InChinese(IReadOnlyDictionary<string, string> parameters) =>
        parameters.TryGetValue("status", out var status) && Steps.TryGetValue(status, out var step)
            ? new Dictionary<string, string>(parameters) { ["status"] = step }
            : parameters;

    static readonly Dictionary<string, string> Steps = new()
    {
        [nameof(DispatchStatus.Unrouted)] = "未分派", [nameof(DispatchStatus.Assigned)] = "待签收",
        [nameof(DispatchStatus.PhoneWarning)] = "电话劝阻", [nameof(DispatchStatus.HomeVisit)] = "上门劝阻",
        [nameof(DispatchStatus.Resolved)] = "已办结",
    };

    static (string Zh, string En) Templates(ProblemCode code) => code switch
    {
        ProblemCode.NotAllowedNow => ("当前环节不允许此操作", "not allowed at this step"),
        ProblemCode.NotAssigned => ("只有待签收的任务可以签收，本任务当前为“{status}”",
            "only an assigned task can be acknowledged; this task is {status}"),
        ProblemCode.NotAssignedOfficer => ("只有被指派的民警可以签收任务", "only the assigned officer acknowledges a task"),
        ProblemCode.NoPhoneWarning => ("当前没有进行中的电话劝阻，本任务当前为“{status}”",
            "no phone warning is under way; this task is {status}"),
        ProblemCode.CallAlreadyRecorded => ("电话结果已记录", "the call result is already recorded"),
        ProblemCode.NoHomeVisit => ("当前没有进行中的上门劝阻，本任务当前为“{status}”",
            "no home visit is under way; this task is {status}"),
        ProblemCode.ArrivalAlreadyRecorded => ("到场已记录", "arrival is already recorded"),
        ProblemCode.NoOutcomeNow => ("处置结果须在电话劝阻或上门劝阻时提交，本任务当前为“{status}”",
            "an outcome is recorded during the phone warning or the home visit; this task is {status}"),
        ProblemCode.DutyOfficerOnly => ("只有值班员可以执行此操作", "only a duty officer may do this"),
        ProblemCode.VisitAlreadyRequired => ("已要求上门劝阻", "a home visit is already required"),
        ProblemCode.TaskResolved => ("任务已办结", "the task is resolved"),
        ProblemCode.AlreadyAssigned => ("任务已派给民警 {officer}", "the task is already assigned to officer {officer}"),
        ProblemCode.AssignmentNeedsOfficer => ("派单须指定派出所和民警", "an assignment needs a post and an officer"),
        ProblemCode.OfficerNotOnDuty => ("民警 {officer} 不在岗，不能派单",
            "officer {officer} is off duty and cannot be assigned"),
        ProblemCode.ActionIdReused => ("操作编号 {actionId} 已用于另一操作（{applied}），不能再用于 {requested}",
            "action id {actionId} was used for {applied}; it cannot be reused for {requested}"),
        ProblemCode.NotYourTask => ("只有被指派的民警或本辖区值班员可以处理此任务",
            "only the assigned officer or a duty officer of the task's area may act on it"),
        ProblemCode.OutsideArea => ("不能指派其他辖区的民警", "cannot assign an officer outside your area"),
        ProblemCode.TaskNotFound => ("没有这个任务", "no such task"),
        ProblemCode.ActionIdRequired => ("actionId 必填，1–64 个可打印字符",
            "actionId is required: 1–64 printable characters"),
        ProblemCode.ActionIdCharacters => ("actionId 不能含控制字符或格式字符",
            "actionId must not contain control or format characters"),
        ProblemCode.AmountRequired => ("结果 {outcome} 须填写金额", "outcome {outcome} needs an amount"),
        ProblemCode.AmountNotAllowed => ("金额仅用于 FundsProtected 或 AlreadyDefrauded",
            "amount only with FundsProtected or AlreadyDefrauded"),
        ProblemCode.AmountNegative => ("金额不能为负数", "amount must be 0 or more"),
        ProblemCode.NotOneOf => ("{field} 须为以下取值之一（区分大小写）：{values}",
            "{field} must be exactly one of: {values}"),
        ProblemCode.UnknownOfficer => ("须指定已知的民警", "must name a known officer"),
        ProblemCode.StatusFilter => ("status 须为 active 或 recent（更早的任务请用 /api/tasks/search 查找）",
            "must be active or recent (older tasks: /api/tasks/search)"),
        ProblemCode.NotJsonContent => ("请求体须为 application/json", "the body must be application/json"),
        ProblemCode.InvalidJson => ("请求体不是有效的 JSON", "the body is not valid JSON"),
        ProblemCode.NotJsonObject => ("请求体须为 JSON 对象", "the body must be a JSON object"),
        ProblemCode.MustBeNumber => ("{field} 须为 JSON 数字", "{field} must be a JSON number"),
        ProblemCode.MustBeBoolean => ("{field} 须为 true 或 false", "{field} must be true or false"),
        ProblemCode.MustBeString => ("{field} 须为字符串", "{field} must be a string"),
        ProblemCode.Unreadable => ("{field} 的值无法读取", "{field} cannot be read"),
        ProblemCode.AlreadyOnScene => ("民警已到场，不再记录电话联系", "an officer is on scene; calls are no longer recorded"),
        ProblemCode.UnknownContact => ("{field} 须为 subject 或本任务 {count} 位联系人之一的序号（从 0 起）",
            "{field} must be \"subject\" or the index (from 0) of one of the task's {count} contacts"),
        ProblemCode.UpdateIdReused => ("更新编号 {updateId} 已用于另一内容的更新",
            "update id {updateId} was applied with another payload"),
        ProblemCode.DateFormat => ("{field} 须为日期 YYYY-MM-DD", "{field} must be a day as YYYY-MM-DD"),
        ProblemCode.DateOrder => ("起始日期不能晚于结束日期", "from must not be after to"),
        ProblemCode.DateRangeTooLong => ("一次最多查询 {max} 天", "at most {max} days at once"),
        ProblemCode.SearchCriteria => ("请只按以下一项查询（日期范围可单独使用或与之组合）：{fields}",
            "search by exactly one of (a date range alone, or with one of them): {fields}"),
        ProblemCode.NumberRange => ("{field} 须为 {min} 到 {max} 之间的整数",
            "{field} must be a whole number from {min} to {max}"),
        ProblemCode.InvalidValue => ("{field} 的值无效", "{field} is not valid"),
        ProblemCode.PersonalDataRequired => ("按个人信息查询须有查看个人信息的权限",
            "searching by personal data needs the right to see it"),
        ProblemCode.RegionDutyOnly => ("仅对全市值班员开放", "open only to duty officers of the whole region"),
        ProblemCode.NoFollowUp => ("只有以劝阻成功、资金已保护或查无此人办结的任务需要回访，本任务当前为“{status}”",
            "only a task resolved as Dissuaded, FundsProtected or PersonNotFound has a follow-up visit; " +
            "this task is {status}"),
        ProblemCode.FollowUpAlreadyRecorded => ("回访结果已记录", "the follow-up visit is already recorded"),
        ProblemCode.AmountLostNotAllowed => ("{field} 仅用于回访结果 Defrauded（被骗）",
            "{field} only with the follow-up result Defrauded"),
        ProblemCode.TextTooLong => ("{field} 最多 {max} 个字符", "{field} must be at most {max} characters"),
        ProblemCode.TextCharacters => ("{field} 不能含控制字符或不可见的格式字符",
            "{field} must not contain control or invisible format characters"),
        ProblemCode.TextRequired => ("{field} 不能为空", "{field} must not be empty"),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    /// <summary>Fills <c>{name}</c> placeholders; a missing parameter stays visible rather than vanishing.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> parameters)
    {
        foreach (var (key, value) in parameters) template = template.Replace("{" + key + "}", value);
        return template;
    }
}
