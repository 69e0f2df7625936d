using System.Globalization;
using System.Text;
using MiniExcelLibs;
using WarningDispatch.Contracts;

namespace WarningDispatch.Service.Reports;

/// <summary>
/// A summary as files: CSV (UTF-8 with a byte-order mark, so Excel reads Chinese; the headline figures, an empty
/// line, then the per-post table) and .xlsx (MiniExcel; sheets "Summary" and "Per post", numbers as numbers). Words
/// in the reader's language; rates as percentages with two decimals, times in seconds, amounts in CNY.
/// </summary>
public sealed class ReportExport(ReportLabels labels)
{
    public const string SummarySheet = "Summary", PerPostSheet = "Per post";

    public byte[] Csv(ReportSummary summary, string lang)
    {
        var csv = new StringBuilder();
        var (figure, value) = (labels.Text(lang, "report.figure"), labels.Text(lang, "report.value"));
        csv.Append(Line([figure, value]));
        foreach (var (label, v) in Headline(summary, lang)) csv.Append(Line([label, Cell(v)]));
        csv.Append("\r\n");
        var columns = PostColumns(lang);
        csv.Append(Line(columns.Select(c => c.Header)));
        foreach (var post in summary.PerPost) csv.Append(Line(columns.Select(c => Cell(c.Value(post)))));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public byte[] Xlsx(ReportSummary summary, string lang)
    {
        var (figure, value) = (labels.Text(lang, "report.figure"), labels.Text(lang, "report.value"));
        var headline = Headline(summary, lang)
            .Select(r => new Dictionary<string, object?> { [figure] = r.Label, [value] = r.Value }).ToList();
        var columns = PostColumns(lang);
        var perPost = summary.PerPost
            .Select(p => columns.ToDictionary(c => c.Header, c => c.Value(p))).ToList();
        if (perPost.Count == 0) perPost.Add(columns.ToDictionary(c => c.Header, _ => (object?)null));
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [SummarySheet] = headline, [PerPostSheet] = perPost },
            excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>The headline rows: label in the reader's language, value as a number where it is one.</summary>
    public IReadOnlyList<(string Label, object? Value)> Headline(ReportSummary s, string lang)
    {
        string T(string key) => labels.Text(lang, key);
        string Of(string key, string part) => $"{T(key)} · {T(part)}";
        var rows = new List<(string, object?)>
        {
            (T("report.from"), s.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            (T("report.to"), s.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            (T("report.area"), s.AreaName),
            (T("report.received"), s.Received),
        };
        rows.AddRange(s.BySource.Select(p => (Of("report.received", "source." + p.Key), (object?)p.Value)));
        rows.AddRange(s.ByKind.Select(p => (Of("report.received", "kind." + p.Key), (object?)p.Value)));
        rows.AddRange(s.ByRiskLevel.Select(p => (Of("report.received", "risk." + p.Key), (object?)p.Value)));
        rows.Add((T("report.rejected"), s.Rejected));
        rows.Add((T("report.resolved"), s.Resolved));
        rows.AddRange(s.ByOutcome.Select(p => (Of("report.resolved", "outcome." + p.Key), (object?)p.Value)));
        rows.Add((T("report.homeVisits"), s.HomeVisits));
        rows.Add((T("report.homeVisitsWithinDeadline"), s.HomeVisitsWithinDeadline));
        rows.Add((T("report.homeVisitsPending"), s.HomeVisitsPending));
        rows.Add(($"{T("report.compliance248")} (%)", Percent(s.Compliance248)));
        rows.AddRange(s.Compliance248ByAreaType.Select(p =>
            ($"{Of("report.compliance248", "area." + p.Key)} (%)", (object?)Percent(p.Value.Rate))));
        foreach (var (key, times) in Times(s))
        {
            rows.Add(($"{T(key)} p50 ({T("report.seconds")})", times.P50));
            rows.Add(($"{T(key)} p90 ({T("report.seconds")})", times.P90));
        }
        rows.Add((T("report.breaches"), s.Breaches));
        rows.Add(($"{T("report.amountProtected")} ({T("report.cny")})", s.AmountProtected));
        rows.Add(($"{T("report.amountLost")} ({T("report.cny")})", s.AmountLost));
        rows.Add((T("report.defraudedAfterWarning"), s.DefraudedAfterWarning));
        rows.Add(($"{T("report.defraudedAfterWarningRate")} (%)", Percent(s.DefraudedAfterWarningRate)));
        rows.Add(($"{T("report.dissuasionRate")} (%)", Percent(s.DissuasionRate)));
        return rows;
    }

    /// <summary>The per-post table's columns.</summary>
    public IReadOnlyList<(string Header, Func<PostReport, object?> Value)> PostColumns(string lang)
    {
        string T(string key) => labels.Text(lang, key);
        var columns = new List<(string, Func<PostReport, object?>)>
        {
            (T("report.postId"), p => p.PostId),
            (T("report.post"), p => p.Name),
            (T("report.received"), p => p.Received),
            (T("report.resolved"), p => p.Resolved),
            (T("report.homeVisits"), p => p.HomeVisits),
            (T("report.homeVisitsWithinDeadline"), p => p.HomeVisitsWithinDeadline),
            ($"{T("report.compliance248")} (%)", p => Percent(p.Compliance248)),
        };
        foreach (var (key, pick) in new (string, Func<ReportFigures, SecondsPercentiles>)[]
                 {
                     ("report.ackSeconds", f => f.AckSeconds),
                     ("report.firstContactSeconds", f => f.FirstContactSeconds),
                     ("report.onSceneSeconds", f => f.OnSceneSeconds),
                 })
        {
            columns.Add(($"{T(key)} p50 ({T("report.seconds")})", p => pick(p).P50));
            columns.Add(($"{T(key)} p90 ({T("report.seconds")})", p => pick(p).P90));
        }
        columns.AddRange(new (string, Func<PostReport, object?>)[]
        {
            (T("report.breaches"), p => p.Breaches),
            ($"{T("report.amountProtected")} ({T("report.cny")})", p => p.AmountProtected),
            ($"{T("report.amountLost")} ({T("report.cny")})", p => p.AmountLost),
            (T("report.defraudedAfterWarning"), p => p.DefraudedAfterWarning),
            ($"{T("report.defraudedAfterWarningRate")} (%)", p => Percent(p.DefraudedAfterWarningRate)),
            ($"{T("report.dissuasionRate")} (%)", p => Percent(p.DissuasionRate)),
        });
        return columns;
    }

    /// <summary>A rate as the files show it: a percentage with two decimals (0.6667 → 66.67).</summary>
    public static double? Percent(double? rate) => rate is { } r ? Math.Round(r * 100, 2) : null;

    static (string Key, SecondsPercentiles Times)[] Times(ReportFigures s) =>
    [
        ("report.ackSeconds", s.AckSeconds), ("report.firstContactSeconds", s.FirstContactSeconds),
        ("report.onSceneSeconds", s.OnSceneSeconds),
    ];

    static string Cell(object? value) => value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>One CSV line: quoted where needed; a text cell that a spreadsheet would run as a formula is
    /// prefixed with an apostrophe.</summary>
    static string Line(IEnumerable<string> cells) => string.Join(',', cells.Select(Quote)) + "\r\n";

    static string Quote(string cell)
    {
        if (cell.Length > 0 && "=+@".Contains(cell[0])) cell = "'" + cell;
        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
    }
}
