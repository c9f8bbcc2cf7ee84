using Serilog;
using Serilog.Formatting.Compact;

namespace Orchestrator.Server.Hosting;

/// <summary>Serilog: readable console, rolling compact-JSON file under <c>./logs</c> (the working directory's), settings from the <c>Serilog</c> section.</summary>
public static partial class LoggingExtensions
{
    public static WebApplicationBuilder AddOrchestratorLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var logFolder = builder.Configuration["Logging:File:Path"] ?? ServerPaths.DefaultLogFolder;
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(new CompactJsonFormatter(), Path.Combine(logFolder, "orchestrator-.clef"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14));
        return builder;
    }

    /// <summary>Logs why the server stopped (a start-up that cannot go on: a node id in use, a database that refuses it).</summary>
    [LoggerMessage(Level = LogLevel.Critical, Message = "The server stopped: {Reason}")]
    public static partial void ServerStopped(this Microsoft.Extensions.Logging.ILogger logger, Exception exception, string reason);
}
