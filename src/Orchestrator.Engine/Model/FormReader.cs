using System.Text.Json;

namespace Orchestrator.Engine.Model;

/// <summary>
/// Reads a form (<c>.form</c>, form-js JSON) far enough to know it can be shown: an object with a string <c>id</c> and a
/// <c>components</c> array whose fields are objects with a string <c>type</c>, a string <c>key</c> when they set a variable (a
/// <c>path</c> for a dynamic list), and nested <c>components</c> of the same shape. The form's own fields are the web UI's business.
/// </summary>
internal static class FormReader
{
    /// <summary>The form's id, or null with the first problem found.</summary>
    public static string? Id(DeploymentResource resource, out ModelProblem? problem)
    {
        problem = null;
        try
        {
            // A property named twice is refused, as the API refuses it: form-js would show one of the two.
            using var document = JsonDocument.Parse(resource.Content, new JsonDocumentOptions { AllowDuplicateProperties = false });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var id)
                || id.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(id.GetString()))
            {
                problem = new ModelProblem(resource.Name, null, 1, 1, "a form must be a JSON object with a string \"id\"");
                return null;
            }

            var formId = id.GetString()!;
            if (formId.Contains('\0', StringComparison.Ordinal) || formId.Length > BpmnParser.MaxIdLength)
            {
                // Looked up by index: PostgreSQL holds no NUL in text and refuses an index entry over about 2,700 bytes.
                problem = new ModelProblem(resource.Name, null, 1, 1, $"a form's \"id\" must be at most {BpmnParser.MaxIdLength} characters, without NUL (\\u0000)");
                return null;
            }

            var (componentId, message) = root.TryGetProperty("components", out var components)
                ? Components(components, "components")
                : (null, "components: a form needs a \"components\" array of form fields");
            if (message is not null)
            {
                problem = new ModelProblem(resource.Name, componentId, 0, 0, message);
                return null;
            }

            return formId;
        }
        catch (JsonException ex)
        {
            problem = new ModelProblem(resource.Name, null, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, $"the form is not valid JSON: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            // A lone surrogate escaped in a string is valid JSON syntax but no text.
            problem = new ModelProblem(resource.Name, null, 0, 0, $"the form holds a string that is not text: {ex.Message}");
        }

        return null;
    }

    /// <summary>The first problem of a components array, with the id of the field it is in when that has one; (null, null) when none.</summary>
    private static (string? Id, string? Message) Components(JsonElement components, string path)
    {
        if (components.ValueKind != JsonValueKind.Array)
        {
            return (null, $"{path}: must be an array of form fields, not {Describe(components)}");
        }

        var index = 0;
        foreach (var component in components.EnumerateArray())
        {
            var at = $"{path}[{index++}]";
            if (component.ValueKind != JsonValueKind.Object)
            {
                return (null, $"{at}: a form field must be an object, not {Describe(component)}");
            }

            var id = component.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
            if (!component.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(type.GetString()))
            {
                return (id, $"{at}.type: a form field needs a string \"type\"{(component.TryGetProperty("type", out var given) ? $", not {Describe(given)}" : "")}");
            }

            if (component.TryGetProperty("key", out var key) && key.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return (id, $"{at}.key: the variable a form field sets must be a string, not {Describe(key)}");
            }

            // form-js names a field without a key (a list without a path) at random when it shows the form, and submits that name:
            // no completion could say which variable it is, and an agent's would be refused (FormFields).
            var kind = type.GetString()!;
            if (FormFields.IsKeyed(kind) && (key.ValueKind != JsonValueKind.String || key.GetString()!.Length == 0))
            {
                return (id, $"{at}.key: a form field of type '{kind}' needs a \"key\", the variable it sets");
            }

            if (kind == "dynamiclist" && (!component.TryGetProperty("path", out var listPath) || listPath.ValueKind != JsonValueKind.String || listPath.GetString()!.Length == 0))
            {
                return (id, $"{at}.path: a dynamic list needs a \"path\", the variable its entries go to");
            }

            if (component.TryGetProperty("components", out var children) && Components(children, at + ".components") is { Message: not null } inner)
            {
                return inner;
            }
        }

        return (null, null);
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
        _ => "null",
    };
}
