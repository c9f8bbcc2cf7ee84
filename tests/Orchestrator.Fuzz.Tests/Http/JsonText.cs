using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Orchestrator.Fuzz.Tests.Http;

/// <summary>
/// JSON text of random shapes for request bodies: objects whose keys are mostly the API's own field names (so the values
/// reach the code that reads them) with values of the wrong type, int64 extremes and beyond, huge and NUL-bearing strings,
/// deep nesting; plus text that is not JSON at all.
/// </summary>
internal static class JsonText
{
    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "1.5", "1e3", "1e400", "-1e400", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "2147483648", "-2147483649", "18446744073709551616", "123456789012345678901234567890123456789", "0.000000000000000000000000000001",
        "1E-400", "4503599627370497", "2251799813685249",
    ];

    private static readonly string[] Strings =
    [
        "", "a", "x y", "\u0000", "a\u0000b", "😀", "\uD800", "null", "true", "0", "-1", "9223372036854775808", "2251799813685249", "P1D", "PT-1S",
        "2024-03-15T10:00:00Z", "2024-13-45T99:99:99Z", "$eq", "$in", "$like", "%", "*", "' OR 1=1 --", "../../etc/passwd", "<script>", "=x + 1",
        "ACTIVE", "COMPLETED", "CREATED", "asc", "desc", "return-and-refund", "fuzz-type",
    ];

    /// <summary>Field names of the API (from its OpenAPI document); the fixture fills them in before the first case is generated.</summary>
    public static string[] FieldNames { get; set; } = ["filter", "sort", "page", "variables"];

    private static Gen<string> Scalar { get; } = Gen.Frequency<string>(
        (3, Gen.OneOf(Numbers)),
        (3, Gen.OneOf(Strings).Select(Quote)),
        (1, Gen.Int[1_000, 100_000].Select(n => Quote(new string('x', n)))),
        (1, Gen.OneOf("true", "false", "null")),
        (1, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))));

    /// <summary>A JSON value, nested a few levels.</summary>
    public static Gen<string> Value { get; } = Gen.Recursive<string>((depth, self) => depth >= 4 ? Scalar : Gen.Frequency<string>(
        (4, Scalar),
        (3, Object(self)),
        (2, self.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]"))));

    /// <summary>A request body: mostly a JSON object, sometimes deep nesting, another JSON value or no JSON at all.</summary>
    public static Gen<string> Body { get; } = Gen.Frequency<string>(
        (10, Object(Value)),
        (2, Value),
        (1, Gen.Select(Gen.Int[100, 20_000], Gen.OneOf("[", "{\"a\":"), (n, open) => Nest(open, n))),
        (1, Gen.OneOf("", "{", "}", "[1,", "{\"a\" 1}", "nul", "{\"a\":1}{\"b\":2}", "\u0000", "\"\\ud800\"", "{\"a\":\"\\u0000\"}", "\uFEFF{}", "{'a': 1}")));

    private static Gen<string> Object(Gen<string> value) =>
        Gen.Select(Gen.Frequency<string>((6, Gen.Int[0, 10_000].Select(i => FieldNames[i % FieldNames.Length])), (1, Gen.OneOf(Strings))), value)
            .Array[0, 6]
            .Select(entries => "{" + string.Join(",", entries.Select(e => Quote(e.Item1) + ":" + e.Item2)) + "}");

    private static string Quote(string text)
    {
        if (!text.Any(char.IsSurrogate))
        {
            return "\"" + JsonEncodedText.Encode(text).Value + "\"";
        }

        // Surrogates are written as escapes: a pair reads back as its character, a lone one is for the reader to refuse.
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            sb.Append(char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : JsonEncodedText.Encode(c.ToString()).Value);
        }

        return sb.Append('"').ToString();
    }

    private static string Nest(string open, int depth) =>
        string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(open == "[" ? "]" : "}", depth));
}
