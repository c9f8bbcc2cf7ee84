using System.Text.Json;
using Orchestrator.Feel;
using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// What <c>orchestrator feel</c> does, apart from argument parsing: evaluate one expression or a
/// JSON Lines batch and write the results as JSON. A result is an error only when the expression
/// does not parse, the input is malformed, a Camunda <c>assert</c> fails, or the value cannot be
/// written as JSON; every other outcome, FEEL null included, is a value, as DMN and feel-scala make
/// an invalid operation give null (with warnings) rather than fail.
/// </summary>
internal sealed class FeelEvaluator(TimeProvider clock)
{
    private readonly FeelEngine _engine = new(new FeelEngineOptions { Clock = clock });

    /// <summary>Evaluates one expression, writes the value as one JSON line; errors and warnings go to <paramref name="error"/>.</summary>
    /// <returns>0 on success, 1 when the expression, the context or the value is unusable.</returns>
    public int EvaluateOne(string expression, string? contextJson, Stream output, TextWriter error)
    {
        FeelContext? json = null;
        if (contextJson is not null && ParseContext(contextJson, out json) is { } contextProblem)
        {
            error.WriteLine(contextProblem);
            return 1;
        }

        if (!_engine.TryParse(expression, out var compiled, out var syntaxError))
        {
            error.WriteLine($"syntax error at {syntaxError}");
            return 1;
        }

        var result = compiled.Evaluate(json);
        foreach (var warning in result.Warnings)
        {
            error.WriteLine($"warning: {warning}");
        }

        if (Failure(result) is { } failure)
        {
            error.WriteLine(failure);
            return 1;
        }

        return JsonLines.WriteValue(result.Value, output, error);
    }

    /// <summary>
    /// Evaluates every line of <paramref name="input"/> (JSON objects with <c>id</c>, <c>expression</c>,
    /// optional <c>context</c> and <c>contextExpression</c>) and writes one result line for each, in order.
    /// A bad line yields an error line and the batch goes on; blank lines are skipped.
    /// </summary>
    /// <returns>0, even when some lines failed: the failures are in the output.</returns>
    public Task<int> RunBatchAsync(TextReader input, Stream output, CancellationToken cancellationToken) =>
        JsonLines.RunAsync(input, output, Evaluate, default, cancellationToken);

    private string? Evaluate(JsonElement request, out FeelValue value)
    {
        value = FeelNull.Instance;
        if (!request.TryGetProperty("expression", out var expression) || expression.ValueKind != JsonValueKind.String)
        {
            return "'expression' is missing or not a string";
        }

        FeelContext? json = null;
        if (request.TryGetProperty("context", out var context) && ReadContext(context, out json) is { } contextProblem)
        {
            return contextProblem;
        }

        var variables = json;
        if (request.TryGetProperty("contextExpression", out var contextExpression) && contextExpression.ValueKind != JsonValueKind.Null)
        {
            if (contextExpression.ValueKind != JsonValueKind.String)
            {
                return "'contextExpression' must be a string";
            }

            if (!TryEvaluateContext(contextExpression.GetString()!, json, out variables, out var problem))
            {
                return problem;
            }
        }

        if (!_engine.TryParse(expression.GetString()!, out var compiled, out var syntaxError))
        {
            return $"syntax error at {syntaxError}";
        }

        var result = compiled.Evaluate(variables);
        value = result.Value;
        return Failure(result);
    }

    internal static string? ParseContext(string contextJson, out FeelContext? context)
    {
        context = null;
        try
        {
            using var document = JsonDocument.Parse(contextJson);
            return ReadContext(document.RootElement, out context);
        }
        catch (JsonException ex)
        {
            return $"the context is not valid JSON: {ex.Message}";
        }
    }

    /// <summary>The variables a JSON context gives (none for JSON null), or why it gives none.</summary>
    internal static string? ReadContext(JsonElement element, out FeelContext? context)
    {
        context = null;
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Object:
                try
                {
                    context = (FeelContext)FeelJson.FromJson(element);
                    return null;
                }
                catch (FeelLimitException ex)
                {
                    return $"the context is too large: {ex.Message}";
                }

            default:
                return $"the context must be a JSON object but is {JsonKind(element)}";
        }
    }

    /// <summary>The variables: the JSON context's entries, then the context expression's entries, which win on a clash.</summary>
    internal bool TryEvaluateContext(string contextExpression, FeelContext? json, out FeelContext? variables, out string? problem)
    {
        variables = json;
        problem = null;
        if (!_engine.TryParse(contextExpression, out var compiled, out var syntaxError))
        {
            problem = $"contextExpression: syntax error at {syntaxError}";
            return false;
        }

        var result = compiled.Evaluate(json);
        if (result.Value is not FeelContext typed)
        {
            problem = $"contextExpression must evaluate to a context but gave {result.Value.TypeName}";
            return false;
        }

        if (json is null || json.Count == 0)
        {
            variables = typed;
            return true;
        }

        var merged = new OrderedDictionary<string, FeelValue>(StringComparer.Ordinal);
        foreach (var (key, value) in json.Entries)
        {
            merged[key] = value;
        }

        foreach (var (key, value) in typed.Entries)
        {
            merged[key] = value;
        }

        variables = new FeelContext(merged);
        return true;
    }

    private static string? Failure(FeelResult result)
    {
        var failed = result.Warnings.Where(w => w.Kind == FeelWarningKind.AssertionFailure).Select(w => w.Message).ToList();
        return failed.Count > 0 ? "assertion failed: " + string.Join("; ", failed) : null;
    }

    private static string JsonKind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "a boolean",
    };
}
