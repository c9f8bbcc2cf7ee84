namespace Orchestrator.Server.Api;

/// <summary>A request the API refuses, answered as an RFC 9457 problem with a Camunda title code.</summary>
public sealed class ApiException(int status, string title, string detail) : Exception(detail)
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>The code: <c>INVALID_ARGUMENT</c>, <c>NOT_FOUND</c>, <c>CONFLICT</c>...</summary>
    public string Title { get; } = title;

    /// <summary>When to try again (the <c>Retry-After</c> header of a 429 or 503), if the refusal is for a while only.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True when the request's body was left unread: the connection cannot carry another request and closes.</summary>
    public bool BodyLeftUnread { get; init; }

    /// <summary>429 TOO_MANY_REQUESTS: try again after <paramref name="retryAfter"/>.</summary>
    public static ApiException TooMany(string detail, TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, "TOO_MANY_REQUESTS", detail) { RetryAfter = retryAfter };

    /// <summary>400 INVALID_ARGUMENT.</summary>
    public static ApiException Invalid(string detail) => new(StatusCodes.Status400BadRequest, "INVALID_ARGUMENT", detail);

    /// <summary>404 NOT_FOUND.</summary>
    public static ApiException NotFound(string detail) => new(StatusCodes.Status404NotFound, "NOT_FOUND", detail);

    /// <summary>409 CONFLICT.</summary>
    public static ApiException Conflict(string detail) => new(StatusCodes.Status409Conflict, "CONFLICT", detail);

    /// <summary>413 PAYLOAD_TOO_LARGE; <paramref name="bodyLeftUnread"/> when the request's body was not read to its end.</summary>
    public static ApiException TooLarge(string detail, bool bodyLeftUnread = false) =>
        new(StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE", detail) { BodyLeftUnread = bodyLeftUnread };

    /// <summary>414 URI_TOO_LONG: the request's target is longer than the server takes.</summary>
    public static ApiException TargetTooLong(string detail) => new(StatusCodes.Status414UriTooLong, "URI_TOO_LONG", detail);

    /// <summary>431 REQUEST_HEADER_FIELDS_TOO_LARGE: the request's header fields are more or bigger than the server takes.</summary>
    public static ApiException HeadersTooLarge(string detail) =>
        new(StatusCodes.Status431RequestHeaderFieldsTooLarge, "REQUEST_HEADER_FIELDS_TOO_LARGE", detail);

    /// <summary>What a value past a limit is refused with: 413 when it is too big, 400 when it is too deep.</summary>
    public static ApiException Of(Engine.LimitViolation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        return violation.TooLarge ? TooLarge(violation.Message) : Invalid(violation.Message);
    }

    /// <summary>403 FORBIDDEN.</summary>
    public static ApiException Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "FORBIDDEN", detail);
}
