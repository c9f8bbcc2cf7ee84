using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Json;

/// <summary>
/// Converts between JSON and FEEL values. JSON objects become contexts (entry order kept; a repeated
/// key keeps its last value), arrays lists, numbers exact decimals. FEEL values render back as JSON:
/// numbers with their exact digits, temporal values as ISO 8601 strings, ranges as
/// <c>{"start","end","startIncluded","endIncluded"}</c>, functions as the string <c>"function"</c>.
/// </summary>
public static class FeelJson
{
    /// <summary>
    /// How deeply JSON may nest, written or read: System.Text.Json's writer default, which the reader (64 by default) is
    /// raised to, so that whatever was written can be read back.
    /// </summary>
    public const int MaxDepth = 1000;

    /// <summary>Options to parse JSON that <see cref="Write"/> wrote (any depth up to <see cref="MaxDepth"/>).</summary>
    public static JsonDocumentOptions ReaderOptions { get; } = new() { MaxDepth = MaxDepth };

    /// <summary>
    /// The FEEL value of a JSON element. Numbers are read from their text as <see cref="decimal"/>
    /// (as <c>decimal.Parse</c> with the invariant culture and <see cref="NumberStyles.Float"/> would):
    /// exact up to 28 significant digits, rounded beyond that (so <c>1e-40</c> is 0); a number outside
    /// the decimal range (about ±7.9e28) becomes FEEL null, as an arithmetic overflow does in FEEL.
    /// </summary>
    /// <exception cref="FeelLimitException">The JSON holds more than ten million values.</exception>
    /// <exception cref="JsonException">A string or property name holds an unpaired surrogate (<c>"\ud800"</c>), which no string can.</exception>
    public static FeelValue FromJson(JsonElement element) => FromJson(element, strict: false);

    /// <summary>
    /// As <see cref="FromJson(JsonElement)"/>, but a number outside the decimal range is refused instead of becoming null, and so is
    /// an object that names a property twice instead of keeping the last: for values a client sends, which would otherwise be lost
    /// without a word.
    /// </summary>
    /// <exception cref="JsonException">A number is outside the decimal range (the message quotes it), an object names a property twice
    /// (the message names it), or as <see cref="FromJson(JsonElement)"/>.</exception>
    public static FeelValue FromJsonStrictly(JsonElement element) => FromJson(element, strict: true);

    private static FeelValue FromJson(JsonElement element, bool strict)
    {
        try
        {
            return Convert(element, strict);
        }
        catch (InvalidOperationException ex) when (ex is not FeelLimitException)
        {
            // System.Text.Json parses an escaped lone surrogate as JSON, then cannot make a string of it.
            throw new JsonException($"the JSON holds a string that is not valid UTF-16: {ex.Message}", ex);
        }
    }

    private static FeelValue Convert(JsonElement element, bool strict)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var entries = new OrderedDictionary<string, FeelValue>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (strict && entries.ContainsKey(property.Name))
                    {
                        throw new JsonException($"the object names \"{property.Name}\" twice; send it once");
                    }

