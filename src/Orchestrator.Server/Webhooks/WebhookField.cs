using System.Globalization;
using System.Text.Json;

namespace Orchestrator.Server.Webhooks;

/// <summary>
/// What a field of a webhook's JSON body must be, declared on the event as <c>webhook.field.{path}</c> with the value
/// <c>{type}[ {min}..{max}][ required]</c>: <c>integer 1..5</c>, <c>number 0..</c>, <c>string required</c>. The type is
/// <c>integer</c>, <c>number</c>, <c>string</c> or <c>boolean</c>; a range (either end may be left open) bounds a number or a
/// string's length. The path names a top-level entry or, with dots, one inside objects (<c>order.id</c>). An absent or null
/// field passes unless <c>required</c>. A delivery that breaks a rule is refused with 400 before anything is stored.
/// </summary>
/// <param name="Path">The field's path in the body.</param>
/// <param name="Type">integer, number, string or boolean.</param>
/// <param name="Min">The least value (length for a string), or null.</param>
/// <param name="Max">The greatest value (length for a string), or null.</param>
/// <param name="Required">Whether the field must be present and not null.</param>
public sealed record WebhookField(string Path, string Type, decimal? Min, decimal? Max, bool Required)
{
    /// <summary>The property prefix that declares a field rule.</summary>
    public const string PropertyPrefix = "webhook.field.";

    private static readonly string[] Types = ["integer", "number", "string", "boolean"];

    /// <summary>Reads a rule; false with the reason when it is not one.</summary>
    public static bool TryParse(string path, string rule, out WebhookField? field, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(rule);
        field = null;
        problem = null;
        var words = rule.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (path.Length == 0 || path.Split('.').Any(p => p.Length == 0))
        {
            problem = $"'{PropertyPrefix}{path}' does not name a field";
            return false;
        }

        if (words.Length == 0 || !Types.Contains(words[0]))
        {
            problem = $"{PropertyPrefix}{path} '{rule}' must start with a type: {string.Join(", ", Types)}";
            return false;
        }

        decimal? min = null, max = null;
        var required = false;
        foreach (var word in words.Skip(1))
        {
            if (word == "required")
            {
                required = true;
            }
            else if (words[0] == "boolean" || !TryRange(word, out min, out max))
            {
                problem = $"{PropertyPrefix}{path} '{rule}': '{word}' is neither a range (min..max) nor 'required'";
                return false;
            }
        }

        field = new WebhookField(path, words[0], min, max, required);
        return true;
    }

    /// <summary><c>min..max</c>, either end empty for open.</summary>
    private static bool TryRange(string word, out decimal? min, out decimal? max)
    {
        min = max = null;
        if (word.Split("..") is not [var low, var high] || (low.Length == 0 && high.Length == 0))
        {
            return false;
        }

        return Bound(low, out min) && Bound(high, out max);

        static bool Bound(string text, out decimal? bound)
        {
            bound = null;
            if (text.Length == 0)
            {
                return true;
            }

            var ok = decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value);
            bound = ok ? value : null;
            return ok;
        }
    }

    /// <summary>What is wrong with this field of <paramref name="body"/>, or null when it keeps the rule.</summary>
    /// <remarks>Read from the JSON itself: a number beyond the decimal range, which becomes null as a FEEL value, is not taken for an absent one.</remarks>
    public string? Check(JsonElement body)
    {
        var value = body;
        foreach (var name in Path.Split('.'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
            {
                value = default;
                break;
            }
        }

        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return Required ? $"body.{Path} is required: {Expected}" : null;
        }

        decimal number;
        var fits = (Type, value.ValueKind) switch
        {
            ("integer", JsonValueKind.Number) => value.TryGetDecimal(out number) && decimal.IsInteger(number) && InRange(number),
            ("number", JsonValueKind.Number) => value.TryGetDecimal(out number) && InRange(number),
            ("string", JsonValueKind.String) => InRange(StringLength(value)),
            ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
            _ => false,
        };
        var shown = value.GetRawText();
        return fits ? null : $"body.{Path} must be {Expected}, not {(shown.Length <= 40 ? shown : shown[..40] + "…")}";
    }

    /// <summary>A string's length in characters; -1 (fitting no range) for one that is not text (an escaped lone surrogate).</summary>
    private static int StringLength(JsonElement value)
    {
        try
        {
            return value.GetString()!.Length;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    private bool InRange(decimal value) => (Min is not { } min || value >= min) && (Max is not { } max || value <= max);

    /// <summary>The rule in words: "an integer from 1 to 5".</summary>
    private string Expected
    {
        get
        {
            var what = Type == "integer" ? "an integer" : $"a {Type}";
            var of = Type == "string" ? " characters long" : "";
            return (Min, Max) switch
            {
                ({ } min, { } max) => Type == "string" ? $"{what} {Show(min)} to {Show(max)}{of}" : $"{what} from {Show(min)} to {Show(max)}",
                ({ } min, null) => $"{what} of at least {Show(min)}{of}",
                (null, { } max) => $"{what} of at most {Show(max)}{of}",
                _ => what,
            };
        }
    }

    private static string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
