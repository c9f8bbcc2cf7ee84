using System.Globalization;
using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Functions;

/// <summary>Built-in conversions to number and string (DMN 1.5 §10.3.4.1); the temporal conversions are in <see cref="TemporalFunctions"/>.</summary>
internal static class ConversionFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        registry.Register("number", ["from"], (a, c) => Number(a[0], FeelNull.Instance, FeelNull.Instance, c));
        registry.Register("number", ["from", "grouping separator", "decimal separator"], (a, c) => Number(a[0], a[1], a[2], c));
        registry.Register("string", ["from"], (a, _) => a[0] switch
        {
            FeelNull => FeelNull.Instance,
            FeelString s => s,
            FeelNumber n => new FeelString(FeelNumber.Format(n.Value)),
            _ => new FeelString(a[0].ToString()),
        });
    }

    private static FeelValue Number(FeelValue from, FeelValue grouping, FeelValue separator, FeelEvaluationContext context)
    {
        if (from is FeelNumber)
        {
            return from;
        }

        if (!FunctionArgs.String("number", from, context, out var text))
        {
            return FeelNull.Instance;
        }

        var group = grouping is FeelString g ? g.Value : null;
        var point = separator is FeelString d ? d.Value : null;
        if ((grouping is not (FeelNull or FeelString) || separator is not (FeelNull or FeelString))
            || group is not (null or " " or "," or ".") || point is not (null or "," or ".") || (group is not null && group == point))
        {
            return FunctionArgs.Fail("number", "grouping separator must be ' ', ',' or '.', decimal separator ',' or '.', and they must differ", context);
        }

        if (group is not null)
        {
            text = text.Replace(group, string.Empty, StringComparison.Ordinal);
        }

        if (point is not null)
        {
            text = text.Replace(point, ".", StringComparison.Ordinal);
        }

        return IsNumberLiteral(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? FeelNumber.Of(value)
            : FunctionArgs.Fail("number", $"'{text}' is not a number", context);
    }

    /// <summary>FEEL number syntax: optional minus, digits with an optional fraction, optional exponent.</summary>
    private static bool IsNumberLiteral(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] is '-' or '+')
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
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '-' or '+')
            {
                i++;
            }

            var exponentDigits = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }
}
