using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Feel;
using Orchestrator.Feel.Values;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Quality;

/// <summary>
/// Picks completed user tasks of ended cases for quality review — a share of them at random (<c>Quality:SampleRate</c>,
/// decided from the task's key, so every node decides alike) and always those the rules name: the task's SLA breached,
/// a tier-3 task, and for the case's last task the case's own SLA breached, an amount above the threshold, a low CSAT —
/// and starts a <c>quality-review</c> instance for each; when a review ends, records its score and red lines.
/// </summary>
public sealed partial class QualitySampler(EngineHost host, IOptions<QualityOptions> options, ILogger<QualitySampler> logger)
{
    private readonly FeelExpression? _amount = FeelEngine.Default.TryParse(options.Value.AmountExpression, out var parsed, out _) ? parsed : null;

    private int _missingReviewLogged;

    /// <summary>Whether the random share picks this task: a fixed mix of its key against the rate.</summary>
    public static bool InRandomShare(long userTaskKey, double rate)
    {
        var mixed = unchecked((ulong)userTaskKey * 0x9E37_79B9_7F4A_7C15UL);
        mixed ^= mixed >> 29;
        mixed = unchecked(mixed * 0xBF58_476D_1CE4_E5B9UL);
        mixed ^= mixed >> 32;
        return (mixed >> 11) * (1.0 / (1UL << 53)) < rate;
    }

