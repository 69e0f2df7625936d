using System.Globalization;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Options;
using WarningDispatch.Contracts;
using WarningDispatch.Domain.Ingest;
using WarningDispatch.Domain.Routing;
using WarningDispatch.Domain.Tasks;
using WarningDispatch.Service.Identity;
using WarningDispatch.Service.Ingest;
using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Tasks;

namespace WarningDispatch.Service.Simulator;

/// <summary>
/// The demo's life: publishes realistic warnings across the region on the bus (as upstream would) and plays the
/// officers who have no sign-in account, so a newcomer watches tasks arrive, get acknowledged and escalate.
/// Officers with accounts are left to the humans signed in as them.
/// </summary>
public sealed class WarningSimulator(
    IOptions<SimulatorOptions> options,
    IServiceScopeFactory scopes,
    PostRegistry posts,
    AccountDirectory accounts,
    ITaskStore store,
    TaskWorkflow workflow,
    FollowUpPolicy followUp,
    TimeProvider clock,
    ILogger<WarningSimulator> log) : BackgroundService
{
    static readonly string[] Surnames =
        [
            "韦", "覃", "黄", "蒙", "罗", "莫", "蓝", "陆",
            "梁", "李", "王", "张", "刘", "陈", "杨", "吴",
        ];
    static readonly string[] GivenNames =
    [
        "秀英", "桂兰", "建国", "玉梅", "志强", "丽华", "国庆", "春花",
        "德福", "美玲", "海燕", "文斌", "金凤", "永红", "少华", "家宝",
    ];
    static readonly string[] FraudTypes =
    [
        "ImpersonatingPolice", "FakeInvestment", "FakeCustomerService", "ImpersonatingBoss", "FakeLoan",
        "OnlineDating", "FakeShopping",
    ];
    static readonly string[] Notes =
    [
        "long call with a known fraud number", "large transfer at the counter, customer nervous",
        "installed a screen-sharing app", "repeated transfers to a new account", "SMS link to a fake refund page",
    ];
    readonly Random _random = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        log.LogInformation("Simulator on: a warning every {Interval} s", o.IntervalSeconds);
        var humanOfficers = accounts.All.Where(a => a.OfficerId is not null).Select(a => a.OfficerId!).ToHashSet();
        var stations = posts.All.Where(p => p.Level == PostLevel.Station).ToList();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(o.IntervalSeconds), clock);
        var seq = 0;
        do
        {
            try
            {
                await PublishWarningAsync(stations, ++seq, o.InvalidShare, stoppingToken);
                await PlayOfficersAsync(humanOfficers, o.OfficerDiligence, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Simulator step failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    async Task PublishWarningAsync(List<PolicePost> stations, int seq, double invalidShare, CancellationToken ct)
    {
        var post = stations[_random.Next(stations.Count)];
        var county = post.Name[..(post.Name.IndexOf("公安局", StringComparison.Ordinal) is > 0 and var i ? i : 0)];
        var town = post.Name[(post.Name.IndexOf("公安局", StringComparison.Ordinal) + 3)..].Replace("派出所", "");
        var jurisdiction = posts.Ancestors(post).FirstOrDefault() is { } centre
            ? posts.All.FirstOrDefault(p => p.ParentId == centre.PostId && p.RegionCodes.Count > 0)?.RegionCodes[0]
            : null;
        var now = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var risk = (RiskLevel)_random.Next(3);
        var kind = (InstructionKind)_random.Next(5);
        var body = new Dictionary<string, object?>
        {
            ["instructionId"] = $"SIM-{now:yyyyMMdd}-{seq:000000}-{_random.Next(1000):000}",
            ["source"] = ((InstructionSource)_random.Next(5)).ToString(),
            ["kind"] = kind.ToString(),
            ["riskLevel"] = risk.ToString(),
            ["fraudType"] = FraudTypes[_random.Next(FraudTypes.Length)],
            ["issuedAt"] = now.AddSeconds(-_random.Next(5, 40))
                .ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            ["subject"] = new Dictionary<string, object?>
            {
                ["name"] = Surnames[_random.Next(Surnames.Length)] + GivenNames[_random.Next(GivenNames.Length)],
                ["phone"] = "+861" +
                            _random.NextInt64(3_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture),
                ["address"] = $"广西河池市{county}{town}镇"
                              + $"{Surnames[_random.Next(Surnames.Length)]}屯{_random.Next(1, 99)}号",
                ["location"] = new
                {
                    lat = Math.Round(post.Lat + (_random.NextDouble() - 0.5) * 0.04, 5),
                    lon = Math.Round(post.Lon + (_random.NextDouble() - 0.5) * 0.04, 5),
                },
                ["regionCode"] = _random.NextDouble() < 0.6 ? jurisdiction : null,
                ["idNumber"] = _random.NextDouble() < 0.5 ? IdNumber(jurisdiction ?? "451200") : null,
                ["contacts"] = Enumerable.Range(0, _random.Next(0, 4)).Select(_ => new Dictionary<string, object?>
                {
                    ["name"] = Surnames[_random.Next(Surnames.Length)] + GivenNames[_random.Next(GivenNames.Length)],
                    ["phone"] = "+861" +
                                _random.NextInt64(3_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture),
                    ["relation"] = Relations[_random.Next(Relations.Length)],
                }).ToList(),
            },
            ["context"] = new Dictionary<string, object?>
            {
                ["onCallNow"] = kind is InstructionKind.SuspiciousCall or InstructionKind.FundTransfer
                                && _random.NextDouble() < 0.5,
                ["counterpartNumber"] =
                    "+852" + _random.Next(20_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
                ["amountAtRisk"] = kind == InstructionKind.FundTransfer ? _random.Next(1, 400) * 1000m : null,
                ["note"] = Notes[_random.Next(Notes.Length)],
            },
        };
        if (_random.NextDouble() < invalidShare)
            ((Dictionary<string, object?>)body["subject"]!)["phone"] = "138-0000";

        // Published as raw JSON, exactly as a non-.NET upstream system would.
        await using var scope = scopes.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        await bus.PublishRawInstruction(JsonSerializer.SerializeToUtf8Bytes(body, WireFormat.Options), ct);
    }

    static readonly string[] Relations = ["配偶", "儿子", "女儿", "父亲", "母亲", "邻居", "网格员"];

    /// <summary>A made-up resident identity number of the region, with its GB 11643 check character.</summary>
    string IdNumber(string region)
    {
        var born = new DateOnly(1940, 1, 1).AddDays(_random.Next(365 * 60));
        var first17 = region + born.ToString("yyyyMMdd", CultureInfo.InvariantCulture) +
                      _random.Next(1000).ToString("000", CultureInfo.InvariantCulture);
        return first17 + InstructionParser.IdNumberCheck(first17);
    }

    async Task PlayOfficersAsync(HashSet<string> humanOfficers, double diligence, CancellationToken ct)
    {
        foreach (var task in await store.ListActiveAsync(ct))
        {
            if (task.OfficerId is not { } officer || humanOfficers.Contains(officer)
                || _random.NextDouble() > diligence) continue;
            var actor = Actor.Field("sim-" + officer.ToLowerInvariant(), officer);
            var id = Guid.NewGuid().ToString("N");
            // The first action the task offers this officer, as a person on the console would take it next.
            TaskAction? Next(DispatchTask t) => t.AllowedActions(actor).Cast<TaskAction?>().FirstOrDefault();
            await workflow.ChangeAsync(task.TaskId, t => Next(t) switch
            {
                TaskAction.Acknowledge => t.Acknowledge(actor, id, clock.GetUtcNow()),
                TaskAction.CallResult => t.RecordCallResult(actor, id,
                    (CallResult)_random.Next(Enum.GetValues<CallResult>().Length), clock.GetUtcNow(), followUp),
                TaskAction.Arrive => t.ArriveOnScene(actor, id, clock.GetUtcNow()),
                TaskAction.Outcome =>
                    t.RecordOutcome(actor, id, PickOutcome(out var amount), amount, clock.GetUtcNow(), followUp),
                _ => ActionResult.NotAllowed("nothing to do"),
            }, ct);
        }
    }

    TaskOutcome PickOutcome(out decimal? amount)
    {
        var outcome = _random.NextDouble() switch
        {
            < 0.55 => TaskOutcome.Dissuaded,
            < 0.85 => TaskOutcome.FundsProtected,
            < 0.92 => TaskOutcome.PersonNotFound,
            < 0.97 => TaskOutcome.FalseAlarm,
            _ => TaskOutcome.AlreadyDefrauded
        };
        amount = outcome is TaskOutcome.FundsProtected or TaskOutcome.AlreadyDefrauded
            ? _random.Next(1, 200) * 1000m
            : null;
        return outcome;
    }
}
