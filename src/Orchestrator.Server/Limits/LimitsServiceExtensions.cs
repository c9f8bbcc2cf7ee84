using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Orchestrator.Server.Limits;

/// <summary>Registers <see cref="LimitsOptions"/>, the rate limits of public routes, and applies the request body limit to the web server.</summary>
public static class LimitsServiceExtensions
{
    /// <summary>Registers <see cref="LimitsOptions"/> (validated at start), the rate limits and the web server's body limit.</summary>
    public static WebApplicationBuilder AddOrchestratorLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<LimitsOptions>().BindConfiguration("Limits").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsValidation>();
        builder.Services.AddOrchestratorRateLimits();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<LimitsOptions>>((kestrel, limits) =>
            kestrel.Limits.MaxRequestBodySize = limits.Value.RequestMaxBytes);
        return builder;
    }
}
