using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Orchestrator.Server.Limits;

/// <summary>Registers <see cref="LimitsOptions"/>, the rate limits of public routes, and applies the request body limit to the web server.</summary>
public static class LimitsServiceExtensions
{
    /// <summary>How many times the request head limits of <see cref="LimitsOptions"/> the web server's own are.</summary>
    private const int HeadRoom = 4;

    /// <summary>Registers <see cref="LimitsOptions"/> (validated at start), the rate limits and the web server's body and head limits.</summary>
    public static WebApplicationBuilder AddOrchestratorLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<LimitsOptions>().BindConfiguration("Limits").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsValidation>();
        builder.Services.AddOrchestratorRateLimits();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<LimitsOptions>>((kestrel, limits) =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.Value.RequestMaxBytes;
            // The web server refuses a request line or header fields past its own limits with a status and no body: its limits
            // are four times ours, so that what passes ours but not by far is refused with a problem that says what and how
            // big (RequestHeadMiddleware); what passes them by more is not a client's mistake.
            kestrel.Limits.MaxRequestLineSize = HeadRoom * limits.Value.RequestTargetMaxBytes + 64;
            kestrel.Limits.MaxRequestHeadersTotalSize = HeadRoom * limits.Value.RequestHeadersMaxBytes;
            kestrel.Limits.MaxRequestHeaderCount = HeadRoom * limits.Value.RequestHeadersMaxCount;
        });
        return builder;
    }
}
