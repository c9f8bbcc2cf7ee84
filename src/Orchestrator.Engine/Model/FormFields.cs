using System.Text.Json;

namespace Orchestrator.Engine.Model;

/// <summary>
/// The variables a form (form-js JSON, as <see cref="FormReader"/> accepted it) sets when it is submitted: the first segment of
/// each field's <c>key</c> (form-js reads <c>a.b</c> as a path), and of each group's or dynamic list's <c>path</c> (their fields
/// are inside it). A disabled field is not submitted, so it sets nothing.
/// </summary>
public static class FormFields
{
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
            if (component.TryGetProperty("disabled", out var disabled) && disabled.ValueKind == JsonValueKind.True)
            {
                continue;
            }

            if (First(component, "path") is { } path)
            {
                names.Add(path);
            }
            else if (component.TryGetProperty("components", out var children))
            {
                Collect(children, names);
            }

            if (First(component, "key") is { } key)
            {
                names.Add(key);
            }
        }
    }

    /// <summary>The first segment of a string property holding a path (<c>a.b</c>), or null.</summary>
    private static string? First(JsonElement component, string property) =>
        component.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text.Split('.')[0]
            : null;
}
