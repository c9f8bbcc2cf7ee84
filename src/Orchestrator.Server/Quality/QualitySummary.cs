using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;

namespace Orchestrator.Server.Quality;

/// <summary><c>GET /api/quality/summary</c>: tasks sampled in the period per agent, group or process — reviewed, average score, red lines found.</summary>
public static class QualitySummary
{
    /// <summary>The groupings <c>by</c> takes.</summary>
    public static readonly string[] Groupings = ["agent", "group", "process"];

    private const string None = "(none)";

    public static async Task<QualitySummaryResponse> ComputeAsync(
        OrchestratorDbContext db, ReportWindow window, string by, ReportFilter? filter, string? onlyAgent, CancellationToken ct)
    {
        var samples = db.QualitySamples.AsNoTracking().Where(s => s.SampledAt >= window.From && s.SampledAt < window.To);
        if (filter is not null)
        {
            samples = filter.Samples(db, samples);
        }

        if (onlyAgent is not null)
        {
            // An agent's summary is of their own samples alone, totals included.
            samples = samples.Where(s => s.Agent == onlyAgent);
        }

        Expression<Func<QualitySampleRow, string?>> key = by switch
        {
            "agent" => s => s.Agent,
            "group" => s => s.AgentGroup,
            _ => s => s.BpmnProcessId,
        };
        var groups = await samples.GroupBy(key)
            .Select(g => new Figures(g.Key, g.Count(), g.Count(s => s.ReviewedAt != null), g.Sum(s => s.Score), g.Count(s => s.Score != null), g.Sum(s => s.RedLineCount)))
            .ToListAsync(ct).ConfigureAwait(false);
        var rows = groups.GroupBy(g => g.Key ?? None, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g)).ToList();
        return new QualitySummaryResponse(window.From, window.To, by, rows, Row("all", groups));
    }

    private static QualityRow Row(string key, IEnumerable<Figures> figures)
    {
        var list = figures.ToList();
        var scored = list.Sum(f => f.Scored);
        return new QualityRow(key, key, list.Sum(f => f.Sampled), list.Sum(f => f.Reviewed),
            scored == 0 ? null : Math.Round(list.Sum(f => f.ScoreSum ?? 0) / scored, 1), list.Sum(f => f.RedLines));
    }

    private sealed record Figures(string? Key, int Sampled, int Reviewed, double? ScoreSum, int Scored, int RedLines);
}

public sealed record QualityRow(string Key, string Label, int Sampled, int Reviewed, double? AverageScore, int RedLineViolations);

public sealed record QualitySummaryResponse(DateTimeOffset From, DateTimeOffset To, string By, IReadOnlyList<QualityRow> Rows, QualityRow Totals);
