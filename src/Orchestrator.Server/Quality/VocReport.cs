using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;

namespace Orchestrator.Server.Quality;

/// <summary>
/// <c>GET /api/voc/report</c>: the voice of the customer — cases opened in the period counted by reason, SKU, category,
/// carrier, supplier or country, each against the period before, and the top movers: the (reason, value) pairs whose count
/// changed most (for <c>by=reason</c>, the reasons themselves).
/// </summary>
public static class VocReport
{
    /// <summary>The groupings <c>by</c> takes.</summary>
    public static readonly string[] Groupings = ["reason", "sku", "category", "carrier", "supplier", "country"];

    private const string None = "(none)";
    private const int MoverCount = 5;

    public static async Task<VocResponse> ComputeAsync(
        OrchestratorDbContext db, ReportWindow window, string by, ReportFilter? filter, int moverMinimum, Func<string, string> reasonLabel, CancellationToken ct)
    {
        var previous = window.Previous;
        var key = Key(by);
        var current = await CountAsync(db, window, filter, key, ct).ConfigureAwait(false);
        var before = await CountAsync(db, previous, filter, key, ct).ConfigureAwait(false);
        var total = current.Values.Sum();
        var previousTotal = before.Values.Sum();
        string Label(string value) => by == "reason" && value != None ? reasonLabel(value) : value;
        var rows = current.Keys.Union(before.Keys).Select(k =>
            {
                var count = current.GetValueOrDefault(k);
                var was = before.GetValueOrDefault(k);
                return new VocRow(k, Label(k), count, KpiReport.Percent(count, total) ?? 0, was, Change(count, was));
            })
            .OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();

        List<VocMover> movers;
        if (by == "reason")
        {
            movers = [.. rows.Where(r => r.Key != None).Select(r => Mover(r.Key, null, r.Count, r.PreviousCount))];
        }
        else
        {
            var pairs = await PairsAsync(db, window, filter, key, ct).ConfigureAwait(false);
            var earlier = await PairsAsync(db, previous, filter, key, ct).ConfigureAwait(false);
            movers = [.. pairs.Keys.Union(earlier.Keys).Where(p => p.Value != None)
                .Select(p => Mover(p.Reason, p.Value, pairs.GetValueOrDefault(p), earlier.GetValueOrDefault(p)))];
        }

        var top = movers.Where(m => Math.Max(m.Count, m.PreviousCount) >= moverMinimum && m.Count != m.PreviousCount)
            .OrderByDescending(m => Math.Abs(m.Count - m.PreviousCount) * (1 + Math.Abs(m.ChangePercent ?? 100) / 100))
            .ThenBy(m => m.Reason, StringComparer.Ordinal).ThenBy(m => m.Key, StringComparer.Ordinal)
            .Take(MoverCount).ToList();
        return new VocResponse(window.From, window.To, previous.From, previous.To, by, total, previousTotal, rows, top);

        VocMover Mover(string reason, string? value, int count, int was)
        {
            var change = Change(count, was);
            var label = reasonLabel(reason);
            var subject = value is null ? label : $"{label} with {by} {value}";
            var text = was == 0
                ? $"{subject}: {count} new against none in the previous period"
                : count == 0
                    ? $"{subject}: none against {was} in the previous period"
                    : $"{subject} {(count > was ? "up" : "down")} {Math.Abs(change!.Value).ToString("0.#", CultureInfo.InvariantCulture)}% against the previous period ({was} → {count})";
            return new VocMover(reason, label, by, value ?? reason, count, was, change, text);
        }
    }

    private static double? Change(int count, int was) => was == 0 ? null : Math.Round(100.0 * (count - was) / was, 1);

    private static Expression<Func<CaseFactRow, string?>> Key(string by) => by switch
    {
        "reason" => f => f.ReasonCode,
        "sku" => f => f.Sku,
        "category" => f => f.Category,
        "carrier" => f => f.Carrier,
        "supplier" => f => f.Supplier,
        _ => f => f.Country,
    };

    private static IQueryable<CaseFactRow> Opened(OrchestratorDbContext db, ReportWindow window, ReportFilter? filter)
    {
        var cases = db.CaseFacts.AsNoTracking().Where(f => f.StartedAt >= window.From && f.StartedAt < window.To);
        return filter is null ? cases : filter.Cases(db, cases);
    }

    private static async Task<Dictionary<string, int>> CountAsync(
        OrchestratorDbContext db, ReportWindow window, ReportFilter? filter, Expression<Func<CaseFactRow, string?>> key, CancellationToken ct)
    {
        var counts = await Opened(db, window, filter).GroupBy(key).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        return counts.GroupBy(c => c.Key ?? None, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Count), StringComparer.Ordinal);
    }

    private static async Task<Dictionary<(string Reason, string Value), int>> PairsAsync(
        OrchestratorDbContext db, ReportWindow window, ReportFilter? filter, Expression<Func<CaseFactRow, string?>> key, CancellationToken ct)
    {
        var withReason = Opened(db, window, filter).Where(f => f.ReasonCode != null);
        var parameter = key.Parameters[0];
        var pair = Expression.Lambda<Func<CaseFactRow, ReasonPair>>(
            Expression.MemberInit(
                Expression.New(typeof(ReasonPair)),
                Expression.Bind(typeof(ReasonPair).GetProperty(nameof(ReasonPair.Reason))!, Expression.Property(parameter, nameof(CaseFactRow.ReasonCode))),
                Expression.Bind(typeof(ReasonPair).GetProperty(nameof(ReasonPair.Value))!, key.Body)),
            parameter);
        var counts = await withReason.GroupBy(pair).Select(g => new { g.Key.Reason, g.Key.Value, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        return counts.GroupBy(c => (c.Reason!, c.Value ?? None)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
    }

    private sealed class ReasonPair
    {
        public string? Reason { get; init; }
        public string? Value { get; init; }
    }
}

public sealed record VocRow(string Key, string Label, int Count, double SharePercent, int PreviousCount, double? ChangePercent);

public sealed record VocMover(
    string Reason, string ReasonLabel, string By, string Key, int Count, int PreviousCount, double? ChangePercent, string Text);

public sealed record VocResponse(
    DateTimeOffset From, DateTimeOffset To, DateTimeOffset PreviousFrom, DateTimeOffset PreviousTo, string By, int Total, int PreviousTotal,
    IReadOnlyList<VocRow> Rows, IReadOnlyList<VocMover> Movers);
