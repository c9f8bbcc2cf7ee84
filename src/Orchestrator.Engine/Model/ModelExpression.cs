using Orchestrator.Feel;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Model;

/// <summary>
/// A value from a BPMN attribute: a FEEL expression when it starts with <c>=</c> (parsed once at
/// deployment), otherwise a literal string.
/// </summary>
public sealed class ModelExpression
{
    private ModelExpression(string text, FeelExpression? feel)
    {
        Text = text;
        Feel = feel;
    }

    /// <summary>The attribute value as written.</summary>
    public string Text { get; }

    /// <summary>The parsed expression, or null for a literal.</summary>
    public FeelExpression? Feel { get; }

    /// <summary>True when the value is a FEEL expression.</summary>
    public bool IsExpression => Feel is not null;

    /// <summary>The literal value (for a literal only).</summary>
    public string Literal => Text;

    /// <summary>Parses an attribute value; false with the syntax error when the FEEL does not parse.</summary>
    public static bool TryCreate(string text, FeelEngine feel, out ModelExpression? expression, out string? error)
    {
        error = null;
        var trimmed = text.TrimStart();
        if (!trimmed.StartsWith('='))
        {
            expression = new ModelExpression(text, null);
            return true;
        }

        if (feel.TryParse(trimmed[1..], out var compiled, out var syntaxError))
        {
            expression = new ModelExpression(text, compiled);
            return true;
        }

        expression = null;
        error = $"invalid FEEL expression '{trimmed[1..]}': {syntaxError}";
        return false;
    }

    /// <summary>Evaluates against variables; a literal evaluates to itself as a string.</summary>
    public FeelResult Evaluate(IFeelScope variables) => Feel is null ? new FeelResult(new FeelString(Text), []) : Feel.Evaluate(variables);

    /// <inheritdoc />
    public override string ToString() => Text;
}
