using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Orchestrator.Feel;
using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// What <c>orchestrator feel</c> does, apart from argument parsing: evaluate one expression or a
/// JSON Lines batch and write the results as JSON. A result is an error only when the expression
/// does not parse, the input line is malformed, or a Camunda <c>assert</c> fails; every other
/// outcome, FEEL null included, is a value, as DMN says invalid operations give null.
/// </summary>
internal sealed class FeelEvaluator(TimeProvider clock)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly FeelEngine _engine = new(new FeelEngineOptions { Clock = clock });

    /// <summary>Evaluates one expression, writes the value as one JSON line; syntax errors and warnings go to <paramref name="error"/>.</summary>
    /// <returns>0 on success, 1 when the expression or the context is invalid.</returns>
    public int EvaluateOne(string expression, string? contextJson, Stream output, TextWriter error)
    {
        if (!TryVariables(contextJson, null, out var variables, out var problem))
        {
            error.WriteLine(problem);
            return 1;
        }

        if (!_engine.TryParse(expression, out var compiled, out var syntaxError))
        {
            error.WriteLine($"syntax error at {syntaxError}");
            return 1;
        }

        var result = compiled.Evaluate(variables);
        foreach (var warning in result.Warnings)
        {
            error.WriteLine($"warning: {warning}");
        }

        if (Failure(result) is { } failure)
        {
            error.WriteLine(failure);
            return 1;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            FeelJson.Write(writer, result.Value);
        }

        output.Write(buffer.WrittenSpan);
        output.Write(NewLine);
        output.Flush();
        return 0;
    }

    /// <summary>
    /// Evaluates every line of <paramref name="input"/> (JSON objects with <c>id</c>, <c>expression</c>,
    /// optional <c>context</c> and <c>contextExpression</c>) and writes one result line for each, in order.
    /// A bad line yields an error line and the batch goes on; blank lines are skipped.
    /// </summary>
    /// <returns>0, even when some lines failed: the failures are in the output.</returns>
    public async Task<int> RunBatchAsync(TextReader input, Stream output, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        await using var stream = new BufferedStream(output, 1 << 16);
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            WriteResult(writer, line);
            writer.Flush();
            buffer.Write(NewLine);
            await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
        }

        await stream.FlushAsync(cancellationToken);
        return 0;
    }

    private void WriteResult(Utf8JsonWriter writer, string line)
    {
        writer.WriteStartObject();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            writer.WriteString("error", $"the line is not valid JSON: {ex.Message}");
            writer.WriteEndObject();
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                writer.WriteString("error", "the line must be a JSON object");
                writer.WriteEndObject();
                return;
            }

            if (root.TryGetProperty("id", out var id))
            {
                writer.WritePropertyName("id");
                id.WriteTo(writer);
            }

            if (Evaluate(root) is { } error)
            {
                writer.WriteString("error", error);
            }

            writer.WriteEndObject();
        }

        // Evaluate writes the type and value itself on success; this local keeps the object shape in one place.
        string? Evaluate(JsonElement request)
        {
            if (!request.TryGetProperty("expression", out var expression) || expression.ValueKind != JsonValueKind.String)
            {
                return "'expression' is missing or not a string";
            }

            var contextJson = request.TryGetProperty("context", out var context) && context.ValueKind != JsonValueKind.Null ? context.GetRawText() : null;
            string? contextExpression = null;
            if (request.TryGetProperty("contextExpression", out var ce) && ce.ValueKind != JsonValueKind.Null)
            {
                if (ce.ValueKind != JsonValueKind.String)
                {
                    return "'contextExpression' must be a string";
                }

                contextExpression = ce.GetString();
            }

            if (!TryVariables(contextJson, contextExpression, out var variables, out var problem))
            {
                return problem;
            }

            if (!_engine.TryParse(expression.GetString()!, out var compiled, out var syntaxError))
            {
                return $"syntax error at {syntaxError}";
            }

            var result = compiled.Evaluate(variables);
            if (Failure(result) is { } failure)
            {
                return failure;
            }

            writer.WriteString("type", result.Value.TypeName);
            writer.WritePropertyName("value");
            FeelJson.Write(writer, result.Value);
            return null;
        }
    }

    /// <summary>The variables: the JSON context's entries, then the context expression's entries, which win on a clash.</summary>
    private bool TryVariables(string? contextJson, string? contextExpression, out FeelContext variables, out string? problem)
    {
        variables = FeelContext.Empty;
        problem = null;
        if (contextJson is not null)
        {
            FeelValue parsed;
            try
            {
                parsed = FeelJson.FromJson(contextJson);
            }
            catch (JsonException ex)
            {
                problem = $"the context is not valid JSON: {ex.Message}";
                return false;
            }

            if (parsed is not FeelContext json)
            {
                problem = $"the context must be a JSON object but is {parsed.TypeName}";
                return false;
            }

            variables = json;
        }

        if (contextExpression is null)
        {
            return true;
        }

        if (!_engine.TryParse(contextExpression, out var compiled, out var syntaxError))
        {
            problem = $"contextExpression: syntax error at {syntaxError}";
            return false;
        }

        if (compiled.Evaluate(variables).Value is not FeelContext typed)
        {
            problem = "contextExpression must evaluate to a context";
            return false;
        }

        var merged = new OrderedDictionary<string, FeelValue>(StringComparer.Ordinal);
        foreach (var (key, value) in variables.Entries)
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
}
