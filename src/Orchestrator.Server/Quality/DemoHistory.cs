using Orchestrator.Feel.Values;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Quality;

/// <summary>
/// The demo's past (with <c>Demo:Seed</c>, on a fresh database): eight weeks of finished after-sales cases as the service
/// quality reports count them — case and task facts and reviewed QA samples, written straight into the fact tables as an
/// import from an earlier system would be, with no process instances behind them — so the KPI, VOC and quality pages show
/// figures on first start. Damaged parcels with ZTO rise in the last week, the mover the VOC page should name. Six
/// samples of the last days go to real <c>quality-review</c> tasks, so the QA queue has work.
/// </summary>
public static class DemoHistory
{
    /// <summary>The reason codes the history uses (all in the shipped catalogue, <c>workflows/voc/reasons.json</c>).</summary>
    public static readonly string[] Reasons =
        ["quality/defect", "quality/not-as-described", "quality/damaged-on-arrival", "logistics/late", "logistics/lost", "logistics/damaged",
         "logistics/wrong-item", "service/slow-response", "product-info/size-fit", "payment/refund-delay", "other/changed-mind"];

    private static readonly (string Process, string Element, string Name, string Group, int? Tier, string[] Agents)[] Desks =
    [
        ("return-and-refund", "review", "Review the return", "returns-agents", null, ["alice", "li.na", "zhou.lin"]),
        ("logistics-exception", "decide", "Decide: reship, refund or wait", "logistics-agents", null, ["alice", "zhang.wei"]),
        ("repair", "diagnose", "Diagnose", "repair-technicians", null, ["sun.hao", "ma.jun"]),
        ("complaint-escalation", "tier1", "Resolve complaint (tier 1 agent)", "tier1-agents", 1, ["alice", "wang.fang"]),
        ("complaint-escalation", "tier2", "Resolve complaint (tier 2 specialist)", "tier2-specialists", 2, ["chen.jie"]),
        ("complaint-escalation", "tier3", "Decide complaint (tier 3 director)", "directors", 3, ["director.liu"]),
    ];

    private static readonly string[] Carriers = ["SF", "JD", "ZTO", "YTO", "EMS"];
    private static readonly string[] Countries = ["CN", "CN", "CN", "DE", "ES", "ID", "MY", "TH", "VN"];
    private static readonly string[] Skus = ["SKU-KETTLE", "SKU-TABLET", "SKU-SHOES-41", "SKU-ROBOT", "SKU-WASHER", "SKU-CHARGER", "SKU-HEADPHONES"];

