using System.Globalization;
using System.Text.Json;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Model;

/// <summary>
/// What a form (form-js JSON, as <see cref="FormReader"/> accepted it) lets whoever submits it set. Its <see cref="Variables"/>
/// are what form-js's submission holds: the first segment of each keyed field's <c>key</c> (form-js reads <c>a.b</c> as a path),
/// and of each group's or dynamic list's <c>path</c> (their fields are inside it); a field whose own <c>disabled</c> holds is not
/// submitted (a container's does not reach its fields); buttons, texts and the other fields that show rather than ask set
/// nothing, whatever key they carry. <see cref="Check"/> holds a submission's values to what the form's fields offer and allow,
/// as the browser does before it submits.
/// </summary>
public sealed class FormFields
{
    /// <summary>The form-js field types that set no variable of their own.</summary>
    private static readonly HashSet<string> Unkeyed = new(StringComparer.Ordinal)
    {
        "button", "text", "html", "image", "iframe", "spacer", "separator", "table", "documentPreview", "default",
    };

    /// <summary>The form-js field types that hold other fields, under their <c>path</c> when they have one.</summary>
    private static readonly HashSet<string> Containers = new(StringComparer.Ordinal) { "group", "dynamiclist" };

    /// <summary>The field types whose value is one of their options, and those whose value is a list of them.</summary>
    private static readonly HashSet<string> OneOption = new(StringComparer.Ordinal) { "radio", "select" };

    private static readonly HashSet<string> SomeOptions = new(StringComparer.Ordinal) { "checklist", "taglist" };

    private static readonly FormFields Nothing = new(new SortedSet<string>(StringComparer.Ordinal), []);

    /// <summary>The fields whose value is a variable of its own (a key without a path, outside a group with a path or a list), by it.</summary>
    private readonly Dictionary<string, Field> _fields;

    private FormFields(SortedSet<string> variables, Dictionary<string, Field> fields)
    {
        Variables = variables;
        _fields = fields;
    }

    /// <summary>The names of the process variables the form sets.</summary>
    public IReadOnlySet<string> Variables { get; }

    /// <summary>Whether a field of <paramref name="type"/> sets the variable its <c>key</c> names (custom types are taken as doing so).</summary>
    internal static bool IsKeyed(string type) => !Unkeyed.Contains(type) && !Containers.Contains(type);