                    entries[property.Name] = Convert(property.Value, strict);
                }

                return new FeelContext(entries);
            case JsonValueKind.Array:
                var items = new FeelValue[element.GetArrayLength()];
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    items[i++] = Convert(item, strict);
                }

                return new FeelList(items);
            case JsonValueKind.String:
                return new FeelString(element.GetString()!);
            case JsonValueKind.Number:
                if (!element.TryGetDecimal(out var exact))
                {
                    return strict ? throw new JsonException($"the number {element.GetRawText()} is outside the range of FEEL numbers (about ±7.9e28); send it as a string")
                        : FeelNull.Instance;
                }

                return strict && exact == 0 && IsNonZero(element.GetRawText())
                    ? throw new JsonException($"the number {element.GetRawText()} is too small for FEEL numbers (they end at 28 decimal places) and would be 0; send it as a string")
                    : FeelNumber.Of(exact);
            case JsonValueKind.True:
                return FeelBoolean.True;
            case JsonValueKind.False:
                return FeelBoolean.False;
            default:
                return FeelNull.Instance;
        }
    }

    /// <summary>Whether a JSON number's text has a digit other than 0 before its exponent (1e-400 has; 0.000e5 has not).</summary>
    private static bool IsNonZero(string number)
    {
        var exponent = number.AsSpan().IndexOfAny('e', 'E');
        return (exponent < 0 ? number.AsSpan() : number.AsSpan(0, exponent)).IndexOfAnyInRange('1', '9') >= 0;
    }

    /// <summary>Parses JSON text into a FEEL value, as <see cref="FromJson(JsonElement)"/> does.</summary>
    /// <exception cref="JsonException">The text is not JSON, nests deeper than <see cref="MaxDepth"/> levels, or holds an unpaired surrogate.</exception>
    public static FeelValue FromJson(string json)
    {
        using var document = JsonDocument.Parse(json, ReaderOptions);
        return FromJson(document.RootElement);
    }

    /// <summary>Writes a FEEL value as JSON (see the class summary for the rendering).</summary>
    /// <exception cref="InvalidOperationException">The value nests deeper than the writer's <see cref="JsonWriterOptions.MaxDepth"/> (1,000 by default).</exception>
    public static void Write(Utf8JsonWriter writer, FeelValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case FeelNull:
                writer.WriteNullValue();
                break;
            case FeelBoolean b:
                writer.WriteBooleanValue(b.Value);
                break;
            case FeelNumber n:
                writer.WriteRawValue(FeelNumber.Format(n.Value), skipInputValidation: true);
                break;
            case FeelString s:
                writer.WriteStringValue(s.Value);
                break;
            case FeelList list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case FeelContext context:
                writer.WriteStartObject();
                foreach (var (key, entry) in context.Entries)
                {
                    writer.WritePropertyName(key);
                    Write(writer, entry);
                }

                writer.WriteEndObject();
                break;
            case FeelRange range:
                writer.WriteStartObject();
                writer.WritePropertyName("start");
                Write(writer, range.Start);
                writer.WritePropertyName("end");
                Write(writer, range.End);
                writer.WriteBoolean("startIncluded", range.StartIncluded);
                writer.WriteBoolean("endIncluded", range.EndIncluded);
                writer.WriteEndObject();
                break;
            case FeelFunction:
                writer.WriteStringValue("function");
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    /// <summary>
    /// About how many UTF-8 bytes the value's JSON takes (strings with their escapes), counting stops as soon as it
    /// passes <paramref name="limit"/>: a value of any size is measured in time proportional to the limit at most.
    /// </summary>
    public static long Utf8Length(FeelValue value, long limit)
    {
        ArgumentNullException.ThrowIfNull(value);
        long length = 0;
        var pending = new Stack<FeelValue>();
        pending.Push(value);
        while (pending.Count > 0 && length <= limit)
        {
            switch (pending.Pop())
            {
                case FeelString s:
                    length += Utf8Length(s.Value) + 2;
                    break;
                case FeelNumber n:
                    length += FeelNumber.Format(n.Value).Length;
                    break;
                case FeelList list:
                    length += 1 + Math.Max(1, list.Count);
                    foreach (var item in list.Items)
                    {
                        pending.Push(item);
                    }

                    break;
                case FeelContext context:
                    length += 1 + Math.Max(1, context.Count);
                    foreach (var key in context.Keys)
                    {
                        length += Utf8Length(key) + 3;
                        pending.Push(context[key]);
                    }

                    break;
                case FeelRange range:
                    length += 50;
                    pending.Push(range.Start);
                    pending.Push(range.End);
                    break;
                case FeelNull or FeelBoolean:
                    length += 5;
                    break;
                default:
                    length += 40;
                    break;
            }
        }

        return length;
    }

    /// <summary>The UTF-8 length of a string written as JSON: quotes, backslashes and control characters take their escapes.</summary>
    private static long Utf8Length(string text)
    {
        long escapes = 0;
        foreach (var c in text)
        {
            escapes += c switch
            {
                '"' or '\\' or '\n' or '\r' or '\t' or '\b' or '\f' => 1,
                < ' ' => 5,
                _ => 0,
            };
        }

        return Encoding.UTF8.GetByteCount(text) + escapes;
    }

    /// <summary>Renders a FEEL value as compact JSON text; non-ASCII characters are kept as they are, not escaped.</summary>
    /// <exception cref="InvalidOperationException">The value nests more than 1,000 levels deep.</exception>
    public static string ToJsonString(FeelValue value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
