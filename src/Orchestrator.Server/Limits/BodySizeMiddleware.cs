using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Orchestrator.Server.Api;

namespace Orchestrator.Server.Limits;

/// <summary>
/// Refuses a request whose declared body is larger than the route takes, with a 413 problem, before anything parses
/// it (once the web server itself stops a body that is too big, it answers 413 with no body and closes the connection).
/// </summary>
public sealed class BodySizeMiddleware(RequestDelegate next, IOptions<LimitsOptions> limits)
{
    /// <summary>Refuses a request declared too big for its route, or passes it on.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        var limit = feature?.MaxRequestBodySize;
        if (context.Request.ContentLength is { } length && length > limit)
        {
            // A client sends its whole body before it reads the answer: a body up to twice what a deployment may be is read
            // and dropped so that the 413 reaches it; a bigger one is cut off, and the connection with it.
            var drained = length <= 2 * limits.Value.DeploymentMaxBytes && feature is { IsReadOnly: false };
            if (drained)
            {
                feature!.MaxRequestBodySize = length;
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
            }

            throw ApiException.TooLarge(
                $"the request body is {length} bytes; this route takes at most {limit} (Limits:RequestMaxBytes, or Limits:DeploymentMaxBytes for models)", !drained);
        }

        await next(context).ConfigureAwait(false);
    }
}
