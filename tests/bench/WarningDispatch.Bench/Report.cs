using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WarningDispatch.Bench;

/// <summary>
/// The readable table: every scenario's headline figures, and each target of the issue next to its figure.
/// </summary>
static class Report
{
    public static string Table(Dictionary<string, object?> report)
    {
        var root = JsonNode.Parse(JsonSerializer.Serialize(report, JsonOut.Options))!;
        var sb = new StringBuilder();
        var m = root["machine"]!;
        sb.AppendLine($"WarningDispatch benchmarks {root["startedAt"]} — commit"
                      + $" {Str(root["git"]?["commit"])?[..Math.Min(10, Str(root["git"]?["commit"])?.Length ?? 0)]}"
                      + $"{(root["git"]?["dirty"]?.GetValue<bool>() == true ? " (dirty)" : "")}");
        sb.AppendLine($"{m["cpu"]}, {m["cores"]} cores, {m["memoryGb"]} GB, {m["os"]}, {m["runtime"]}, Redis "
            + $"{Str(m["redis"])?.Split(' ').FirstOrDefault(s => s.StartsWith("v=", StringComparison.Ordinal))?[2..]}"
            + $", RabbitMQ {m["rabbitmq"]}");
        var targets = new List<(string What, string Figure, string Target)>();
        var s = root["scenarios"]!;

        if (s["latency"]?["result"]?["rates"] is JsonArray rates)
        {
            sb.AppendLine();
            sb.AppendLine($"1+2. Ingest → screen latency, ms from AMQP publish to taskChanged"
                          + $" ({s["latency"]!["result"]!["consoles"]!["officers"]} officer consoles"
                          + $" + {s["latency"]!["result"]!["consoles"]!["boards"]} boards;"
                          + $" {s["latency"]!["result"]!["seconds"]} s per rate;"
                          + $" {s["latency"]!["result"]!["instances"] ?? 1} service instance(s), CPU and RSS summed)");
            sb.AppendLine("  rate/s  target   achieved/s | officer  p50     p90     p99     max  |"
                          + " board  p50     p90     p99     max  | all boards p99 | missing |"
                          + " CPU cores svc/redis/rabbit/harness"
                          + " | CPU ms/task");
            sb.AppendLine("  (floor: the bare relay, AMQP → SignalR; durable:"
                          + " the same relay writing each message to its own"
                          + " Redis, appendfsync always, before it pushes and acknowledges: the service's one fsynced"
                          + " write and nothing else)");
            foreach (var r in rates)
            {
                var targetRows = new[] { ("service", "service"), ("floor", "floor"), ("durable", "durableFloor") };
                foreach (var (who, key) in targetRows)
                {
                    if (r![key] is not { } x) continue;
                    var cpu = x["cpuCores"]!;
                    var cores = $"{N(cpu[who == "service" ? "service" : "relay"], "0.00")}"
                                + $"/{N(cpu[who == "durable" ? "relayRedis" : "redis"], "0.00")}"
                                + $"/{N(cpu["rabbitmq"], "0.00")}/{N(cpu["harness"], "0.00")}";
                    sb.AppendLine($"  {r["rate"],6}  {who,-7} {N(x["achievedPublishRate"], "0"),10}"
                                  + $" | {D(x["officer"]!)} | {D(x["board"]!)} | {N(x["allBoards"]!["p99"], "0.00"),14}"
                                  + $" | {x["officerMissing"]}/{x["boardMissing"],-5} | {cores}"
                                  + $" | {N(x["cpuMsPerTask"], "0.000")}");
                }
                if (r!["service"]?["breakdown"] is { } b)
                    sb.AppendLine($"  {"",6}  {"where",-7} {"",10} | p50 / p99: publish → intake"
                                  + $" {N(b["publishToIntake"]!["p50"], "0.00")}"
                                  + $" / {N(b["publishToIntake"]!["p99"], "0.0")},"
                                  + $" intake → officer console {N(b["intakeToOfficer"]!["p50"], "0.00")}"
                                  + $" / {N(b["intakeToOfficer"]!["p99"], "0.0")},"
                                  + $" intake → feedback at upstream {N(b["intakeToFeedback"]!["p50"], "0.00")}"
                                  + $" / {N(b["intakeToFeedback"]!["p99"], "0.0")} ms");
                var ratio = r!["ratio"]!;
                sb.AppendLine(RatioRow("÷ floor", ratio));
                if (r["ratioToDurableFloor"] is { } rd) sb.AppendLine(RatioRow("÷ durab", rd));
                foreach (var line in StageBreakdown.Lines(r["service"]?["stages"], new string(' ', 10)))
                    sb.AppendLine(line);
                if ((int)r["rate"]! == 500)
                {
                    targets.Add(("latency p50 at 500/s (officer / board)",
                        $"{N(r["service"]!["officer"]!["p50"], "0.00")} / "
                        + $"{N(r["service"]!["board"]!["p50"], "0.00")} ms", "≤ 2 ms"));
                    targets.Add(("latency p99 at 500/s (officer / board)",
                        $"{N(r["service"]!["officer"]!["p99"], "0.00")} / "
                        + $"{N(r["service"]!["board"]!["p99"], "0.00")} ms", "≤ 10 ms"));
                    targets.Add(("p50 ÷ floor at 500/s (officer / board)",
                        $"{N(ratio["officerP50"], "0.0")}× / {N(ratio["boardP50"], "0.0")}×", "≤ 2×"));
                }
            }
        }

        if (s["throughput"]?["result"] is { } t && t["backlog"] is not null)
        {
            sb.AppendLine();
            sb.AppendLine($"3. Throughput: backlog of {t["backlog"]:N0} instructions drained"
                          + $" ({t["consolesConnected"]} consoles connected)");
            sb.AppendLine($"  tasks created: {N(t["createdPerSecond"], "0")}/s ({N(t["createdSeconds"], "0.0")} s);"
                          + $" end to end incl. push: {N(t["endToEndPerSecond"], "0")}/s"
                          + $" ({N(t["endToEndSeconds"], "0.0")} s);"
                          + $" first task {N(t["launchToFirstTaskSeconds"], "0.0")} s after launch"
                          + (t["consolesSignedInBeforeSeconds"] is { } signIn
                              ? $"; the consoles signed in before the backlog was published ({N(signIn, "0.0")} s)"
                              : ""));
            sb.AppendLine($"  CPU cores: service {N(t["cpuCores"]!["service"], "0.00")},"
                          + $" redis {N(t["cpuCores"]!["redis"], "0.00")},"
                          + $" rabbitmq {N(t["cpuCores"]!["rabbitmq"], "0.00")},"
                          + $" harness {N(t["cpuCores"]!["harness"], "0.00")};"
                          + $" service peak RSS {N(t["service"]!["peakRssMb"], "0")} MB;"
                          + $" Redis used memory {N(t["redisUsedMemoryMb"], "0")} MB");
            if (t["floor"] is { } fl)
            {
                var tr = t["ratio"];
                sb.AppendLine($"  {"drain",-8} | {"tasks/s",8} | {"CPU ms/task",11} | {"cores",5}"
                              + $" | {"peak RSS MB",11}");
                sb.AppendLine($"  {"service",-8} | {N(t["endToEndPerSecond"], "0"),8}"
                              + $" | {N(t["cpuMsPerTask"], "0.000"),11} | {N(t["cpuCores"]!["service"], "0.00"),5}"
                              + $" | {N(t["service"]!["peakRssMb"], "0"),11}");
                sb.AppendLine($"  {"floor",-8} | {N(fl["endToEndPerSecond"], "0"),8}"
                              + $" | {N(fl["cpuMsPerTask"], "0.000"),11} | {N(fl["relay"]?["cpuCores"], "0.00"),5}"
                              + $" | {N(fl["relay"]?["peakRssMb"], "0"),11}"
                              + (fl["error"] is { } fe ? $"  FAILED: {Str(fe)?.Split('\n')[0]}" : ""));
                sb.AppendLine($"  {"÷ floor",-8} | {N(tr?["endToEndPerSecond"], "0.00") + "×",8} | "
                              + $"{N(tr?["cpuMsPerTask"], "0.00") + "×",11} |");
                if (t["durableFloor"] is { } df)
                {
                    var td = t["ratioToDurableFloor"];
                    sb.AppendLine($"  {"durable",-8} | {N(df["endToEndPerSecond"], "0"),8}"
                                  + $" | {N(df["cpuMsPerTask"], "0.000"),11} | {N(df["relay"]?["cpuCores"], "0.00"),5}"
                                  + $" | {N(df["relay"]?["peakRssMb"], "0"),11}"
                                  + $"  (its Redis {N(df["cpuCores"]?["redis"], "0.00")} cores)"
                                  + (df["error"] is { } de ? $"  FAILED: {Str(de)?.Split('\n')[0]}" : ""));
                    sb.AppendLine($"  {"÷ durab",-8} | {N(td?["endToEndPerSecond"], "0.00") + "×",8} | "
                                  + $"{N(td?["cpuMsPerTask"], "0.00") + "×",11} |");
                }
                targets.Add(("backlog drain ÷ floor drain", N(tr?["endToEndPerSecond"], "0.00") + "×", "≥ 0.5×"));
                targets.Add(("drain CPU ms per task ÷ floor", N(tr?["cpuMsPerTask"], "0.00") + "×", "≤ 1.5×"));
            }
            foreach (var line in StageBreakdown.Lines(t["stages"], "  ")) sb.AppendLine(line);
            targets.Add(("backlog drained, tasks/s end to end", N(t["endToEndPerSecond"], "0"), "≥ 2,000"));
        }

        if (s["routing"]?["result"]?["rows"] is JsonArray rows)
        {
            sb.AppendLine();
            sb.AppendLine($"4. Routing (BenchmarkDotNet {s["routing"]!["result"]!["job"]} job,"
                          + $" {s["routing"]!["result"]!["runtime"]}), per lookup");
            foreach (var row in rows)
                sb.AppendLine($"  {Str(row!["description"]),-48} {row["parameters"],-12}"
                              + $" mean {N(row["meanNs"], "#,0.0"),14} ns"
                              + $"  median {N(row["medianNs"], "#,0.0"),14} ns"
                              + $"  allocated {row["allocatedBytesPerOp"]} B");
            var kd = rows.FirstOrDefault(r => Str(r!["benchmark"]) == "KdTree_Staffed80");
            var scan = rows.FirstOrDefault(r => Str(r!["benchmark"]) == "Scan_Staffed80");
            if (kd is not null)
                targets.Add(("nearest-post lookup, 40,000 posts (80 % staffed)", $"{N(kd["meanNs"], "0")} ns"
                    + (scan is not null ? $" (scan {N(scan["meanNs"]!.GetValue<double>() / 1000, "0")} µs)" : ""),
                    "≤ 5 µs"));
        }

        if (s["timers"]?["result"] is { } tm && tm["timers"] is not null)
        {
            sb.AppendLine();
            sb.AppendLine($"5. Timers: {tm["timers"]:N0} acknowledgement deadlines due over {tm["windowSeconds"]} s");
            sb.AppendLine($"  lateness p50 {N(tm["latenessMs"]!["p50"], "0")} ms,"
                          + $" p90 {N(tm["latenessMs"]!["p90"], "0")} ms, p99 {N(tm["latenessMs"]!["p99"], "0")} ms,"
                          + $" max {N(tm["latenessMs"]!["max"], "0")} ms;"
                          + $" fired once {tm["firedOnce"]}, never {tm["neverFired"]},"
                          + $" more than once {tm["firedMoreThanOnce"]}; {N(tm["firingsPerSecond"], "0")} firings/s");
            sb.AppendLine($"  Redis used memory: empty {N(tm["redis"]!["usedMemoryEmptyMb"], "0.0")} MB,"
                          + $" with {tm["pendingAtWindowStart"]} tasks and timers pending"
                          + $" {N(tm["redis"]!["usedMemoryWithTimersPendingMb"], "0")} MB"
                          + $" ({N(tm["redis"]!["bytesPerTaskWithTimer"], "0")} B per task incl. its timer;"
                          + $" timer keys {N(tm["redis"]!["timerBytesPerTimer"], "0")} B per timer);"
                          + $" service {N(tm["service"]!["cpuCores"], "0.00")} cores during the window;"
                          + $" ingested before the first deadline: {tm["ingestedBeforeFirstDeadline"]}");
            targets.Add(("timer lateness p99", $"{N(tm["latenessMs"]!["p99"], "0")} ms", "≤ 500 ms"));
        }

        if (s["connections"]?["result"] is { } c && c["connections"] is not null)
        {
            sb.AppendLine();
            sb.AppendLine($"6. Connections: {c["connections"]:N0} console connections on one instance,"
                          + $" one change pushed to all of them ({c["service"]?["pushes"]} pushes)");
            foreach (var who in new[] { "service", "floor" })
                if (c[who] is { } x)
                    sb.AppendLine($"  {who,-7} open {x["open"]}, connect {N(x["connectSeconds"], "0.0")} s,"
                                  + $" RSS {N(x["rssBeforeMb"], "0")} → {N(x["rssAfterMb"], "0")} MB"
                                  + $" = {N(x["kbPerConnection"], "0.0")} KB per connection"
                                  + $" (client: {N(x["clientManagedKbPerConnection"], "0.0")} KB managed heap);"
                                  + $" publish → all: p50 {N(x["pushToAllMs"]!["p50"], "0.0")} ms,"
                                  + $" max {N(x["pushToAllMs"]!["max"], "0.0")} ms;"
                                  + $" first console p50 {N(x["pushToFirstMs"]!["p50"], "0.00")} ms;"
                                  + $" first → last p50 {N(x["firstToLastMs"]!["p50"], "0.0")} ms");
        }

        if (s["reports"]?["result"] is { } rp && rp["tasks"] is not null)
        {
            sb.AppendLine();
            sb.AppendLine($"7. Reports: GET /api/reports/summary with {rp["tasks"]:N0} tasks' facts stored over " +
                          $"{rp["days"]} days (Redis {N(rp["redisUsedMemoryMb"], "0")} MB)");
            foreach (var (_, r) in rp["summary"]!.AsObject())
                sb.AppendLine($"  {r!["days"],3} day(s), {r["received"],7:N0} tasks: p50 {N(r["p50Ms"], "0.0")} ms " +
                              $"(min {N(r["minMs"], "0.0")}, max {N(r["maxMs"], "0.0")}, {r["runs"]} runs)");
        }

        foreach (var (name, node) in s.AsObject())
            if (node?["result"]?["error"] is { } error)
                sb.AppendLine($"\n{name}: FAILED — {Str(error)?.Split('\n')[0]}");

        if (targets.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Targets of issue 5 (figures, not pass/fail):");
            foreach (var (what, figure, target) in targets) sb.AppendLine($"  {what,-50} {figure,-28} target {target}");
        }
        return sb.ToString();
    }

