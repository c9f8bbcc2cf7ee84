using System.Buffers;
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
    private static readonly byte[] NewLine = "\n"u8.ToArray();

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

        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            using var writer = new Utf8JsonWriter(buffer, FeelEvaluator.WriterOptions);
            FeelJson.Write(writer, result.Value);
        }
        catch (InvalidOperationException ex)
        {
            error.WriteLine(FeelEvaluator.Unwritable(ex));
            return 1;
        }

        output.Write(buffer.WrittenSpan);
        output.Write(NewLine);
        output.Flush();
        return 0;
    }

    /// <summary>
    /// Evaluates every line of <paramref name="input"/> (<c>id</c>, <c>models</c>, <c>model</c>, <c>decision</c>, optional
    /// <c>context</c> and <c>contextExpression</c>) and writes one result line for each, in order; a bad line gives an error line.
    /// </summary>
    public async Task<int> RunBatchAsync(TextReader input, Stream output, CancellationToken cancellationToken)
    {
        var line = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(line, FeelEvaluator.WriterOptions);
        var stream = new BufferedStream(output, 1 << 16);
        while (await input.ReadLineAsync(cancellationToken) is { } text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            WriteResult(writer, line, text);
            writer.Flush();
            line.Write(NewLine);
            await stream.WriteAsync(line.WrittenMemory, cancellationToken);
            line.ResetWrittenCount();
            writer.Reset(line);
        }

        await stream.FlushAsync(cancellationToken);
        return 0;
    }

    private void WriteResult(Utf8JsonWriter writer, ArrayBufferWriter<byte> line, string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, FeelJson.ReaderOptions);
        }
        catch (JsonException ex)
        {
            FeelEvaluator.WriteError(writer, null, $"the line is not valid JSON: {ex.Message}");
            return;
        }

        using (document)
        {
            var request = document.RootElement;
            if (request.ValueKind != JsonValueKind.Object)
            {
                FeelEvaluator.WriteError(writer, null, "the line must be a JSON object");
                return;
            }

            if (Decide(request, out var value) is { } error)
            {
                FeelEvaluator.WriteError(writer, request, error);
                return;
            }

            try
            {
                writer.WriteStartObject();
                FeelEvaluator.WriteId(writer, request);
                writer.WriteString("type", value.TypeName);
                writer.WritePropertyName("value");
                FeelJson.Write(writer, value);
                writer.WriteEndObject();
            }
            catch (InvalidOperationException ex)
            {
                writer.Reset();
                line.ResetWrittenCount();
                FeelEvaluator.WriteError(writer, request, FeelEvaluator.Unwritable(ex));
            }
        }
    }

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
