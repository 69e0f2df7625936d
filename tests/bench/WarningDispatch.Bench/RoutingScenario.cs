using System.Diagnostics;
using System.Text.Json;
using static WarningDispatch.Bench.BenchContext;

namespace WarningDispatch.Bench;

/// <summary>
/// 4. Routing: runs the BenchmarkDotNet project (in process, Release) and takes its per-lookup figures.
/// </summary>
static class RoutingScenario
{
    public static async Task<object> RunAsync(BenchContext ctx)
    {
        var summary = Path.Combine(ctx.RunDir, "routing-benchmarkdotnet.json");
        var args = $"\"{ctx.BenchmarksDll}\" --filter * --summary-json \"{summary}\""
            + (ctx.Options.Quick ? " --quick" : "");
        var info = new ProcessStartInfo("dotnet", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var log = Path.Combine(ctx.LogDir, "routing-benchmarkdotnet.log");
        Directory.CreateDirectory(ctx.LogDir);
        await using (var writer = new StreamWriter(log))
        {
            var stderr = process.StandardError.ReadToEndAsync();
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync()) is not null)
            {
                await writer.WriteLineAsync(line);
                if (line.StartsWith('|') || line.Contains("Run time")) Console.WriteLine("    " + line);
            }
            await writer.WriteAsync(await stderr);
        }
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || !File.Exists(summary))
            throw new InvalidOperationException($"BenchmarkDotNet failed ({process.ExitCode}); see {log}");
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(summary));
        Say("routing: done");
        return doc.RootElement.Clone();
    }
}
