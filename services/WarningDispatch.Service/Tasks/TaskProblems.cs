using Microsoft.AspNetCore.Http.HttpResults;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Tasks;

namespace WarningDispatch.Service.Tasks;

/// <summary>
/// The task endpoints' problem+json answers: <c>code</c> and <c>parameters</c> for a console to translate
/// (<c>problem.{code}</c>), <c>detail</c> for everyone else (zh-CN, then English), and for 400 the wrong field in
/// <c>errors</c> as every validation problem of the service names it.
/// </summary>
public static class TaskProblems
{
    public static ProblemHttpResult Conflict(Refusal why, IReadOnlyDictionary<string, object?>? more = null) =>
        Problem(StatusCodes.Status409Conflict, "当前环节不允许此操作 (Not allowed at this step.)", why, more);

    public static ProblemHttpResult Forbidden(Refusal why) =>
        Problem(StatusCodes.Status403Forbidden, "无权处理此任务 (Not your task.)", why);

    public static ProblemHttpResult NotFound() =>
        Problem(StatusCodes.Status404NotFound, "没有这个任务 (No such task.)", new Refusal(ProblemCode.TaskNotFound));

    public static ProblemHttpResult UnsupportedMediaType(Refusal why) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, why.Text, why);

    public static ProblemHttpResult Invalid(string field, Refusal why)
    {
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [why.Text] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "请求有误 (One or more validation errors occurred.)",
            Detail = why.Text,
        };
        Describe(problem, why);
        return TypedResults.Problem(problem);
    }

    static ProblemHttpResult Problem(int status, string title, Refusal why,
        IReadOnlyDictionary<string, object?>? more = null)
    {
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = why.Text };
        Describe(problem, why);
        foreach (var (key, value) in more ?? new Dictionary<string, object?>()) problem.Extensions[key] = value;
        return TypedResults.Problem(problem);
    }

    static void Describe(Microsoft.AspNetCore.Mvc.ProblemDetails problem, Refusal why)
    {
        problem.Extensions["code"] = why.Code.ToString();
        problem.Extensions["parameters"] = why.Parameters;
    }
}
