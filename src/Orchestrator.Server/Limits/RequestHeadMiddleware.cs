using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Orchestrator.Server.Api;

namespace Orchestrator.Server.Limits;

/// <summary>
/// Refuses a request whose target (path and query) is longer than <see cref="LimitsOptions.RequestTargetMaxBytes"/> with a 414
/// problem, and one whose header fields are more or bigger than <see cref="LimitsOptions.RequestHeadersMaxCount"/> and
/// <see cref="LimitsOptions.RequestHeadersMaxBytes"/> allow with a 431 problem naming the biggest field — where the web server,
/// at its own limits, answers with the status alone.
/// </summary>
public sealed class RequestHeadMiddleware(RequestDelegate next, IOptions<LimitsOptions> limits)
{
    /// <summary>Refuses a request whose head is past the limits, or passes it on.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = limits.Value;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        if (target.Length > options.RequestTargetMaxBytes)
        {
            throw ApiException.TargetTooLong(
                $"the request's target (path and query) is {target.Length} bytes; at most {options.RequestTargetMaxBytes} (Limits:RequestTargetMaxBytes)");
        }

        var fields = 0;
        var bytes = 0;
        var (biggest, biggestBytes) = ("", 0);
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                // As sent: "name: value" and the line's end.
                var size = name.Length + (value?.Length ?? 0) + 4;
                fields++;
                bytes += size;
                if (size > biggestBytes)
                {
                    (biggest, biggestBytes) = (name, size);
                }
            }
        }

        if (fields > options.RequestHeadersMaxCount)
        {
            throw ApiException.HeadersTooLarge(
                $"the request has {fields} header fields; at most {options.RequestHeadersMaxCount} (Limits:RequestHeadersMaxCount)");
        }

        if (bytes > options.RequestHeadersMaxBytes)
        {
            throw ApiException.HeadersTooLarge(
                $"the request's header fields are {bytes} bytes; at most {options.RequestHeadersMaxBytes} (Limits:RequestHeadersMaxBytes); the biggest is {biggest} ({biggestBytes} bytes)");
        }

        return next(context);
    }
}
