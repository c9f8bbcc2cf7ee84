using System.Globalization;
using Orchestrator.Feel;
using Orchestrator.Server.Hosting;
using Orchestrator.Feel.Values;

namespace Orchestrator.Server.Quality;

/// <summary>A case's process variables as FEEL values, and the dimensions and figures the quality reports read from them.</summary>
public sealed class CaseVariables
{
    private readonly FeelContext _scope;

    public CaseVariables(IEnumerable<(string Name, string Json)> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var values = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        foreach (var (name, json) in variables)
        {
            values[name] = StoredValues.Read(json);
        }

        _scope = new FeelContext(values);
    }

    /// <summary>A variable, or FEEL null.</summary>
    public FeelValue this[string name] => _scope[name];

    /// <summary>The variables as one FEEL context.</summary>
    public FeelContext Scope => _scope;

    /// <summary>The text a FEEL expression gives over the variables (numbers in invariant form), or null (no value, or it failed).</summary>
    public string? Text(FeelExpression? expression) => TextOf(expression?.Evaluate(_scope).Value);

    /// <summary>A FEEL value as report text (strings cut at 200 characters, numbers in invariant form), or null.</summary>
    public static string? TextOf(FeelValue? value) => value switch
    {
        FeelString { Value.Length: > 0 } s => s.Value.Length > 200 ? s.Value[..200] : s.Value,
        FeelNumber n => n.Value.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>The number a FEEL expression gives, or null.</summary>
    public decimal? Number(FeelExpression? expression) => expression?.Evaluate(_scope).Value is FeelNumber n ? n.Value : null;

    /// <summary>A whole-number score variable within [min, max], or null (absent, not a number, out of range).</summary>
    public int? Score(string name, int min, int max) =>
        _scope[name] is FeelNumber { Value: var value } && value == decimal.Truncate(value) && value >= min && value <= max ? (int)value : null;
}