    /// <summary>Reads <paramref name="schema"/>; what is no form sets nothing.</summary>
    public static FormFields Of(string schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        try
        {
            using var document = JsonDocument.Parse(schema);
            var variables = new SortedSet<string>(StringComparer.Ordinal);
            var fields = new Dictionary<string, Field>(StringComparer.Ordinal);
            var named = new HashSet<string>(StringComparer.Ordinal);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("components", out var components))
            {
                Collect(components, variables, fields, named);
            }

            return new FormFields(variables, fields);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Not a form (deployment refuses those), or a key that is no text (a lone surrogate escaped).
            return Nothing;
        }
    }

    /// <summary>
    /// What is wrong with the values of <paramref name="submitted"/> (the names are <see cref="Variables"/>' business): a value none
    /// of its field's options holds — static <c>values</c>, or the list the variable <c>valuesKey</c> names in
    /// <paramref name="visible"/> (the variables the task sees) —, a number outside the field's <c>min</c>/<c>max</c>, a text longer
    /// than its <c>maxLength</c>, a value of another type than the field gives, or a read-only field's value changed. Null when
    /// nothing. Options a FEEL <c>valuesExpression</c> gives, a <c>readonly</c> condition, and a field's other rules are left to
    /// the browser.
    /// </summary>
    public string? Check(IReadOnlyDictionary<string, FeelValue> submitted, IReadOnlyDictionary<string, FeelValue> visible)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        ArgumentNullException.ThrowIfNull(visible);
        foreach (var (name, value) in submitted)
        {
            if (value is not FeelNull && _fields.TryGetValue(name, out var field) && field.Check(name, value, visible) is { } problem)
            {
                return $"{name}: {problem}";
            }
        }

        return null;
    }

    private static void Collect(JsonElement components, SortedSet<string> variables, Dictionary<string, Field> fields, HashSet<string> named)
    {
        if (components.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var component in components.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object))
        {
            var type = Text(component, "type") ?? string.Empty;
            if (Containers.Contains(type))
            {
                if (Text(component, "path") is { Length: > 0 } path)
                {
                    variables.Add(path.Split('.')[0]);
                }
                else if (component.TryGetProperty("components", out var children))
                {
                    Collect(children, variables, fields, named);
                }
            }
            else if (IsKeyed(type) && !IsTruthy(component, "disabled") && Text(component, "key") is { Length: > 0 } key)
            {
                var name = key.Split('.')[0];
                variables.Add(name);
                // Two fields setting one variable: neither's rules alone say what it may hold.
                if (!named.Add(name) || key.Contains('.', StringComparison.Ordinal))
                {
                    fields.Remove(name);
                }
                else
                {
                    fields[name] = Field.Of(type, component);
                }
            }
        }
    }

    private static string? Text(JsonElement component, string property) =>
        component.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Whether a property holds what JavaScript takes for true (form-js tests <c>if (disabled)</c>).</summary>
    private static bool IsTruthy(JsonElement component, string property) =>
        component.TryGetProperty(property, out var value) && value.ValueKind switch
        {
            JsonValueKind.True or JsonValueKind.Object or JsonValueKind.Array => true,
            JsonValueKind.String => value.GetString()!.Length > 0,
            JsonValueKind.Number => value.GetDouble() is not 0 and not double.NaN,
            _ => false,
        };

    /// <summary>One field's rules: its type, its options (static, or the variable that holds them), its bounds.</summary>
    private sealed record Field(string Type, IReadOnlyList<FeelValue>? Options, string? OptionsVariable, decimal? Min, decimal? Max, int? MaxLength)
    {
        /// <summary>Whether the field shows its value without letting it change (<c>readonly</c> true; a FEEL condition is the browser's).</summary>
        public bool ReadOnly { get; private init; }

        /// <summary>What the field holds when the task has no such variable: its <c>defaultValue</c>, or null.</summary>
        public FeelValue? Default { get; private init; }

        public static Field Of(string type, JsonElement component)
        {
            var validate = component.TryGetProperty("validate", out var rules) && rules.ValueKind == JsonValueKind.Object ? rules : default;
            var options = component.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array
                ? values.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Object && v.TryGetProperty("value", out var option) ? FeelJson.FromJson(option) : FeelJson.FromJson(v)).ToList()
                : null;
            var readOnly = component.TryGetProperty("readonly", out var flag)
                && (flag.ValueKind == JsonValueKind.True || (flag.ValueKind == JsonValueKind.String && flag.GetString() is { Length: > 0 } text && !text.StartsWith('=')));
            return new Field(type, options, Text(component, "valuesKey"), Number(validate, "min"), Number(validate, "max"),
                Number(validate, "maxLength") is { } length && length >= 0 && length <= int.MaxValue ? (int)length : null)
            {
                ReadOnly = readOnly,
                Default = component.TryGetProperty("defaultValue", out var given) ? FeelJson.FromJson(given) : null,
            };
        }

        public string? Check(string name, FeelValue value, IReadOnlyDictionary<string, FeelValue> visible)
        {
            if (ReadOnly)
            {
                // The browser submits what it showed: the variable, else the default; emptied at most (a value no option holds).
                var shown = visible.GetValueOrDefault(name) ?? Default;
                return value.Equals(shown) || value is FeelNull or FeelString { Value.Length: 0 } or FeelBoolean { Value: false } or FeelList { Count: 0 } ? null
                    : $"is read-only in the form{(shown is null ? "" : $": it stays {Shown(shown)}")}";
            }

            if (OneOption.Contains(Type) || SomeOptions.Contains(Type))
            {
                return CheckOptions(value, visible);
            }

            if (Type == "number")
            {
                // A number field may submit its value as text (serializeToString); empty, it holds no number.
                if (value is FeelString { Value.Length: 0 })
                {
                    return null;
                }

                decimal? number = value switch
                {
                    FeelNumber n => n.Value,
                    FeelString s when decimal.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
                    _ => null,
                };
                return number is not { } given ? $"must be a number, not {value.TypeName}"
                    : given < Min ? Bound(given, "at least", Min!.Value)
                    : given > Max ? Bound(given, "at most", Max!.Value)
                    : null;
            }

            return Type switch
            {
                "textfield" or "textarea" when value is not FeelString => $"must be text, not {value.TypeName}",
                "textfield" or "textarea" when value is FeelString s && s.Value.Length > MaxLength => $"is {s.Value.Length} characters long; the form allows {MaxLength}",
                "checkbox" when value is not FeelBoolean => $"must be true or false, not {value.TypeName}",
                _ => null,
            };
        }

        private string? CheckOptions(FeelValue value, IReadOnlyDictionary<string, FeelValue> visible)
        {
            var options = Options ?? (OptionsVariable is null ? null : Offered(visible.GetValueOrDefault(OptionsVariable)));
            if (options is null)
            {
                // A FEEL valuesExpression (or no options at all): the browser's business.
                return null;
            }

            var chosen = SomeOptions.Contains(Type) ? value is FeelList list ? list.Items : null : [value];
            if (chosen is null)
            {
                return $"must be a list of the options offered, not {value.TypeName}";
            }

            var other = chosen.FirstOrDefault(c => !options.Any(o => o.Equals(c)));
            return other is null ? null : $"{Shown(other)} is not one of the options the form offered";
        }

        /// <summary>The option values of a variable holding a list of options (<c>{label, value}</c> contexts, or plain values).</summary>
        private static List<FeelValue> Offered(FeelValue? options) =>
            options is FeelList list ? [.. list.Items.Select(o => o is FeelContext c && c.TryGetValue("value", out var value) ? value : o)] : [];

        private static string Bound(decimal value, string what, decimal bound) =>
            string.Create(CultureInfo.InvariantCulture, $"{value} is not {what} {bound}, as the form asks");

        private static string Shown(FeelValue value)
        {
            var text = value is FeelString s ? $"\"{s.Value}\"" : value.ToString();
            return text.Length > 60 ? text[..60] + "…" : text;
        }

        private static decimal? Number(JsonElement rules, string property) =>
            rules.ValueKind == JsonValueKind.Object && rules.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
                ? number
                : null;
    }
}