    /// <summary>Adds the samples of ended cases; returns how many.</summary>
    public async Task<int> SampleAsync(OrchestratorDbContext db, IReadOnlyList<EndedCase> cases, CancellationToken cancellationToken)
    {
        var taskKeys = cases.SelectMany(c => c.CompletedTasks).Select(t => t.UserTaskKey).ToList();
        var caseKeys = cases.Select(c => c.Fact.ProcessInstanceKey).ToList();
        var breached = new HashSet<long>();
        foreach (var chunk in taskKeys.Concat(caseKeys).Chunk(1000))
        {
            breached.UnionWith(await db.SlaEvents.AsNoTracking().Where(e => e.Event == "BREACHED" && chunk.Contains(e.SubjectKey)).Select(e => e.SubjectKey)
                .ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        var now = host.Clock.GetUtcNow().ToUniversalTime();
        var added = 0;
        foreach (var ended in cases)
        {
            var last = ended.CompletedTasks.LastOrDefault(t => t.Assignee is not null);
            foreach (var task in ended.CompletedTasks.Where(t => t.Assignee is not null))
            {
                var reasons = new List<string>();
                if (InRandomShare(task.UserTaskKey, options.Value.SampleRate))
                {
                    reasons.Add("rate");
                }

                if (breached.Contains(task.UserTaskKey) || (task == last && breached.Contains(ended.Fact.ProcessInstanceKey)))
                {
                    reasons.Add("sla-breached");
                }

                if (task.Tier == 3)
                {
                    reasons.Add("tier3");
                }

                if (task == last && ended.Variables.Number(_amount) is { } amount && amount >= options.Value.AmountThreshold)
                {
                    reasons.Add("amount");
                }

                if (task == last && ended.Fact.Csat is { } csat && csat <= options.Value.LowCsat)
                {
                    reasons.Add("low-csat");
                }

                if (reasons.Count == 0)
                {
                    continue;
                }

                db.QualitySamples.Add(new QualitySampleRow
                {
                    UserTaskKey = task.UserTaskKey,
                    ProcessInstanceKey = task.ProcessInstanceKey,
                    BpmnProcessId = task.BpmnProcessId,
                    ElementId = task.ElementId,
                    Agent = task.Assignee,
                    AgentGroup = task.CandidateGroup,
                    SampledAt = now,
                    Reasons = string.Join(',', reasons),
                });
                added++;
            }
        }

        return added;
    }

    /// <summary>Starts a review for every sample that has none yet (while the review process is deployed); returns how many.</summary>
    public async Task<int> StartReviewsAsync(OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        var pending = await db.QualitySamples.Where(s => s.ReviewInstanceKey == null).OrderBy(s => s.SampledAt).Take(200)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            return 0;
        }

        if (host.Engine.Store.Definitions.GetLatest(options.Value.ReviewProcessId) is null)
        {
            if (Interlocked.Exchange(ref _missingReviewLogged, 1) == 0)
            {
                LogNoReviewProcess(pending.Count, options.Value.ReviewProcessId);
            }

            return 0;
        }

        _missingReviewLogged = 0;
        foreach (var sample in pending)
        {
            var variables = await ReviewVariablesAsync(db, sample, cancellationToken).ConfigureAwait(false);
            sample.ReviewInstanceKey = await host.RunAsync(engine => engine.CreateInstance(options.Value.ReviewProcessId, null, variables).Key).ConfigureAwait(false);

            // Each start is saved at once: a review is never started twice for one sample because a later one failed.
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return pending.Count;
    }

    /// <summary>Records the outcome of every review that ended; returns how many.</summary>
    public static async Task<int> RecordReviewsAsync(OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        var done = await (
                from s in db.QualitySamples
                join i in db.ProcessInstances on s.ReviewInstanceKey equals i.Key
                where s.ReviewedAt == null && i.State == "COMPLETED"
                select new { Sample = s, i.EndDate })
            .Take(500)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var review in done)
        {
            var key = review.Sample.ReviewInstanceKey!.Value;
            var variables = await CaseFacts.ReadVariablesAsync(db, key, cancellationToken).ConfigureAwait(false);
            var redLines = variables["redLines"] is FeelList list ? list.Items.OfType<FeelString>().Select(s => s.Value).Distinct(StringComparer.Ordinal).ToList() : [];
            review.Sample.ReviewedAt = review.EndDate?.ToUniversalTime();
            review.Sample.Score = variables["score"] is FeelNumber score ? Math.Round((double)score.Value, 1) : null;
            review.Sample.RedLines = string.Join(',', redLines);
            review.Sample.RedLineCount = redLines.Count;
            review.Sample.Reviewer = await db.UserTasks.AsNoTracking().Where(t => t.ProcessInstanceKey == key && t.State == "COMPLETED")
                .OrderByDescending(t => t.CompletionDate).Select(t => t.Assignee).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }

        return done.Count;
    }

    private async Task<Dictionary<string, FeelValue>> ReviewVariablesAsync(OrchestratorDbContext db, QualitySampleRow sample, CancellationToken cancellationToken)
    {
        var task = await db.UserTasks.AsNoTracking().Where(t => t.Key == sample.UserTaskKey).Select(t => new { t.Name, t.FormKey, t.ProcessDefinitionKey })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var schema = task?.FormKey is { } formKey
            ? await db.Forms.AsNoTracking().Where(f => f.Key == formKey).Select(f => f.Schema).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;
        var variables = await CaseFacts.ReadVariablesAsync(db, sample.ProcessInstanceKey, cancellationToken).ConfigureAwait(false);
        var input = FormKeys(schema).Distinct(StringComparer.Ordinal).ToDictionary(k => k, k => variables[k], StringComparer.Ordinal);
        var reference = task is null ? null : host.Engine.Store.Definitions.GetByKey(task.ProcessDefinitionKey)?.Model.Tracking?.Reference is { } expression
            ? CaseVariables.TextOf(expression.Evaluate(variables.Scope).Value)
            : null;
        return ReviewStart.Variables(sample, task?.Name ?? sample.ElementId, reference,
            sample.AgentGroup is { } group ? options.Value.TeamLeads.GetValueOrDefault(group) : null, input);
    }

    // The keys of a form-js schema's fields, nested groups included.
    private static IEnumerable<string> FormKeys(string? schema)
    {
        if (schema is null)
        {
            yield break;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(schema);
        }
        catch (JsonException)
        {
            yield break;
        }

        using (document)
        {
            var stack = new Stack<JsonElement>([document.RootElement]);
            while (stack.TryPop(out var element))
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                if (element.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String && key.GetString() is { Length: > 0 } name)
                {
                    yield return name;
                }

                if (element.TryGetProperty("components", out var children) && children.ValueKind == JsonValueKind.Array)
                {
                    foreach (var child in children.EnumerateArray())
                    {
                        stack.Push(child);
                    }
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} quality samples wait for a review, but process {ProcessId} is not deployed")]
    private partial void LogNoReviewProcess(int count, string processId);
}
