using System.Text.Json;

namespace Orchestrator.Engine.Model;

/// <summary>
/// The variables a form (form-js JSON, as <see cref="FormReader"/> accepted it) sets when it is submitted, as form-js's
/// submission builds them: the first segment of each keyed field's <c>key</c> (form-js reads <c>a.b</c> as a path), and of each
/// group's or dynamic list's <c>path</c> (their fields are inside it). A field whose own <c>disabled</c> holds is not submitted;
/// a container's does not reach its fields. Buttons, texts and the other fields that show rather than ask set nothing, whatever
/// key they carry.
/// </summary>
public static class FormFields
{
    /// <summary>The form-js field types that set no variable of their own.</summary>
    private static readonly HashSet<string> Unkeyed = new(StringComparer.Ordinal)
    {
        "button", "text", "html", "image", "iframe", "spacer", "separator", "table", "documentPreview", "default",
    };

    /// <summary>The form-js field types that hold other fields, under their <c>path</c> when they have one.</summary>
    private static readonly HashSet<string> Containers = new(StringComparer.Ordinal) { "group", "dynamiclist" };

    /// <summary>Whether a field of <paramref name="type"/> sets the variable its <c>key</c> names (custom types are taken as doing so).</summary>
    internal static bool IsKeyed(string type) => !Unkeyed.Contains(type) && !Containers.Contains(type);

    /// <summary>Whether a field of <paramref name="type"/> holds other fields.</summary>
    internal static bool IsContainer(string type) => Containers.Contains(type);

    /// <summary>The names of the process variables <paramref name="schema"/> sets; none when it is no form.</summary>
    public static IReadOnlySet<string> Variables(string schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(schema);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("components", out var components))
            {
                Collect(components, names);
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Not a form (deployment refuses those), or a key that is no text (a lone surrogate escaped): it sets nothing.
            names.Clear();
        }

        return names;
    }

    private static void Collect(JsonElement components, SortedSet<string> names)
    {
        if (components.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var component in components.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object))
        {
            var type = component.TryGetProperty("type", out var typeValue) && typeValue.ValueKind == JsonValueKind.String ? typeValue.GetString()! : string.Empty;
            if (IsContainer(type))
            {
                if (First(component, "path") is { } path)
                {
                    names.Add(path);
                }
                else if (component.TryGetProperty("components", out var children))
                {
                    Collect(children, names);
                }
            }
            else if (IsKeyed(type) && !IsTruthy(component, "disabled") && First(component, "key") is { } key)
            {
                names.Add(key);
            }
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

    /// <summary>The first segment of a string property holding a path (<c>a.b</c>), or null.</summary>
    private static string? First(JsonElement component, string property) =>
        component.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text.Split('.')[0]
            : null;
}
