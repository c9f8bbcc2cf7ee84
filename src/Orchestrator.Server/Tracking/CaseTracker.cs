using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Tracking;
using Orchestrator.Feel.Values;
using Orchestrator.Persistence;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Tracking;

/// <summary>
/// Finds a case by its tracking token and shows it as its customer may see it: the steps its process declares, their
/// labels in the case's language, the reference, expected end and refund the process declares — nothing else of it.
/// </summary>
public sealed class CaseTracker(EngineHost host)
{
    /// <summary>How many characters of a variable's JSON value the tracking token index covers (a token's is 34).</summary>
    public const int TokenIndexLength = 64;

    /// <summary>The variable that holds a case's language (<c>en</c> when it has none).</summary>
    public const string LanguageVariable = "language";

    /// <summary>
    /// The case a token opens, or null. Every token — malformed, unknown or known — takes the same reads, so that the
    /// answer's timing does not tell them apart.
    /// </summary>
    /// <param name="db">The database.</param>
    /// <param name="token">The token from the link.</param>
    /// <param name="language">A language asked for instead of the case's, or null.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<CaseView?> FindAsync(OrchestratorDbContext db, string token, string? language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wellFormed = TrackingToken.IsWellFormed(token);

        // The token is the lookup: a read of the partial index on tracking tokens (migration TrackingTokens), the same read
        // for a malformed token (searching a value no token has) as for any other.
        var stored = JsonSerializer.Serialize(wellFormed ? token : string.Empty);
        var prefix = stored.Length > TokenIndexLength ? stored[..TokenIndexLength] : stored;

        // The reads see one moment: a step that ended after the instance's row was read would otherwise show beside a state
        // that says the case is still open, or the steps of a finished case as to come.
        var snapshot = await ReadSnapshot.BeginAsync(db, cancellationToken).ConfigureAwait(false);
        await using var reading = snapshot.ConfigureAwait(false);
        var found = await db.Variables.FromSql(
                $"SELECT * FROM variables WHERE \"Name\" = 'trackingToken' AND substr(\"Value\", 1, 64) = {prefix}")
            .AsNoTracking()
            .Where(v => v.Value == stored && v.ScopeKey == v.ProcessInstanceKey)
            .OrderBy(v => v.ProcessInstanceKey)
            .Select(v => (long?)v.ProcessInstanceKey)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var key = found ?? 0;
        var variables = await db.Variables.AsNoTracking().Where(v => v.ScopeKey == key).Select(v => new { v.Name, v.Value })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var instance = await db.ProcessInstances.AsNoTracking().Where(i => i.Key == key)
            .Select(i => new { i.ProcessDefinitionKey, i.State, i.StartDate, i.EndDate }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var elements = await db.ElementInstances.AsNoTracking().Where(e => e.ProcessInstanceKey == key && e.Key != key).OrderBy(e => e.Key)
            .Select(e => new ElementSnapshot(e.Key, e.ElementId, e.State, e.StartDate, e.EndDate)).ToListAsync(cancellationToken).ConfigureAwait(false);

        var values = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        foreach (var variable in variables)
        {
            values[variable.Name] = StoredValues.Read(variable.Value);
        }

        var model = instance is null ? null : host.Engine.Store.Definitions.GetByKey(instance.ProcessDefinitionKey)?.Model;
        if (found is null || instance is null || model?.Tracking is not { } tracking)
        {
            return null;
        }

        var scope = new FeelContext(values);
        var lang = language ?? (values.GetValueOrDefault(LanguageVariable) is FeelString { Value.Length: > 0 } l ? l.Value : CaseTracking.DefaultLanguage);
        var ended = instance.State != "ACTIVE";
        var progress = CaseProgress.Of(model, elements, ended, lang, scope);

        // A case that passed its steps and has none to come is done for its customer, though its process may still wait for
        // what no step shows (a survey after the outcome is told): "completed", or the page would contradict its own steps.
        var settled = !ended && progress.Count > 0 && progress.All(p => p.State == StepState.Done);
        var state = instance.State switch
        {
            "ACTIVE" when !settled => "in-progress",
            "ACTIVE" or "COMPLETED" => "completed",
            _ => "cancelled",
        };
        var steps = progress.Select(p => new StepView(p.Key, p.Label, p.State.ToString().ToLowerInvariant(), p.At)).ToList();
        var updated = elements.Select(e => e.EndDate ?? e.StartDate).Append(instance.EndDate ?? instance.StartDate).Max();
        var title = tracking.Title.In(lang);
        return new CaseView(
            tracking.CaseType,
            title.Length > 0 ? title : TrackingTexts.For(lang).DefaultTitle,
            Text(tracking.Reference?.Evaluate(scope).Value),
            state,
            lang,
            steps,
            state == "in-progress" ? FeelInstants.Of(tracking.Eta?.Evaluate(scope).Value) : null,
            Refund(tracking.Refund?.Evaluate(scope).Value),
            updated);
    }

    private static string? Text(FeelValue? value) => value switch
    {
        FeelString { Value.Length: > 0 } s => s.Value,
        FeelNumber n => n.Value.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static RefundView? Refund(FeelValue? value) => value switch
    {
        FeelNumber n => new RefundView(n.Value, null),
        FeelContext c when c["amount"] is FeelNumber amount => new RefundView(amount.Value, c["currency"] is FeelString currency ? currency.Value : null),
        _ => null,
    };
}
