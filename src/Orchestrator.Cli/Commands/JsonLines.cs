using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// What <c>orchestrator feel</c> and <c>orchestrator dmn</c> share: a JSON Lines batch (a file or <c>-</c>) answered line by line,
/// in order, with <c>{"id","type","value"}</c> or <c>{"id","error"}</c>, and a single value written as one JSON line.
/// </summary>
internal static class JsonLines
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>The value one request line asks for, or why there is none.</summary>
    public delegate string? Answer(JsonElement request, out FeelValue value);

    /// <summary>Runs a batch from <paramref name="file"/> (standard input for <c>-</c>); a file that cannot be read is exit code 1.</summary>
    public static async Task<int> RunFileAsync(string file, CliConsole console, Func<TextReader, Task<int>> run)
    {
        if (file == "-")
        {
            return await run(console.In);
        }

        StreamReader reader;
        try
        {
            reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            await console.Error.WriteLineAsync($"cannot read the batch file: {ex.Message}");
            return 1;
        }

        using (reader)
        {
            return await run(reader);
        }
    }

    /// <summary>
    /// Answers every line of <paramref name="input"/> (a JSON object each; blank lines skipped) with one result line, in order. A bad
    /// line yields an error line and the batch goes on.
    /// </summary>
    /// <returns>0, even when some lines failed: the failures are in the output.</returns>
    public static async Task<int> RunAsync(TextReader input, Stream output, Answer answer, JsonDocumentOptions readerOptions, CancellationToken cancellationToken)
    {
        var line = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(line, WriterOptions);
        // Not disposed: that would close the caller's stream.
        var stream = new BufferedStream(output, 1 << 16);
        while (await input.ReadLineAsync(cancellationToken) is { } text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            WriteResult(writer, line, text, answer, readerOptions);
            writer.Flush();
            line.Write(NewLine);
            await stream.WriteAsync(line.WrittenMemory, cancellationToken);
            line.ResetWrittenCount();
            writer.Reset(line);
        }

        await stream.FlushAsync(cancellationToken);
        return 0;
    }

    /// <summary>Writes one value as a JSON line to <paramref name="output"/>, or says on <paramref name="error"/> why it cannot be written.</summary>
    /// <returns>0 when written, 1 when the value cannot be written as JSON.</returns>
    public static int WriteValue(FeelValue value, Stream output, TextWriter error)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            using var writer = new Utf8JsonWriter(buffer, WriterOptions);
            FeelJson.Write(writer, value);
        }
        catch (InvalidOperationException ex)
        {
            error.WriteLine(Unwritable(ex));
            return 1;
        }

        output.Write(buffer.WrittenSpan);
        output.Write(NewLine);
        output.Flush();
        return 0;
    }

    /// <summary>Writes the answer to one input line: <c>{"id", "type", "value"}</c> or <c>{"id", "error"}</c>.</summary>
    private static void WriteResult(Utf8JsonWriter writer, ArrayBufferWriter<byte> line, string text, Answer answer, JsonDocumentOptions readerOptions)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, readerOptions);
        }
        catch (JsonException ex)
        {
            WriteError(writer, null, $"the line is not valid JSON: {ex.Message}");
            return;
        }

        using (document)
        {
            var request = document.RootElement;
            if (request.ValueKind != JsonValueKind.Object)
            {
                WriteError(writer, null, "the line must be a JSON object");
                return;
            }

            if (answer(request, out var value) is { } error)
            {
                WriteError(writer, request, error);
                return;
            }

            try
            {
                writer.WriteStartObject();
                WriteId(writer, request);
                writer.WriteString("type", value.TypeName);
                writer.WritePropertyName("value");
                FeelJson.Write(writer, value);
                writer.WriteEndObject();
            }
            catch (InvalidOperationException ex)
            {
                // Drop the half-written line and say why instead.
                writer.Reset();
                line.ResetWrittenCount();
                WriteError(writer, request, Unwritable(ex));
            }
        }
    }

    private static void WriteError(Utf8JsonWriter writer, JsonElement? request, string message)
    {
        writer.WriteStartObject();
        if (request is { } r)
        {
            WriteId(writer, r);
        }

        writer.WriteString("error", message);
        writer.WriteEndObject();
    }

    private static void WriteId(Utf8JsonWriter writer, JsonElement request)
    {
        if (request.TryGetProperty("id", out var id))
        {
            writer.WritePropertyName("id");
            id.WriteTo(writer);
        }
    }

    private static string Unwritable(InvalidOperationException ex) => $"the value cannot be written as JSON: {ex.Message}";
}