    /// <summary>
    /// Writes the history under keys from 1,001 up (the engine's keys are far above); samples not started as reviews keep
    /// review key 0, so the quality pass leaves them alone. Returns the cases written.
    /// </summary>
    public static async Task<int> SeedAsync(OrchestratorDatabase database, EngineHost host, CaseFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(facts);
        var random = new Random(20261204);
        var now = host.Clock.GetUtcNow().ToUniversalTime();
        var key = 1_000L;
        var pending = new List<QualitySampleRow>();
        await using var db = database.CreateContext();
        const int Count = 360;
        for (var n = 0; n < Count; n++)
        {
            var lastWeek = n >= Count - 60;
            var started = now - TimeSpan.FromDays(lastWeek ? 7 * random.NextDouble() : 7 + (49 * random.NextDouble()));
            var desk = Desks[random.Next(4)];
            var carrier = Carriers[random.Next(Carriers.Length)];
            var reason = Reasons[random.Next(Reasons.Length)];
            if (lastWeek && n % 3 == 0)
            {
                (desk, carrier, reason) = (Desks[1], "ZTO", "logistics/damaged");
            }

            var caseKey = ++key;
            var steps = desk.Tier is null ? [desk] : Desks.Where(d => d.Tier is { } tier && tier <= 1 + (random.Next(10) < 7 ? 0 : random.Next(1, 3))).ToList();
            var at = started.AddMinutes(2 + random.Next(90));
            var firstResponse = at;
            TaskFactRow? last = null;
            foreach (var step in steps)
            {
                var claimed = at.AddMinutes(random.Next(5, 60));
                var done = claimed.AddMinutes(random.Next(5, step.Tier == 3 ? 600 : 180));
                last = new TaskFactRow
                {
                    UserTaskKey = ++key, ProcessInstanceKey = caseKey, ProcessDefinitionKey = 0, BpmnProcessId = step.Process, ElementId = step.Element, Name = step.Name,
                    Tier = step.Tier, State = "COMPLETED", Assignee = step.Agents[random.Next(step.Agents.Length)], CandidateGroup = step.Group,
                    CreatedAt = at, ClaimedAt = claimed, EndedAt = done, Sla = random.Next(100) < 88 ? "MET" : "BREACHED",
                    HandlingMinutes = (done - claimed).TotalMinutes,
                };
                db.TaskFacts.Add(last);
                at = done.AddMinutes(random.Next(1, 30));
            }

            var resolved = at;
            var csat = random.Next(10) < 6 ? (int?)(last!.Sla == "BREACHED" ? 1 + random.Next(3) : 3 + random.Next(3)) : null;
            db.CaseFacts.Add(new CaseFactRow
            {
                ProcessInstanceKey = caseKey, BpmnProcessId = desk.Process, ProcessDefinitionKey = 0, State = random.Next(30) == 0 ? "TERMINATED" : "COMPLETED",
                StartedAt = started, EndedAt = resolved.AddDays(random.Next(1, 7)), ResolvedAt = resolved, ResolvedDay = facts.Day(resolved),
                CustomerId = $"CUST-{random.Next(900):000}", OrderId = $"DEMO-H-{random.Next(4000):0000}", Channel = random.Next(3) == 0 ? "app" : "web",
                Language = random.Next(3) == 0 ? "en" : "zh-CN", Country = Countries[random.Next(Countries.Length)], ReasonCode = reason,
                Sku = Skus[random.Next(Skus.Length)], Category = random.Next(2) == 0 ? "electronics" : "home", Carrier = carrier,
                Supplier = $"supplier-{random.Next(1, 9)}", FirstResponseMinutes = Math.Round((firstResponse - started).TotalMinutes, 2),
                ResolutionMinutes = Math.Round((resolved - started).TotalMinutes, 2), TasksCompleted = steps.Count, MaxTier = steps.Max(s => s.Tier),
                Resolver = last!.Assignee, ResolverGroup = last.CandidateGroup, FirstContact = steps.Count == 1,
                ReopenedBy = random.Next(20) == 0 ? caseKey + 100_000 : null, Csat = csat, Nps = csat is null ? null : Math.Clamp((csat.Value * 2) + random.Next(-1, 2), 0, 10),
            });

            if (last.Sla == "BREACHED" || last.Tier == 3 || random.Next(10) == 0)
            {
                var reviewed = last.EndedAt < now.AddDays(-5);
                var redLine = reviewed && random.Next(8) == 0;
                var sample = new QualitySampleRow
                {
                    UserTaskKey = last.UserTaskKey, ProcessInstanceKey = caseKey, BpmnProcessId = last.BpmnProcessId, ElementId = last.ElementId, Agent = last.Assignee,
                    AgentGroup = last.CandidateGroup, SampledAt = last.EndedAt,
                    Reasons = last.Sla == "BREACHED" ? "sla-breached" : last.Tier == 3 ? "tier3" : "rate",
                    ReviewInstanceKey = 0, ReviewedAt = reviewed ? last.EndedAt.AddDays(1) : null, Reviewer = reviewed ? "qa.lead" : null,
                    Score = reviewed ? (redLine ? 35 : 60 + random.Next(41)) : null, RedLines = redLine ? "sla-silent" : string.Empty, RedLineCount = redLine ? 1 : 0,
                };
                db.QualitySamples.Add(sample);
                if (!reviewed && pending.Count < 6)
                {
                    pending.Add(sample);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await StartReviewsAsync(db, host, pending, cancellationToken).ConfigureAwait(false);
        return Count;
    }

    // The history has no instances behind it, so its review tasks carry what the reviewer needs in their variables.
    private static async Task StartReviewsAsync(OrchestratorDbContext db, EngineHost host, List<QualitySampleRow> samples, CancellationToken cancellationToken)
    {
        if (host.Engine.Store.Definitions.GetLatest("quality-review") is null)
        {
            return;
        }

        foreach (var sample in samples)
        {
            var task = Desks.First(d => d.Element == sample.ElementId);
            var variables = ReviewStart.Variables(sample, task.Name, $"DEMO-H-{sample.ProcessInstanceKey}", null, new Dictionary<string, FeelValue>(StringComparer.Ordinal)
            {
                ["decision"] = new FeelString(sample.Reasons == "tier3" ? "compensate" : "approve"),
                ["noteToCustomer"] = new FeelString("We are sorry for the trouble; your refund is on its way."),
            });
            sample.ReviewInstanceKey = await host.RunAsync(engine => engine.CreateInstance("quality-review", null, variables).Key).ConfigureAwait(false);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
