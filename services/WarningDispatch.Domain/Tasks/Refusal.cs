using WarningDispatch.Contracts;

namespace WarningDispatch.Domain.Tasks;

/// <summary>Why an action is refused: a code and what it names, and the same as text (zh-CN, then English).</summary>
public sealed record Refusal(ProblemCode Code, IReadOnlyDictionary<string, string> Parameters)
{
    public Refusal(ProblemCode code, params (string Key, string Value)[] parameters)
        : this(code, parameters.ToDictionary(p => p.Key, p => p.Value)) { }

    /// <summary>"中文 (English)", as every answer a person may read.</summary>
    public string Text => ProblemText.Format(Code, Parameters);
}
