namespace Orchestrator.Server.Tracking;

/// <summary>Registers the customer's progress page.</summary>
public static class TrackingServiceExtensions
{
    /// <summary>Binds <see cref="TrackingOptions"/> (checked at start) and the <see cref="CaseTracker"/>.</summary>
    public static WebApplicationBuilder AddOrchestratorTracking(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TrackingOptions>()
            .Bind(builder.Configuration.GetSection(TrackingOptions.Section))
            .Validate(o => o.PublicBaseUrl is null || o.PublicBaseUrl.IsAbsoluteUri, "Tracking:PublicBaseUrl must be an absolute URL")
            .Validate(o => o.MinimumResponseMilliseconds is >= 0 and <= 5000, "Tracking:MinimumResponseMilliseconds must be between 0 and 5000")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Tracking:TimeZone must be a time zone id, e.g. Asia/Shanghai")
            .ValidateOnStart();
        builder.Services.AddSingleton<CaseTracker>();
        return builder;
    }
}
