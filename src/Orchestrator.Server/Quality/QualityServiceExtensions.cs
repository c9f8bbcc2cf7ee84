using Orchestrator.Server.Workers;

namespace Orchestrator.Server.Quality;

/// <summary>Registers case facts, QA sampling and the service-quality reports.</summary>
public static class QualityServiceExtensions
{
    public static WebApplicationBuilder AddOrchestratorQuality(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<QualityOptions>().BindConfiguration("Quality")
            .Validate(o => o.SampleRate is >= 0 and <= 1, "Quality:SampleRate must be between 0 and 1")
            .Validate(o => o.SweepSeconds > 0 && o.ReopenDays >= 0 && o.MoverMinimumCount > 0, "Quality:SweepSeconds and Quality:MoverMinimumCount must be positive, Quality:ReopenDays not negative")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Quality:TimeZone must be a time zone id, e.g. Asia/Shanghai")
            .Validate(o => Orchestrator.Feel.FeelEngine.Default.TryParse(o.AmountExpression, out _, out _), "Quality:AmountExpression must be a FEEL expression")
            .Validate(o => o.Dimensions.Values.All(d => Orchestrator.Feel.FeelEngine.Default.TryParse(d, out _, out _)), "every Quality:Dimensions entry must be a FEEL expression")
            .ValidateOnStart();
        builder.Services.AddSingleton<CaseFacts>();
        builder.Services.AddSingleton<QualitySampler>();
        builder.Services.AddSingleton<VocReasonLabels>();
        builder.Services.AddSingleton<QualityMonitor>();
        builder.Services.AddJobHandler<VocDigestHandler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<QualityMonitor>());
        return builder;
    }
}
