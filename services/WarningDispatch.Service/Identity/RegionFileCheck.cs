using Microsoft.Extensions.Options;
using WarningDispatch.Service.Officers;

namespace WarningDispatch.Service.Identity;

/// <summary>
/// Checks the region file's accounts with the other region options, at start-up and before the region is first
/// read, so a refused file never seeds Redis.
/// </summary>
public sealed class RegionFileCheck(IHostEnvironment environment) : IValidateOptions<RegionOptions>
{
    public ValidateOptionsResult Validate(string? name, RegionOptions options)
    {
        var path = Path.IsPathRooted(options.DataFile)
            ? options.DataFile
            : Path.Combine(AppContext.BaseDirectory, options.DataFile);
        if (!File.Exists(path)) return ValidateOptionsResult.Skip; // reported by the region options' own rule
        var problems = AccountPolicy.Problems(RegionData.Load(path).Accounts, environment)
            .Select(problem => $"{path}: {problem}")
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
