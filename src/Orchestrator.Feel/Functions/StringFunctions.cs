using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Functions;

/// <summary>
/// Built-in string functions (DMN 1.5 §10.3.4.3) and Camunda's string extensions. Positions and
/// lengths count Unicode code points, not UTF-16 units, so an emoji is one character.
/// </summary>
internal static class StringFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        registry.Register("substring", ["string", "start position"], (a, c) => Substring(a[0], a[1], null, c));
        registry.Register("substring", ["string", "start position", "length"], (a, c) => Substring(a[0], a[1], a[2], c));
        registry.Register("string length", ["string"], (a, c) => WithString("string length", a[0], c, s => FeelNumber.Of(CodePoints(s).Length)));
        registry.Register("upper case", ["string"], (a, c) => WithString("upper case", a[0], c, s => new FeelString(s.ToUpperInvariant())));
        registry.Register("lower case", ["string"], (a, c) => WithString("lower case", a[0], c, s => new FeelString(s.ToLowerInvariant())));
        registry.Register("substring before", ["string", "match"], (a, c) => WithStrings("substring before", a[0], a[1], c, (s, m) =>
            s.IndexOf(m, StringComparison.Ordinal) is var i and >= 0 ? new FeelString(s[..i]) : FeelString.Empty));
        registry.Register("substring after", ["string", "match"], (a, c) => WithStrings("substring after", a[0], a[1], c, (s, m) =>
            s.IndexOf(m, StringComparison.Ordinal) is var i and >= 0 ? new FeelString(s[(i + m.Length)..]) : FeelString.Empty));
        registry.Register("contains", ["string", "match"], (a, c) => WithStrings("contains", a[0], a[1], c, (s, m) => FeelBoolean.Of(s.Contains(m, StringComparison.Ordinal))));
        registry.Register("starts with", ["string", "match"], (a, c) => WithStrings("starts with", a[0], a[1], c, (s, m) => FeelBoolean.Of(s.StartsWith(m, StringComparison.Ordinal))));
        registry.Register("ends with", ["string", "match"], (a, c) => WithStrings("ends with", a[0], a[1], c, (s, m) => FeelBoolean.Of(s.EndsWith(m, StringComparison.Ordinal))));
        registry.Register("replace", ["input", "pattern", "replacement"], (a, c) => Replace(a[0], a[1], a[2], FeelString.Empty, c));
        registry.Register("replace", ["input", "pattern", "replacement", "flags"], (a, c) => Replace(a[0], a[1], a[2], a[3], c));
        registry.Register("matches", ["input", "pattern"], (a, c) => Matches(a[0], a[1], FeelString.Empty, c));
        registry.Register("matches", ["input", "pattern", "flags"], (a, c) => Matches(a[0], a[1], a[2], c));
        registry.Register("split", ["string", "delimiter"], (a, c) => Split(a[0], a[1], c));
        registry.Register("extract", ["string", "pattern"], (a, c) => Extract(a[0], a[1], c));
        registry.Register("string join", ["list"], (a, c) => Join(a[0], FeelString.Empty, FeelString.Empty, FeelString.Empty, c));
        registry.Register("string join", ["list", "delimiter"], (a, c) => Join(a[0], a[1], FeelString.Empty, FeelString.Empty, c));
        registry.Register("string join", ["list", "delimiter", "prefix", "suffix"], (a, c) => Join(a[0], a[1], a[2], a[3], c));
        registry.Register("trim", ["string"], (a, c) => WithString("trim", a[0], c, s => new FeelString(s.Trim())));
        registry.Register("is blank", ["string"], (a, c) => WithString("is blank", a[0], c, s => FeelBoolean.Of(string.IsNullOrWhiteSpace(s))));
        registry.Register("uuid", [], (_, _) => new FeelString(Guid.NewGuid().ToString()));
        registry.Register("to base64", ["value"], (a, c) => WithString("to base64", a[0], c, s => new FeelString(Convert.ToBase64String(Encoding.UTF8.GetBytes(s)))));
    }

    private static FeelValue WithString(string function, FeelValue value, FeelEvaluationContext context, Func<string, FeelValue> body) =>
        FunctionArgs.String(function, value, context, out var s) ? body(s) : FeelNull.Instance;

    private static FeelValue WithStrings(string function, FeelValue first, FeelValue second, FeelEvaluationContext context, Func<string, string, FeelValue> body) =>
        FunctionArgs.String(function, first, context, out var a) && FunctionArgs.String(function, second, context, out var b) ? body(a, b) : FeelNull.Instance;

    private static string[] CodePoints(string text)
    {
        var points = new List<string>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            points.Add(rune.ToString());
        }

        return [.. points];
    }

    private static FeelValue Substring(FeelValue value, FeelValue start, FeelValue? length, FeelEvaluationContext context)
    {
        if (!FunctionArgs.String("substring", value, context, out var text) || !FunctionArgs.Integer("substring", start, context, out var position))
        {
            return FeelNull.Instance;
        }

        var points = CodePoints(text);
        var index = position > 0 ? position - 1 : Math.Max(0, points.Length + position);
        if (index >= points.Length)
        {
            return FeelString.Empty;
        }

        var count = points.Length - index;
        if (length is not null)
        {
            if (!FunctionArgs.Integer("substring", length, context, out var requested))
            {
                return FeelNull.Instance;
            }

            if (requested < 0)
            {
                return FunctionArgs.Fail("substring", $"length must not be negative but was {requested}", context);
            }

            count = Math.Min(count, requested);
        }

        return new FeelString(string.Concat(points.AsSpan(index, count)));
    }

    private static bool TryRegex(string function, FeelValue pattern, FeelValue flags, FeelEvaluationContext context, out Regex? regex)
    {
        regex = null;
        if (!FunctionArgs.String(function, pattern, context, out var p) || !FunctionArgs.String(function, flags, context, out var f))
        {
            return false;
        }

        if (!XmlSchemaRegex.TryCreate(p, f, out regex, out var error))
        {
            FunctionArgs.Fail(function, error!, context);
            return false;
        }

        return true;
    }

    /// <summary>Runs a regular-expression operation, turning a time-out into null and a warning.</summary>
    private static FeelValue Guard(string function, FeelEvaluationContext context, Func<FeelValue> operation)
    {
        try
        {
            return operation();
        }
        catch (RegexMatchTimeoutException)
        {
            return FunctionArgs.Fail(function, $"the pattern took longer than {XmlSchemaRegex.MatchTimeout.TotalSeconds} s to match", context);
        }
    }

    private static FeelValue Replace(FeelValue input, FeelValue pattern, FeelValue replacement, FeelValue flags, FeelEvaluationContext context)
    {
        if (!FunctionArgs.String("replace", input, context, out var text) || !FunctionArgs.String("replace", replacement, context, out var with)
            || !TryRegex("replace", pattern, flags, context, out var regex))
        {
            return FeelNull.Instance;
        }

        return Guard("replace", context, () =>
        {
            if (regex!.IsMatch(string.Empty))
            {
                return FunctionArgs.Fail("replace", $"the pattern '{pattern}' matches the empty string", context);
            }

            var literal = flags is FeelString f && f.Value.Contains('q', StringComparison.Ordinal);
            if (literal)
            {
                return new FeelString(regex.Replace(text, with.Replace("$", "$$", StringComparison.Ordinal)));
            }

            return XmlSchemaRegex.TryTranslateReplacement(with, regex, out var translated)
                ? new FeelString(regex.Replace(text, translated))
                : FunctionArgs.Fail("replace", $"invalid replacement string '{with}' (use $N for groups, \\$ and \\\\ for literals)", context);
        });
    }

    private static FeelValue Matches(FeelValue input, FeelValue pattern, FeelValue flags, FeelEvaluationContext context) =>
        FunctionArgs.String("matches", input, context, out var text) && TryRegex("matches", pattern, flags, context, out var regex)
            ? Guard("matches", context, () => FeelBoolean.Of(regex!.IsMatch(text)))
            : FeelNull.Instance;

    /// <summary>XPath <c>tokenize</c>: the parts between matches; captured groups are not part of the result.</summary>
    private static FeelValue Split(FeelValue value, FeelValue delimiter, FeelEvaluationContext context)
    {
        if (!FunctionArgs.String("split", value, context, out var text) || !TryRegex("split", delimiter, FeelString.Empty, context, out var regex))
        {
            return FeelNull.Instance;
        }

        return Guard("split", context, () =>
        {
            if (regex!.IsMatch(string.Empty))
            {
                return FunctionArgs.Fail("split", $"the delimiter '{delimiter}' matches the empty string", context);
            }

            var parts = new List<FeelValue>();
            var from = 0;
            foreach (Match match in regex.Matches(text))
            {
                parts.Add(new FeelString(text[from..match.Index]));
                from = match.Index + match.Length;
            }

            parts.Add(new FeelString(text[from..]));
            return new FeelList(parts);
        });
    }

    private static FeelValue Extract(FeelValue value, FeelValue pattern, FeelEvaluationContext context) =>
        FunctionArgs.String("extract", value, context, out var text) && TryRegex("extract", pattern, FeelString.Empty, context, out var regex)
            ? Guard("extract", context, () => new FeelList(regex!.Matches(text).Select(m => (FeelValue)new FeelString(m.Value))))
            : FeelNull.Instance;

    private static FeelValue Join(FeelValue list, FeelValue delimiter, FeelValue prefix, FeelValue suffix, FeelEvaluationContext context)
    {
        if (!FunctionArgs.List("string join", list, context, out var items)
            || !OptionalString(delimiter, out var d) || !OptionalString(prefix, out var p) || !OptionalString(suffix, out var s))
        {
            return list is FeelList ? FunctionArgs.Fail("string join", "delimiter, prefix and suffix must be strings", context) : FeelNull.Instance;
        }

        var parts = new List<string>(items.Count);
        foreach (var item in items.Items)
        {
            switch (item)
            {
                case FeelString text:
                    parts.Add(text.Value);
                    break;
                case FeelNull:
                    break;
                default:
                    return FunctionArgs.Fail("string join", $"expected a list of strings but found {item.TypeName} '{item}'", context);
            }
        }

        return new FeelString(p + string.Join(d, parts) + s);
    }

    private static bool OptionalString(FeelValue value, out string text)
    {
        text = value is FeelString s ? s.Value : string.Empty;
        return value is FeelString or FeelNull;
    }
}
