using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Orchestrator.Persistence;
using Orchestrator.Server.Auth;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Sla;

namespace Orchestrator.Server.Quality;

/// <summary>
/// The service-quality reports: <c>GET /api/kpis</c>, <c>GET /api/voc/report</c>, <c>GET /api/quality/summary</c>, each as
/// JSON or, with <c>format=csv</c>, as a CSV file (RFC 4180, one header line).
/// </summary>
public static class QualityApi
{
    public static RouteGroupBuilder MapQualityApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api").RequireAuthorization(AuthExtensions.ApiPolicy);
        api.MapGet("/kpis", async (string? from, string? to, string? by, string? processDefinitionId, string? group, string? channel, string? format,
            OrchestratorDbContext db, ControllableClock clock, SlaClock slaClock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var grouping = ReportWindow.Choice("by", by, "agent", KpiReport.Groupings);
            var csv = ReportWindow.Csv(format);
            var now = clock.GetUtcNow();
            var filter = ReportFilter.Parse(processDefinitionId, group, channel);
            var report = await KpiReport.ComputeAsync(db, ReportWindow.Parse(from, to, now), grouping, filter, ReportWindow.OnlyAgent(user),
                (definition, element) => slaClock.CalendarOfTask(definition, element)?.Name, now, ct)
                .ConfigureAwait(false);
            return csv
                ? (IResult)Csv($"kpis-by-{grouping}.csv", KpiColumns, [.. report.Rows, report.Totals])
                : TypedResults.Ok(report);
        }).RequirePermission(Permissions.DashboardRead);
        api.MapGet("/voc/report", async (string? from, string? to, string? by, string? processDefinitionId, string? group, string? channel, string? format, string? lang,
            OrchestratorDbContext db, ControllableClock clock, IOptions<QualityOptions> options, VocReasonLabels labels, CancellationToken ct) =>
        {
            var grouping = ReportWindow.Choice("by", by, "reason", VocReport.Groupings);
            if (lang is not null && !Orchestrator.Engine.Tracking.CaseTracking.IsLanguageTag(lang))
            {
                throw Api.ApiException.Invalid($"lang: '{lang}' is not a language tag (e.g. en, zh-CN)");
            }

            var csv = ReportWindow.Csv(format);
            var filter = ReportFilter.Parse(processDefinitionId, group, channel);
            var report = await VocReport.ComputeAsync(db, ReportWindow.Parse(from, to, clock.GetUtcNow()), grouping, filter,
                options.Value.MoverMinimumCount, code => labels.Label(code, lang), ct).ConfigureAwait(false);
            return csv ? (IResult)Csv($"voc-by-{grouping}.csv", VocColumns, report.Rows) : TypedResults.Ok(report);
        }).RequirePermission(Permissions.DashboardRead);
        api.MapGet("/quality/summary", async (string? from, string? to, string? by, string? processDefinitionId, string? group, string? channel, string? format,
            OrchestratorDbContext db, ControllableClock clock, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var grouping = ReportWindow.Choice("by", by, "agent", QualitySummary.Groupings);
            var csv = ReportWindow.Csv(format);
            var filter = ReportFilter.Parse(processDefinitionId, group, channel);
            var report = await QualitySummary.ComputeAsync(db, ReportWindow.Parse(from, to, clock.GetUtcNow()), grouping, filter,
                ReportWindow.OnlyAgent(user), ct).ConfigureAwait(false);
            return csv ? (IResult)Csv($"quality-by-{grouping}.csv", QualityColumns, [.. report.Rows, report.Totals]) : TypedResults.Ok(report);
        }).RequirePermission(Permissions.DashboardRead);
        return api;
    }

    private static readonly (string Header, Func<KpiRow, object?> Value)[] KpiColumns =
    [
        ("key", r => r.Key), ("cases", r => r.Cases), ("tasksCompleted", r => r.TasksCompleted), ("firstResponseMinutes", r => r.FirstResponseMinutes),
        ("handlingMinutes", r => r.HandlingMinutes), ("resolutionHours", r => r.ResolutionHours),
        ("firstContactResolutionPercent", r => r.FirstContactResolutionPercent), ("slaMet", r => r.SlaMet), ("slaBreached", r => r.SlaBreached),
        ("slaCompliancePercent", r => r.SlaCompliancePercent), ("reopenRatePercent", r => r.ReopenRatePercent), ("csatAverage", r => r.CsatAverage),
        ("csatResponses", r => r.CsatResponses), ("nps", r => r.Nps), ("npsResponses", r => r.NpsResponses), ("promoters", r => r.Promoters),
        ("passives", r => r.Passives), ("detractors", r => r.Detractors),
    ];

    private static readonly (string Header, Func<VocRow, object?> Value)[] VocColumns =
    [
        ("key", r => r.Key), ("label", r => r.Label), ("count", r => r.Count), ("sharePercent", r => r.SharePercent),
        ("previousCount", r => r.PreviousCount), ("changePercent", r => r.ChangePercent),
    ];

    private static readonly (string Header, Func<QualityRow, object?> Value)[] QualityColumns =
    [
        ("key", r => r.Key), ("sampled", r => r.Sampled), ("reviewed", r => r.Reviewed), ("averageScore", r => r.AverageScore),
        ("redLineViolations", r => r.RedLineViolations),
    ];

    /// <summary>Rows as CSV: quoted where needed, and text a spreadsheet would run as a formula prefixed with an apostrophe.</summary>
    public static string CsvText<T>((string Header, Func<T, object?> Value)[] columns, IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var text = new StringBuilder();
        text.AppendJoin(',', columns.Select(c => c.Header)).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', columns.Select(c => Field(c.Value(row)))).Append("\r\n");
        }

        return text.ToString();
    }

    private static Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult Csv<T>(string fileName, (string Header, Func<T, object?> Value)[] columns, IEnumerable<T> rows) =>
        TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(CsvText(columns, rows))).ToArray(), "text/csv; charset=utf-8", fileName);

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        if (value is string && text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
