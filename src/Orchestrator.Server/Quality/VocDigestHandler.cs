using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Orchestrator.Engine;
using Orchestrator.Feel.Values;
using Orchestrator.Persistence;
using Orchestrator.Server.Hosting;
using Orchestrator.Workers;

namespace Orchestrator.Server.Quality;

/// <summary>
/// The in-process worker of <c>voc.digest</c> (the shipped <c>voc-digest</c> process runs it every week): the voice of the
/// customer over the last <c>days</c> (input, default 7) against the period before — cases by reason and the top movers by
/// carrier, SKU and supplier — as variables <c>digest</c> (a context) and <c>digestText</c> (plain lines for a message).
/// </summary>
public sealed class VocDigestHandler(OrchestratorDatabase database, ControllableClock clock, VocReasonLabels labels, IOptions<QualityOptions> options) : IJobHandler
{
    private static readonly string[] MoverDimensions = ["carrier", "sku", "supplier"];

    public string Type => "voc.digest";

    public async Task<IReadOnlyDictionary<string, FeelValue>?> HandleAsync(ActivatedJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var days = job.Variables.GetValueOrDefault("days") is FeelNumber { Value: > 0 and <= 366 } n ? (int)n.Value : 7;
        var now = clock.GetUtcNow();
        var window = new ReportWindow(now.AddDays(-days).ToUniversalTime(), now.ToUniversalTime());
        await using var db = database.CreateContext();
        string Label(string code) => labels.Label(code, "en");
        var reasons = await VocReport.ComputeAsync(db, window, "reason", null, options.Value.MoverMinimumCount, Label, cancellationToken).ConfigureAwait(false);
        var movers = new List<VocMover>();
        foreach (var by in MoverDimensions)
        {
            movers.AddRange((await VocReport.ComputeAsync(db, window, by, null, options.Value.MoverMinimumCount, Label, cancellationToken).ConfigureAwait(false)).Movers);
        }

        var top = movers.OrderByDescending(m => Math.Abs(m.Count - m.PreviousCount)).ThenBy(m => m.Text, StringComparer.Ordinal).Take(5).ToList();
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{reasons.Total} cases in the last {days} days ({reasons.PreviousTotal} the {days} days before).").Append('\n');
        foreach (var row in reasons.Rows.Take(5))
        {
            text.Append(CultureInfo.InvariantCulture, $"- {row.Label}: {row.Count} ({row.SharePercent.ToString("0.#", CultureInfo.InvariantCulture)}%)").Append('\n');
        }

        text.Append(top.Count == 0 ? "No mover stands out." : "Top movers:").Append('\n');
        foreach (var mover in top)
        {
            text.Append("- ").Append(mover.Text).Append('\n');
        }

        return new Dictionary<string, FeelValue>(StringComparer.Ordinal)
        {
            ["digest"] = new FeelContext(new Dictionary<string, FeelValue>(StringComparer.Ordinal)
            {
                ["from"] = new FeelString(window.From.ToString("O", CultureInfo.InvariantCulture)),
                ["to"] = new FeelString(window.To.ToString("O", CultureInfo.InvariantCulture)),
                ["total"] = new FeelNumber(reasons.Total),
                ["previousTotal"] = new FeelNumber(reasons.PreviousTotal),
                ["reasons"] = new FeelList(reasons.Rows.Take(10).Select(r => (FeelValue)new FeelContext(new Dictionary<string, FeelValue>(StringComparer.Ordinal)
                {
                    ["code"] = new FeelString(r.Key), ["label"] = new FeelString(r.Label), ["count"] = new FeelNumber(r.Count),
                })).ToArray()),
                ["movers"] = new FeelList(top.Select(m => (FeelValue)new FeelString(m.Text)).ToArray()),
            }),
            ["digestText"] = new FeelString(text.ToString().TrimEnd()),
        };
    }
}
