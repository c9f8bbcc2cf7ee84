using System.Globalization;
using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Functions;

/// <summary>
/// Built-in conversions between numbers and strings: <c>number(from)</c> with optional grouping and
/// decimal separators, and <c>string(from)</c> for any value. (The temporal conversions live with the
/// temporal functions.)
/// </summary>
internal static class ConversionFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register("number", ["from"], (a, c) => Number(a[0], FeelNull.Instance, FeelNull.Instance, c));

        // feel-scala also takes a grouping separator alone.
        registry.Register("number", ["from", "grouping separator"], (a, c) => Number(a[0], a[1], FeelNull.Instance, c));
        registry.Register("number", ["from", "grouping separator", "decimal separator"], (a, c) => Number(a[0], a[1], a[2], c));
        registry.Register("string", ["from"], (a, _) => String(a[0]));
    }

    /// <summary>FEEL's rendering of a value as <c>string(from)</c> gives it; a string stays as it is.</summary>
    internal static FeelValue String(FeelValue value) => value switch
    {
        FeelNull => FeelNull.Instance,
        FeelString s => s,
        FeelNumber n => new FeelString(FeelNumber.Format(n.Value)),
        _ => new FeelString(value.ToString()),
    };

    private static FeelValue Number(FeelValue from, FeelValue grouping, FeelValue separator, FeelEvaluationContext context)
    {
        const string Name = "number";
        if (!FunctionArgs.String(Name, from, context, out var text))
        {
            return FeelNull.Instance;
        }

        if (!Separator(grouping, " ,.", out var groupingText) || !Separator(separator, ",.", out var separatorText))
        {
            return FunctionArgs.Fail(Name, "the grouping separator must be ' ', ',', '.' or null and the decimal separator ',', '.' or null", context);
        }

        if (groupingText is not null && groupingText == separatorText)
        {
            return FunctionArgs.Fail(Name, $"the grouping and the decimal separator are both '{groupingText}'", context);
        }

        if (groupingText is not null)
        {
            text = text.Replace(groupingText, string.Empty, StringComparison.Ordinal);
        }

        if (separatorText is not null and not ".")
        {
            if (text.Contains('.', StringComparison.Ordinal))
            {
                return FunctionArgs.Fail(Name, $"'{from}' is not a number with decimal separator '{separatorText}'", context);
            }

            text = text.Replace(separatorText, ".", StringComparison.Ordinal);
        }

        return Parse(text) is { } number
            ? FeelNumber.Of(number)
            : FunctionArgs.Fail(Name, $"'{from}' is not a number", context);
    }

    private static bool Separator(FeelValue value, string allowed, out string? separator)
    {
        separator = value is FeelString { Value.Length: 1 } s && allowed.Contains(s.Value[0], StringComparison.Ordinal) ? s.Value : null;
        return value is FeelNull || separator is not null;
    }

    /// <summary>A FEEL number literal with an optional sign and exponent (<c>-1.5</c>, <c>.5</c>, <c>1e3</c>); null when it is not one or does not fit.</summary>
    private static decimal? Parse(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return null;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            var exponentStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == exponentStart)
            {
                return null;
            }
        }

        if (i != text.Length)
        {
            return null;
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
