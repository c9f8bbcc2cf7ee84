using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Server.Quality;

namespace Orchestrator.Benchmarks.Quality;

/// <summary>
/// The service-quality reports on a database holding 100,000 finished cases over a year (four flows, 40 agents in 8
/// groups, three tiers), about 250,000 finished tasks (one in ten past its SLA) and 12,000 QA samples: each report as the API computes
/// it, for the last 30 days and for the whole year. The database is a SQLite file, or PostgreSQL when
/// <c>ORCHESTRATOR_BENCH_POSTGRES</c> holds a connection string (a fresh database is made in it).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcess))]
public class QualityReportBenchmarks
{
    private const int Cases = 100_000;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Processes = ["return-and-refund", "repair", "logistics-exception", "complaint-escalation"];
    private static readonly string[] Reasons = ["quality/defect", "quality/not-as-described", "logistics/late", "logistics/damaged", "logistics/lost", "service/attitude", "other/changed-mind"];
    private static readonly string[] Carriers = ["SF", "JD", "ZTO", "YTO", "EMS"];
    private static readonly string[] Countries = ["CN", "DE", "ES", "ID", "MY", "TH", "VN"];

    // Seeded once for every case of the run (the benchmark runs in process): seeding takes far longer than the reports.
    private static OrchestratorDatabase? _database;

    [GlobalSetup]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "BenchmarkDotNet calls the setup on the benchmark's instance")]
    public void Setup()
    {
        if (_database is not null)
        {
            return;
        }

        var postgres = Environment.GetEnvironmentVariable("ORCHESTRATOR_BENCH_POSTGRES");
        if (postgres is null)
        {
            var folder = Directory.CreateTempSubdirectory("orchestrator-bench-").FullName;
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            };
            _database = new OrchestratorDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "quality.db")}");
        }
        else
        {
            var name = "bench_quality_" + Guid.NewGuid().ToString("N")[..8];
            using (var admin = new Npgsql.NpgsqlConnection(postgres))
            {
                admin.Open();
                using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", admin);
                create.ExecuteNonQuery();
            }

            _database = new OrchestratorDatabase(DatabaseProvider.PostgreSql, new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString);
        }

        _database.Migrate();
        Seed(_database);
    }

    private static void Seed(OrchestratorDatabase database)
    {
        var random = new Random(17);
        var year = TimeSpan.FromDays(365);
        var taskKey = 10_000_000L;
        for (var batch = 0; batch < Cases / 5_000; batch++)
        {
            using var db = database.CreateContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 0; i < 5_000; i++)
            {
                var key = 1_000_000L + (batch * 5_000) + i;
                var started = Now - (year * random.NextDouble());
                var process = Processes[random.Next(Processes.Length)];
                var tasks = 1 + random.Next(4) / 2;
                var resolved = started.AddMinutes(30 + random.Next(3_000));
                var agent = "agent-" + random.Next(40);
                var group = "group-" + (agent.GetHashCode(StringComparison.Ordinal) & 7);
                var tier = process == "complaint-escalation" ? 1 + random.Next(3) : (int?)null;
                db.CaseFacts.Add(new CaseFactRow
                {
                    ProcessInstanceKey = key, BpmnProcessId = process, ProcessDefinitionKey = 1, State = random.Next(20) == 0 ? "TERMINATED" : "COMPLETED",
                    StartedAt = started, EndedAt = resolved.AddDays(7), ResolvedAt = resolved, ResolvedDay = DateOnly.FromDateTime(resolved.UtcDateTime).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber,
                    CustomerId = "CUST-" + random.Next(30_000), OrderId = "ORD-" + random.Next(80_000), Channel = random.Next(2) == 0 ? "web" : "app",
                    Language = "zh-CN", Country = Countries[random.Next(Countries.Length)], ReasonCode = Reasons[random.Next(Reasons.Length)],
                    Sku = "SKU-" + random.Next(500), Category = "category-" + random.Next(12), Carrier = Carriers[random.Next(Carriers.Length)],
                    Supplier = "supplier-" + random.Next(40), FirstResponseMinutes = random.Next(240), ResolutionMinutes = (resolved - started).TotalMinutes,
                    TasksCompleted = tasks, MaxTier = tier, Resolver = agent, ResolverGroup = group, FirstContact = tasks == 1,
                    ReopenedBy = random.Next(25) == 0 ? key + 1 : null, Csat = random.Next(3) == 0 ? 1 + random.Next(5) : null,
                    Nps = random.Next(3) == 0 ? random.Next(11) : null,
                });
                for (var t = 0; t < tasks + (i & 1); t++)
                {
                    var created = started.AddMinutes(t * 90);
                    var done = created.AddMinutes(5 + random.Next(600));
                    var sla = random.Next(10) == 0 ? "BREACHED" : "MET";
                    db.TaskFacts.Add(new TaskFactRow
                    {
                        UserTaskKey = ++taskKey, ProcessInstanceKey = key, ProcessDefinitionKey = 1, BpmnProcessId = process, ElementId = "task" + t, Tier = tier == null ? null : Math.Min(3, tier.Value + t), State = "COMPLETED",
                        Assignee = agent, CandidateGroup = group, CreatedAt = created, ClaimedAt = created.AddMinutes(2), EndedAt = done, Sla = sla, HandlingMinutes = (done - created).TotalMinutes,
                    });
                    if (random.Next(20) == 0)
                    {
                        db.QualitySamples.Add(new QualitySampleRow
                        {
                            UserTaskKey = taskKey, ProcessInstanceKey = key, BpmnProcessId = process, ElementId = "task" + t, Agent = agent, AgentGroup = group, SampledAt = done,
                            Reasons = "rate", ReviewInstanceKey = taskKey + 50_000_000, ReviewedAt = done.AddDays(1), Reviewer = "qa", Score = 40 + random.Next(61),
                            RedLines = random.Next(10) == 0 ? "rude" : string.Empty, RedLineCount = random.Next(10) == 0 ? 1 : 0,
                        });
                    }
                }
            }

            db.SaveChanges();
        }
    }

    [Params(30, 365)]
    public int Days { get; set; }

    private ReportWindow Window => new(Now.AddDays(-Days), Now);

    [Benchmark(Description = "GET /api/kpis?by=agent")]
    public async Task<int> KpisByAgent()
    {
        await using var db = _database!.CreateContext();
        return (await KpiReport.ComputeAsync(db, Window, "agent", null, null, (_, _) => null, Now, CancellationToken.None)).Rows.Count;
    }

    [Benchmark(Description = "GET /api/kpis?by=tier")]
    public async Task<int> KpisByTier()
    {
        await using var db = _database!.CreateContext();
        return (await KpiReport.ComputeAsync(db, Window, "tier", null, null, (_, _) => null, Now, CancellationToken.None)).Rows.Count;
    }

    [Benchmark(Description = "GET /api/voc/report?by=carrier (with movers)")]
    public async Task<int> VocByCarrier()
    {
        await using var db = _database!.CreateContext();
        return (await VocReport.ComputeAsync(db, Window, "carrier", null, 3, code => code, CancellationToken.None)).Movers.Count;
    }

    [Benchmark(Description = "GET /api/quality/summary?by=agent")]
    public async Task<int> QualityByAgent()
    {
        await using var db = _database!.CreateContext();
        return (await QualitySummary.ComputeAsync(db, Window, "agent", null, null, CancellationToken.None)).Rows.Count;
    }

    // In process: the server project this benchmark calls builds the web UI too, which the generated project's build would wait for.
    private sealed class InProcess : ManualConfig
    {
        public InProcess() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15));
    }
}