    /// <summary>A latency row's ratios: officer and board p50 and p99, and CPU per task, against one floor.</summary>
    static string RatioRow(string label, JsonNode q)
    {
        static string X(JsonNode? n) => N(n, "0.0") + "×";
        return $"  {"",6}  {label,-7} {"",10} | {"",7}{X(q["officerP50"]),7}  {"",7} {X(q["officerP99"]),7}  {"",7}"
               + $" | {"",5}{X(q["boardP50"]),7}  {"",7} {X(q["boardP99"]),7}  CPU ms/task {X(q["cpuMsPerTask"])}";
    }

    static string D(JsonNode d) =>
        $"{N(d["p50"], "0.00"),7} {N(d["p90"], "0.00"),7} {N(d["p99"], "0.00"),7} {N(d["max"], "0.0"),7}";

    static string? Str(JsonNode? n) =>
        n?.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : n?.ToJsonString();

    public static string N(JsonNode? n, string format)
    {
        if (n is null) return "–";
        if (n.GetValueKind() == JsonValueKind.Number)
            return n.GetValue<double>().ToString(format, CultureInfo.InvariantCulture);
        if (n.GetValueKind() == JsonValueKind.String
            && double.TryParse(n.GetValue<string>(), CultureInfo.InvariantCulture, out var v))
            return v.ToString(format, CultureInfo.InvariantCulture);
        return n.ToJsonString();
    }
}
