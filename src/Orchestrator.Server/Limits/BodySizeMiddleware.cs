using Microsoft.AspNetCore.Http.Features;
using Orchestrator.Server.Api;

namespace Orchestrator.Server.Limits;

/// <summary>
/// Refuses a request whose declared body is larger than the route takes, with a 413 problem, before anything reads
/// it (once the web server itself stops a body that is too big, it answers 413 with no body and closes the connection).
/// </summary>
public sealed class BodySizeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (context.Request.ContentLength is { } length && length > limit)
        {
            throw new ApiException(StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE",
                $"the request body is {length} bytes; this route takes at most {limit} (Limits:RequestMaxBytes, or Limits:DeploymentMaxBytes for models)");
        }

        return next(context);
    }
}
