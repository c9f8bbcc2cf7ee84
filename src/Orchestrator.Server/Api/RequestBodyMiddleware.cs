using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Orchestrator.Server.Api;

/// <summary>
/// Refuses a body that cannot be read as sent, after the caller was let in: one in a character set nobody knows (415; reading
/// it failed deep in the framework, a 500), and JSON that does not parse sent to a route that takes no body (400: such a route,
/// an instance's cancellation, ran and answered 204 as if the body had been fine).
/// </summary>
public sealed class RequestBodyMiddleware(RequestDelegate next)
{
    /// <summary>Refuses the request or passes it on.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.ContentType is { } contentType && MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            if (type.Charset is { Length: > 0 } charset && !Known(charset.Value!.Trim('"')))
            {
                throw new ApiException(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                    $"the request body's character set '{charset.Value}' (Content-Type: {contentType}) is not one this server reads: send UTF-8");
            }

            if (HasBody(request) && IsJson(type) && context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is null)
            {
                // Read again by the route when it reads the body itself (a webhook checks its signature over the bytes). Broken JSON
                // throws, and ProblemMiddleware answers it as it answers any body that does not parse.
                request.EnableBuffering();
                using (await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false))
                {
                    request.Body.Position = 0;
                }
            }
        }

        await next(context).ConfigureAwait(false);
    }

    private static bool Known(string charset)
    {
        try
        {
            Encoding.GetEncoding(charset);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0 || request.ContentLength is null && request.Headers.TransferEncoding.Count > 0;

    private static bool IsJson(MediaTypeHeaderValue type) =>
        type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
}
