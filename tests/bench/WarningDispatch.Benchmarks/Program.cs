using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using WarningDispatch.Benchmarks;

// dotnet WarningDispatch.Benchmarks.dll [--summary-json PATH] [--quick] [BenchmarkDotNet arguments...]
// In process (no child project builds); --quick uses BenchmarkDotNet's short run for a smoke check.
var rest = args.ToList();
string? summaryPath = null;
var at = rest.IndexOf("--summary-json");
if (at >= 0) { summaryPath = rest[at + 1]; rest.RemoveRange(at, 2); }
var quick = rest.Remove("--quick");

var job = (quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(job)
    .AddExporter(JsonExporter.Brief)
    .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "wd-benchmarkdotnet"))
    .WithOptions(ConfigOptions.DisableLogFile);

var summaries = BenchmarkSwitcher.FromAssembly(typeof(NearestPostBenchmarks).Assembly).Run([.. rest], config).ToList();
if (summaryPath is null) return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;

var rows = summaries.SelectMany(s => s.Reports.Select(r => new
{
    benchmark = r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
    description = r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
    parameters = r.BenchmarkCase.Parameters.PrintInfo,
    meanNs = r.ResultStatistics?.Mean,
    medianNs = r.ResultStatistics?.Median,
    stdDevNs = r.ResultStatistics?.StandardDeviation,
    allocatedBytesPerOp = r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase),
})).ToList();
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(summaryPath))!);
await File.WriteAllTextAsync(summaryPath, JsonSerializer.Serialize(new
{
    runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
    job = quick ? "ShortRun" : "Default",
    rows,
}, new JsonSerializerOptions { WriteIndented = true }));
return 0;
