using System.Text.Json;
using Orchestrator.Dmn;
using Orchestrator.Feel;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// What <c>orchestrator dmn</c> and <c>orchestrator decide</c> do: evaluate decisions of DMN models, one or a JSON Lines batch,
/// with results written as <c>orchestrator feel</c> writes them. Models are read and parsed once per distinct list of files.
/// </summary>
internal sealed class DmnRunner(TimeProvider clock)
{
    private readonly FeelEvaluator _feel = new(clock);
    private readonly DmnEngine _dmn = new(new FeelEngine(new FeelEngineOptions { Clock = clock }));
    private readonly Dictionary<string, (DmnModelSet? Set, string? Problem)> _sets = new(StringComparer.Ordinal);

    /// <summary>Evaluates one decision and writes its value as one JSON line; problems and warnings go to <paramref name="error"/>.</summary>
    /// <returns>0 on success, 1 when the model, the context or the evaluation fails.</returns>
    public int DecideOne(IReadOnlyList<string> models, string decision, string? contextJson, Stream output, TextWriter error)
    {
        FeelContext? variables = null;
        if (contextJson is not null && FeelEvaluator.ParseContext(contextJson, out variables) is { } contextProblem)
        {
            error.WriteLine(contextProblem);
            return 1;
        }

        var (set, problem) = Load(models);
        if (set is null)
        {
            error.WriteLine(problem);
            return 1;
        }

        DmnDecisionResult result;
        try
        {
            result = set.Evaluate(null, decision, variables);
        }
        catch (DmnEvaluationException ex)
        {
            error.WriteLine(ex.Message);
            return 1;
        }

        foreach (var warning in result.Warnings)
        {
            error.WriteLine($"warning: {warning}");
        }

        return JsonLines.WriteValue(result.Value, output, error);
    }

    /// <summary>
    /// Evaluates every line of <paramref name="input"/> (<c>id</c>, <c>models</c>, <c>model</c>, <c>decision</c>, optional
    /// <c>context</c> and <c>contextExpression</c>) and writes one result line for each, in order; a bad line gives an error line.
    /// </summary>
    public Task<int> RunBatchAsync(TextReader input, Stream output, CancellationToken cancellationToken) =>
        JsonLines.RunAsync(input, output, Decide, FeelJson.ReaderOptions, cancellationToken);

    private string? Decide(JsonElement request, out FeelValue value)
    {
        value = FeelNull.Instance;
        if (!request.TryGetProperty("models", out var modelsElement) || modelsElement.ValueKind != JsonValueKind.Array ||
            modelsElement.EnumerateArray().Any(m => m.ValueKind != JsonValueKind.String) || modelsElement.GetArrayLength() == 0)
        {
            return "'models' must be a non-empty array of file paths";
        }

        if (!request.TryGetProperty("decision", out var decision) || decision.ValueKind != JsonValueKind.String)
        {
            return "'decision' is missing or not a string";
        }

        string? model = null;
        if (request.TryGetProperty("model", out var modelElement) && modelElement.ValueKind != JsonValueKind.Null)
        {
            if (modelElement.ValueKind != JsonValueKind.String)
            {
                return "'model' must be a string (a namespace or a file name)";
            }

            model = modelElement.GetString();
        }

        FeelContext? variables = null;
        if (request.TryGetProperty("context", out var context) && FeelEvaluator.ReadContext(context, out variables) is { } contextProblem)
        {
            return contextProblem;
        }

        if (request.TryGetProperty("contextExpression", out var contextExpression) && contextExpression.ValueKind != JsonValueKind.Null)
        {
            if (contextExpression.ValueKind != JsonValueKind.String)
            {
                return "'contextExpression' must be a string";
            }

            if (!_feel.TryEvaluateContext(contextExpression.GetString()!, variables, out variables, out var problem))
            {
                return problem;
            }
        }

        var (set, loadProblem) = Load([.. modelsElement.EnumerateArray().Select(m => m.GetString()!)]);
        if (set is null)
        {
            return loadProblem;
        }

        try
        {
            value = set.Evaluate(model, decision.GetString()!, variables).Value;
            return null;
        }
        catch (DmnEvaluationException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>The models in these files, parsed together (once per distinct list), or why they cannot be used.</summary>
    private (DmnModelSet? Set, string? Problem) Load(IReadOnlyList<string> files)
    {
        var key = string.Join('\n', files);
        if (_sets.TryGetValue(key, out var known))
        {
            return known;
        }

        var sources = new List<DmnSource>();
        (DmnModelSet?, string?) loaded;
        try
        {
            sources.AddRange(files.Select(f => new DmnSource(Path.GetFileName(f), File.ReadAllText(f))));
            loaded = (_dmn.ParseTolerant(sources, out _), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            loaded = (null, $"cannot read the models: {ex.Message}");
        }
        catch (DmnValidationException ex)
        {
            loaded = (null, "the models are not valid: " + string.Join("; ", ex.Problems));
        }

        _sets[key] = loaded;
        return loaded;
    }
}
