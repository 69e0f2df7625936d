using System.Text.Json;

namespace WarningDispatch.Service.Reports;

/// <summary>
/// The exports' words, read from the consoles' own resource files (wwwroot/i18n): a downloaded file says what the
/// reports page says, in the same language, and a new label is added in one place.
/// </summary>
public sealed class ReportLabels(IWebHostEnvironment environment)
{
    public const string Chinese = "zh-CN", English = "en";

    readonly Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> _texts = new(() =>
        new[] { Chinese, English }.ToDictionary(lang => lang, lang => Load(environment, lang)));

    /// <summary>The text of <paramref name="key"/>; the key itself when a file lacks it (a test keeps them equal).
    /// </summary>
    public string Text(string lang, string key) => _texts.Value[lang].GetValueOrDefault(key) ?? key;

    static IReadOnlyDictionary<string, string> Load(IWebHostEnvironment environment, string lang)
    {
        using var stream = environment.WebRootFileProvider.GetFileInfo($"i18n/{lang}.json").CreateReadStream();
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
    }
}
