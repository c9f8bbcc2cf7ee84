using System.Globalization;
using System.Text.Json;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Model;

/// <summary>
/// What a form (form-js JSON, as <see cref="FormReader"/> accepted it) lets whoever submits it set, as form-js's submission
/// builds it: each keyed field's value at its <c>key</c> (form-js reads <c>a.b</c> as a path), inside the <c>path</c> of the
/// groups around it (a dynamic list's entries are a list of them); a field whose own <c>disabled</c> holds is not submitted (a
/// container's does not reach its fields); buttons, texts and the other fields that show rather than ask set nothing, whatever
/// key they carry. <see cref="Variables"/> are the top-level names; <see cref="Check"/> holds a submission to the form's shape
/// and to what its fields offer and allow, as the browser does before it submits.
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

    /// <summary>What the form submits: a context of the top-level variables.</summary>
    private readonly Shape _root;

    private FormFields(Shape root)
    {
        _root = root;
        Variables = new SortedSet<string>(root.Children.Keys, StringComparer.Ordinal);
    }

    /// <summary>The names of the process variables the form sets.</summary>
    public IReadOnlySet<string> Variables { get; }

    /// <summary>Whether a field of <paramref name="type"/> sets the variable its <c>key</c> names (custom types are taken as doing so).</summary>
    internal static bool IsKeyed(string type) => !Unkeyed.Contains(type) && !Containers.Contains(type);

    /// <summary>Reads <paramref name="schema"/>; what is no form sets nothing.</summary>
    public static FormFields Of(string schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var root = new Shape();
        try
        {
            using var document = JsonDocument.Parse(schema);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("components", out var components))
            {
                Collect(components, root);
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Not a form (deployment refuses those), or a key that is no text (a lone surrogate escaped): it sets nothing.
            root = new Shape();
        }

        return new FormFields(root);
    }

    /// <summary>
    /// What is wrong with <paramref name="submitted"/> beyond its names (those are <see cref="Variables"/>' business): a key the
    /// form has no field for inside a group's or list's value or a dotted key's object; a value none of its field's options holds —
    /// static <c>values</c>, or the list the variable <c>valuesKey</c> names in <paramref name="visible"/> (the variables the task
    /// sees) —; a number outside the field's <c>min</c>/<c>max</c>; a text longer than its <c>maxLength</c>; a value of another
    /// type than the field gives; or a read-only field's value changed. Null when nothing. Options a FEEL <c>valuesExpression</c>
    /// gives, a <c>readonly</c> condition, and a field's other rules are left to the browser.
    /// </summary>
    public string? Check(IReadOnlyDictionary<string, FeelValue> submitted, IReadOnlyDictionary<string, FeelValue> visible)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        ArgumentNullException.ThrowIfNull(visible);
        foreach (var (name, value) in submitted)
        {
            if (_root.Children.TryGetValue(name, out var shape) && shape.Check(name, value, visible.GetValueOrDefault(name) ?? FeelNull.Instance, visible) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static void Collect(JsonElement components, Shape into)
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
                var inside = Text(component, "path") is { Length: > 0 } path ? into.At(path) : into;
                var repeats = !(component.TryGetProperty("isRepeating", out var repeating) && repeating.ValueKind == JsonValueKind.False);
                if (type == "dynamiclist" && repeats && !ReferenceEquals(inside, into))
                {
                    inside = inside.Entries();
                }

                if (component.TryGetProperty("components", out var children))
                {
                    Collect(children, inside);
                }
            }
            else if (IsKeyed(type) && !IsTruthy(component, "disabled") && Text(component, "key") is { Length: > 0 } key)
            {
                into.At(key).Hold(Field.Of(type, component));
            }
        }
    }

    private static string? Text(JsonElement component, string property) =>
        component.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// What the form submits at one place of its value: a field's value (<see cref="Field"/>), a context of named places, or — a
    /// dynamic list — a list of contexts shaped as <see cref="Entry"/>. A place two fields fill, or a field and a path through
    /// it, says nothing for sure: anything goes there.
    /// </summary>
    private sealed class Shape
    {
        public Dictionary<string, Shape> Children { get; } = new(StringComparer.Ordinal);

        public Field? Field { get; private set; }

        public Shape? Entry { get; private set; }

        private bool _open;

        /// <summary>The place at a dotted path below this one, made as needed.</summary>
        public Shape At(string path)
        {
            var place = this;
            foreach (var segment in path.Split('.'))
            {
                // form-js's set makes a list where the next segment is a number: the form says nothing sure of it.
                place._open |= segment.Length > 0 && segment.All(char.IsAsciiDigit);
                if (!place.Children.TryGetValue(segment, out var next))
                {
                    place.Children[segment] = next = new Shape();
                }

                place = next;
            }

            return place;
        }

        /// <summary>This place as a list of entries; the shape of each.</summary>
        public Shape Entries() => Entry ??= new Shape();

        public void Hold(Field field)
        {
            _open |= Field is not null;
            Field = field;
        }

        /// <summary>What is wrong with <paramref name="value"/> at <paramref name="at"/>; <paramref name="shown"/> as <see cref="Field.Check"/> takes it.</summary>
        public string? Check(string at, FeelValue value, FeelValue? shown, IReadOnlyDictionary<string, FeelValue> visible)
        {
            if (value is FeelNull || _open || (Field is not null && (Children.Count > 0 || Entry is not null)))
            {
                return null;
            }

            if (Field is { } field)
            {
                return field.Check(value, shown, visible) is { } problem ? $"{at}: {problem}" : null;
            }

            if (Entry is { } entry)
            {
                if (value is not FeelList list)
                {
                    return $"{at}: must be a list, not {value.TypeName}";
                }

                // Entries are added, removed and moved in the browser: what each held before is not known.
                return list.Items.Select((item, i) => entry.Check($"{at}[{i + 1}]", item, null, visible)).FirstOrDefault(p => p is not null);
            }

            if (value is not FeelContext context)
            {
                return $"{at}: must be a context of the form's fields, not {value.TypeName}";
            }

            foreach (var (key, inner) in context.Entries)
            {
                if (!Children.TryGetValue(key, out var place))
                {
                    return $"{at}.{key}: the form has no such field";
                }

                if (place.Check($"{at}.{key}", inner, shown is null ? null : (shown as FeelContext)?[key] ?? FeelNull.Instance, visible) is { } problem)
                {
                    return problem;
                }
            }

            return null;
        }
    }

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

        /// <param name="value">What was submitted for the field.</param>
        /// <param name="shown">What the task held at the field's place (FEEL null for nothing), or null where that cannot be told (inside a list's entries).</param>
        /// <param name="visible">The variables the task sees (for options a variable holds).</param>
        public string? Check(FeelValue value, FeelValue? shown, IReadOnlyDictionary<string, FeelValue> visible)
        {
            if (ReadOnly && shown is not null)
            {
                // The browser submits what it showed: the variable, else the default, as it reads them; emptied at most.
                shown = shown is FeelNull ? Default : shown;
                // A list keeps at most what it held (form-js drops entries its options no longer hold).
                return (shown is not null && Same(value, shown))
                    || (value is FeelList kept && shown is FeelList held && kept.Items.All(k => held.Items.Any(h => Same(k, h))))
                    || value is FeelNull or FeelString { Value.Length: 0 } or FeelBoolean { Value: false } or FeelList { Count: 0 } ? null
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
                "textfield" or "textarea" when value is FeelString s && s.Value.Trim().Length > MaxLength => $"is {s.Value.Trim().Length} characters long; the form allows {MaxLength}",
                "checkbox" when value is not FeelBoolean => $"must be true or false, not {value.TypeName}",
                _ => null,
            };
        }

        private string? CheckOptions(FeelValue value, IReadOnlyDictionary<string, FeelValue> visible)
        {
            // form-js takes a valuesKey before static values.
            var options = OptionsVariable is null ? Options : Offered(visible.GetValueOrDefault(OptionsVariable));
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

            var other = chosen.FirstOrDefault(c => !options.Any(o => Same(c, o)));
            return other is null ? null : $"{Shown(other)} is not one of the options the form offered";
        }

        /// <summary>
        /// Whether the browser's <paramref name="submitted"/> is what it was given as <paramref name="given"/>: the same value, or the
        /// same once through JavaScript — as text (a text field shows a number or a date as text, a line break as a space) or as a
        /// double (a FEEL number of more digits than JavaScript holds).
        /// </summary>
        private static bool Same(FeelValue submitted, FeelValue given)
        {
            if (submitted.Equals(given))
            {
                return true;
            }

            var (a, b) = (Plain(submitted), Plain(given));
            return a == b
                || (double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && x == y)
                || string.Join(' ', a.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) == string.Join(' ', b.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }

        /// <summary>A value as the browser's JSON gives it, a string without its quotes.</summary>
        private static string Plain(FeelValue value)
        {
            var json = FeelJson.ToJsonString(value);
            return json.Length >= 2 && json[0] == '"' ? JsonSerializer.Deserialize<string>(json)! : json;
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
