using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;

namespace Orchestrator.Server.Api;

/// <summary>
/// The words of a problem response for what the web framework refused: a route, method or content type it does not take, a
/// body or parameter it could not bind. Its own messages name .NET types ("could not be converted to …+CreateInstanceRequest",
/// "Nullable&lt;bool&gt; truncateValues") and speak to its programmers; these say which field and what it must be.
/// </summary>
internal static partial class RequestRefusals
{
    /// <summary>The Camunda title code of a status the framework answered with.</summary>
    public static string TitleOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "UNAUTHORIZED",
        StatusCodes.Status403Forbidden => "FORBIDDEN",
        StatusCodes.Status404NotFound => "NOT_FOUND",
        StatusCodes.Status405MethodNotAllowed => "METHOD_NOT_ALLOWED",
        StatusCodes.Status415UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
        StatusCodes.Status429TooManyRequests => "RESOURCE_EXHAUSTED",
        >= 500 => "INTERNAL",
        _ => "INVALID_ARGUMENT",
    };

    /// <summary>What a refusal the framework answered without a body was about.</summary>
    public static string DetailOf(HttpContext context, int status)
    {
        var request = context.Request;
        var route = $"{request.Method} {request.Path}";
        return status switch
        {
            StatusCodes.Status401Unauthorized => $"{route} needs credentials: sign in, or send Basic credentials, an X-API-Key or a bearer token",
            StatusCodes.Status403Forbidden => $"your roles do not allow {route}",
            StatusCodes.Status404NotFound => $"no route answers {route}",
            StatusCodes.Status405MethodNotAllowed => context.Response.Headers.Allow is { Count: > 0 } allow
                ? $"{request.Path} does not take {request.Method}; it takes {allow}"
                : $"{request.Path} does not take {request.Method}",
            StatusCodes.Status415UnsupportedMediaType =>
                $"{route} does not take a body of type {request.ContentType ?? "(none given)"}: send application/json (multipart/form-data for deployments)",
            _ => $"{route} was refused ({Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)})",
        };
    }

    /// <summary>What a request the framework could not bind got wrong, in a client's words.</summary>
    public static string Describe(BadHttpRequestException bad, HttpContext context)
    {
        if (bad.InnerException is JsonException json)
        {
            return Describe(json, context);
        }

        // The framework's own words name its parameter types ("Nullable<bool> truncateValues") and speak to its programmers.
        if (BindFailure().Match(bad.Message) is { Success: true } bind)
        {
            return $"{bind.Groups["name"].Value} must be {ExpectedNamed(bind.Groups["type"].Value)}, not \"{bind.Groups["value"].Value}\"";
        }

        return bad.Message.Contains("but no body was provided", StringComparison.Ordinal)
            ? "this route needs a JSON body (Content-Type: application/json)"
            : bad.Message;
    }

    /// <summary>What was wrong with a JSON body and where: "page.limit must be a whole number", not the .NET type it was read into.</summary>
    public static string Describe(JsonException json, HttpContext context)
    {
        var field = json.Path is null or "$" ? "the request body" : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path;
        if (json.InnerException is InvalidOperationException { Message: var reading } && reading.Contains("UTF-16", StringComparison.Ordinal))
        {
            // The reader could not give a string as text (a name or a value): an escaped lone surrogate is valid JSON but no text.
            return $"{field} holds text that is not valid Unicode (a lone surrogate escape such as \\ud800)";
        }

        if (json.Message.StartsWith("The JSON value could not be converted to ", StringComparison.Ordinal) && json.Path is not null)
        {
            // The message names the record the field is in, not the field's type: that is found from the body the route reads.
            var type = FieldType(context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType, json.Path);
            return type is null ? $"{field} has a value of the wrong type" : $"{field} must be {Expected(type)}";
        }

        if (json.Message.StartsWith("Duplicate propert", StringComparison.Ordinal) && json.Path is not null)
        {
            // The serializer refuses a field a body names twice (ApiJson: AllowDuplicateProperties off).
            return $"{field} is named twice; send it once";
        }

        return json.Path is null || json.Message.Contains("Path:", StringComparison.Ordinal)
            ? $"the request body is not valid JSON: {json.Message}"
            : $"{field}: {json.Message}";
    }

    /// <summary>The type of the field at a JSON path (<c>$.page.limit</c>, <c>$.sort[0].field</c>) of a request body of <paramref name="body"/>.</summary>
    private static Type? FieldType(Type? body, string path)
    {
        var type = body;
        foreach (var segment in PathSegments().Matches(path).Select(m => m.Value))
        {
            if (type is null)
            {
                return null;
            }

            type = Nullable.GetUnderlyingType(type) ?? type;
            var dictionary = type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));
            type = segment.StartsWith('[') ? ElementType(type)
                : dictionary is not null ? dictionary.GetGenericArguments()[1]
                : type.GetProperties().FirstOrDefault(p => string.Equals(p.Name, segment, StringComparison.OrdinalIgnoreCase))?.PropertyType;
        }

        return type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
    }

    private static Type? ElementType(Type type) => type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>What a query or route parameter's type, as the framework's message names it ("Nullable&lt;bool&gt;"), is to a client.</summary>
    private static string ExpectedNamed(string type) => type switch
    {
        _ when type.Contains("bool", StringComparison.OrdinalIgnoreCase) => "true or false",
        _ when type.Contains("int", StringComparison.OrdinalIgnoreCase) || type.Contains("long", StringComparison.OrdinalIgnoreCase) => "a whole number",
        _ when type.Contains("DateTime", StringComparison.OrdinalIgnoreCase) => "a date and time (ISO 8601)",
        _ when type.Contains("decimal", StringComparison.OrdinalIgnoreCase) || type.Contains("double", StringComparison.OrdinalIgnoreCase) => "a number",
        _ => "a value of another type",
    };

    /// <summary>What a field's .NET type is to a client.</summary>
    private static string Expected(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.String => "a string",
        TypeCode.Boolean => "true or false",
        TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 or TypeCode.Byte => "a whole number",
        TypeCode.Decimal or TypeCode.Double or TypeCode.Single => "a number",
        _ when type == typeof(DateTimeOffset) => "a date and time (ISO 8601)",
        _ when type.IsEnum => "one of the values the API reference lists",
        _ when ElementType(type) is not null && !type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)) => "an array",
        _ => "an object",
    };

    [GeneratedRegex(@"[^.\[\]$]+|\[\d+\]")]
    private static partial Regex PathSegments();

    [GeneratedRegex(@"^Failed to bind parameter ""(?<type>.+) (?<name>\w+)"" from ""(?<value>.*)""")]
    private static partial Regex BindFailure();
}
