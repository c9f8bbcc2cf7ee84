using System.Text;
using System.Text.RegularExpressions;
using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Functions;

/// <summary>
/// Built-in string functions (DMN 1.5 10.3.4.3 and Camunda's extensions). Positions and lengths
/// count Unicode code points, so a surrogate pair (an emoji) is one character.
/// </summary>
internal static class StringFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register("substring", ["string", "start position"], (a, c) => Substring(a[0], a[1], null, c));
        registry.Register("substring", ["string", "start position", "length"], (a, c) => Substring(a[0], a[1], a[2], c));
        registry.Register("string length", ["string"], (a, c) => Text("string length", a[0], c, s => FeelNumber.Of(CodePointCount(s))));
        registry.Register("upper case", ["string"], (a, c) => Text("upper case", a[0], c, s => new FeelString(s.ToUpperInvariant())));
        registry.Register("lower case", ["string"], (a, c) => Text("lower case", a[0], c, s => new FeelString(s.ToLowerInvariant())));
        registry.Register("substring before", ["string", "match"], (a, c) => TwoTexts("substring before", a, c, Before));
        registry.Register("substring after", ["string", "match"], (a, c) => TwoTexts("substring after", a, c, After));
        registry.Register("contains", ["string", "match"], (a, c) => TwoTexts("contains", a, c, (s, m) => FeelBoolean.Of(s.Contains(m, StringComparison.Ordinal))));
        registry.Register("starts with", ["string", "match"], (a, c) => TwoTexts("starts with", a, c, (s, m) => FeelBoolean.Of(s.StartsWith(m, StringComparison.Ordinal))));
        registry.Register("ends with", ["string", "match"], (a, c) => TwoTexts("ends with", a, c, (s, m) => FeelBoolean.Of(s.EndsWith(m, StringComparison.Ordinal))));
        registry.Register("matches", ["input", "pattern"], (a, c) => Matches(a[0], a[1], FeelString.Empty, c));
        registry.Register("matches", ["input", "pattern", "flags"], (a, c) => Matches(a[0], a[1], a[2], c));
        registry.Register("replace", ["input", "pattern", "replacement"], (a, c) => Replace(a[0], a[1], a[2], FeelString.Empty, c));
        registry.Register("replace", ["input", "pattern", "replacement", "flags"], (a, c) => Replace(a[0], a[1], a[2], a[3], c));
        registry.Register("split", ["string", "delimiter"], Split);

        // Camunda documents extract(string, pattern) while feel-scala names the first parameter input; both work by name.
        registry.Register("extract", ["string", "pattern"], Extract);
        registry.Register("extract", ["input", "pattern"], Extract);
        registry.Register("string join", ["list"], (a, c) => Join(a[0], FeelNull.Instance, FeelNull.Instance, FeelNull.Instance, c));
        registry.Register("string join", ["list", "delimiter"], (a, c) => Join(a[0], a[1], FeelNull.Instance, FeelNull.Instance, c));
        registry.Register("string join", ["list", "delimiter", "prefix", "suffix"], (a, c) => Join(a[0], a[1], a[2], a[3], c));
        registry.Register("trim", ["string"], (a, c) => Text("trim", a[0], c, s => new FeelString(s.Trim())));
        registry.Register("is blank", ["string"], (a, c) => Text("is blank", a[0], c, s => FeelBoolean.Of(string.IsNullOrWhiteSpace(s))));
        registry.Register("uuid", [], (_, c) => new FeelString(Guid.CreateVersion7(c.Clock.GetUtcNow()).ToString()));
        registry.Register("to base64", ["value"], (a, c) => Text("to base64", a[0], c, s => new FeelString(Convert.ToBase64String(Encoding.UTF8.GetBytes(s)))));
    }

    /// <summary>The number of code points: a valid surrogate pair counts once.</summary>
    internal static int CodePointCount(string text)
    {
        var count = text.Length;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }

    /// <summary>The UTF-16 index where the code point at <paramref name="codePoints"/> (from <paramref name="start"/>) begins.</summary>
    private static int Utf16Index(string text, int start, int codePoints)
    {
        var i = start;
        for (var n = 0; n < codePoints && i < text.Length; n++)
        {
            i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
        }

        return i;
    }

    private static FeelValue Text(string function, FeelValue value, FeelEvaluationContext context, Func<string, FeelValue> body) =>
        FunctionArgs.String(function, value, context, out var text) ? body(text) : FeelNull.Instance;

    private static FeelValue TwoTexts(string function, FeelValue[] args, FeelEvaluationContext context, Func<string, string, FeelValue> body) =>
        FunctionArgs.String(function, args[0], context, out var text) && FunctionArgs.String(function, args[1], context, out var match)
            ? body(text, match)
            : FeelNull.Instance;

    private static FeelValue Substring(FeelValue value, FeelValue startValue, FeelValue? lengthValue, FeelEvaluationContext context)
    {
        const string Name = "substring";
        if (!FunctionArgs.String(Name, value, context, out var text) || !FunctionArgs.Integer(Name, startValue, context, out var start))
        {
            return FeelNull.Instance;
        }

        var length = int.MaxValue;
        if (lengthValue is not null)
        {
            if (!FunctionArgs.Integer(Name, lengthValue, context, out length))
            {
                return FeelNull.Instance;
            }

            if (length < 0)
            {
                return FunctionArgs.Fail(Name, $"length must not be negative but was {length}", context);
            }
        }

        var count = CodePointCount(text);
        if (start == 0 || start > count + 1 || start < -count)
        {
            return FunctionArgs.Fail(Name, $"start position {start} is outside the string of length {count}", context);
        }

        var from = Utf16Index(text, 0, start > 0 ? start - 1 : count + start);
        var to = Utf16Index(text, from, length);
        return new FeelString(text[from..to]);
    }

    private static FeelString Before(string text, string match)
    {
        var index = text.IndexOf(match, StringComparison.Ordinal);
        return index > 0 ? new FeelString(text[..index]) : FeelString.Empty;
    }

    private static FeelString After(string text, string match)
    {
        var index = text.IndexOf(match, StringComparison.Ordinal);
        return index >= 0 ? new FeelString(text[(index + match.Length)..]) : FeelString.Empty;
    }

    private static bool TryRegex(string function, FeelValue pattern, FeelValue flags, FeelEvaluationContext context, out XmlSchemaRegex? regex)
    {
        regex = null;
        if (!FunctionArgs.String(function, pattern, context, out var patternText) || !FunctionArgs.String(function, flags, context, out var flagsText))
        {
            return false;
        }

        if (!XmlSchemaRegex.TryCreate(patternText, flagsText, out regex, out var error))
        {
            FunctionArgs.Fail(function, error, context);
            return false;
        }

        return true;
    }

    private static FeelNull TimedOut(string function, FeelValue pattern, FeelEvaluationContext context) =>
        FunctionArgs.Fail(function, $"matching '{FeelOperators.Brief(pattern)}' took longer than {XmlSchemaRegex.MatchTimeout.TotalSeconds} s and was abandoned", context);

    private static FeelValue Matches(FeelValue input, FeelValue pattern, FeelValue flags, FeelEvaluationContext context)
    {
        const string Name = "matches";
        if (!FunctionArgs.String(Name, input, context, out var text) || !TryRegex(Name, pattern, flags, context, out var regex))
        {
            return FeelNull.Instance;
        }

        try
        {
            return FeelBoolean.Of(context.MatchRegex(() => regex!.For(text).IsMatch(text)));
        }
        catch (RegexMatchTimeoutException)
        {
            return TimedOut(Name, pattern, context);
        }
    }

    private static FeelValue Replace(FeelValue input, FeelValue pattern, FeelValue replacement, FeelValue flags, FeelEvaluationContext context)
    {
        const string Name = "replace";
        if (!FunctionArgs.String(Name, input, context, out var text)
            || !TryRegex(Name, pattern, flags, context, out var regex)
            || !FunctionArgs.String(Name, replacement, context, out var replacementText))
        {
            return FeelNull.Instance;
        }

        if (!regex!.TryTranslateReplacement(replacementText, out var translated, out var error))
        {
            return FunctionArgs.Fail(Name, error, context);
        }

        try
        {
            if (regex.For(string.Empty).IsMatch(string.Empty))
            {
                return FunctionArgs.Fail(Name, $"pattern '{FeelOperators.Brief(pattern)}' matches the empty string, so it cannot be replaced (err:FORX0003)", context);
            }

            return new FeelString(context.MatchRegex(() => regex.For(text).Replace(text, translated)));
        }
        catch (RegexMatchTimeoutException)
        {
            return TimedOut(Name, pattern, context);
        }
    }

    private static FeelValue Split(FeelValue[] args, FeelEvaluationContext context)
    {
        const string Name = "split";
        if (!FunctionArgs.String(Name, args[0], context, out var text) || !TryRegex(Name, args[1], FeelString.Empty, context, out var regex))
        {
            return FeelNull.Instance;
        }

        try
        {
            if (regex!.For(string.Empty).IsMatch(string.Empty))
            {
                return FunctionArgs.Fail(Name, $"delimiter '{FeelOperators.Brief(args[1])}' matches the empty string (err:FORX0003)", context);
            }

            // Matches rather than Regex.Split, which would also return the delimiter's captured groups.
            return context.MatchRegex(() =>
            {
                var parts = new List<FeelValue>();
                var last = 0;
                foreach (Match match in regex.For(text).Matches(text))
                {
                    parts.Add(new FeelString(text[last..match.Index]));
                    last = match.Index + match.Length;
                }

                parts.Add(new FeelString(text[last..]));
                return new FeelList(parts);
            });
        }
        catch (RegexMatchTimeoutException)
        {
            return TimedOut(Name, args[1], context);
        }
    }

    private static FeelValue Extract(FeelValue[] args, FeelEvaluationContext context)
    {
        const string Name = "extract";
        if (!FunctionArgs.String(Name, args[0], context, out var text) || !TryRegex(Name, args[1], FeelString.Empty, context, out var regex))
        {
            return FeelNull.Instance;
        }

        try
        {
            return context.MatchRegex(() => new FeelList(regex!.For(text).Matches(text).Select(m => (FeelValue)new FeelString(m.Value))));
        }
        catch (RegexMatchTimeoutException)
        {
            return TimedOut(Name, args[1], context);
        }
    }

    private static FeelValue Join(FeelValue list, FeelValue delimiter, FeelValue prefix, FeelValue suffix, FeelEvaluationContext context)
    {
        const string Name = "string join";
        if (!FunctionArgs.List(Name, list, context, out var items)
            || !OptionalText(delimiter, context, out var delimiterText)
            || !OptionalText(prefix, context, out var prefixText)
            || !OptionalText(suffix, context, out var suffixText))
        {
            return FeelNull.Instance;
        }

        var sb = new StringBuilder(prefixText);
        var first = true;
        foreach (var item in items.Items)
        {
            switch (item)
            {
                case FeelNull:
                    continue;
                case FeelString s:
                    if (!first)
                    {
                        sb.Append(delimiterText);
                    }

                    sb.Append(s.Value);
                    first = false;
                    break;
                default:
                    return FunctionArgs.Fail(Name, $"expected a list of strings but found {item.TypeName} '{FeelOperators.Brief(item)}'", context);
            }
        }

        return new FeelString(sb.Append(suffixText).ToString());

        static bool OptionalText(FeelValue value, FeelEvaluationContext context, out string text)
        {
            // A null delimiter, prefix or suffix means none.
            if (value is FeelNull)
            {
                text = string.Empty;
                return true;
            }

            var ok = FunctionArgs.String(Name, value, context, out var s);
            text = s ?? string.Empty;
            return ok;
        }
    }
}
