using Orchestrator.Server.Api;
using Orchestrator.Server.Api.BatchOperations;
using Orchestrator.Server.Auth;
using Orchestrator.Server.Health;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Limits;
using Orchestrator.Server.Messaging;
using Orchestrator.Server.Security;
using Orchestrator.Server.Sla;
using Orchestrator.Server.Telemetry;
using Orchestrator.Server.Timers;
using Orchestrator.Server.Tracking;
using Orchestrator.Server.Quality;
using Orchestrator.Server.Ui;
using Orchestrator.Server.Voc;
using Orchestrator.Server.Webhooks;
using Orchestrator.Server.Workspace;
using Orchestrator.Server.Workers;
using Serilog;

var builder = WebApplication.CreateBuilder(ServerPaths.HostOptions(args));
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://localhost:8080");
builder.AddOrchestratorLogging();
builder.AddOrchestratorLimits();
builder.AddOrchestratorProxies();
builder.AddOrchestratorTelemetry();
builder.AddOrchestratorEngine();
builder.AddOrchestratorAuth();
builder.AddOrchestratorWorkers();
builder.AddOrchestratorTimers();
builder.AddOrchestratorWebhooks();
builder.AddOrchestratorMessaging();
builder.AddOrchestratorSla();
builder.AddOrchestratorAftersales();
builder.AddOrchestratorTracking();
builder.AddOrchestratorQuality();
builder.AddOrchestratorBatchOperations();
builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddOpenApi();
builder.AddOrchestratorHealth();

var app = builder.Build();
app.UseForwardedHeaders();
app.UseSerilogRequestLogging();
app.UseMiddleware<ProblemMiddleware>();
app.UseMiddleware<RequestHeadMiddleware>();
app.UseMiddleware<BodySizeMiddleware>();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseMiddleware<OriginCheckMiddleware>();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<RequestBodyMiddleware>();
app.MapOpenApi().RequireAuthorization(AuthExtensions.ApiPolicy);
app.MapOrchestratorHealth();
app.MapOrchestratorMetrics();
app.MapAuthApi();
app.MapV2Api();
app.MapWebhooks();
app.MapSlaApi();
app.MapUiApi();
app.MapTrackingApi();
app.MapQualityApi();
app.MapWorkspaceApi();
app.MapVocReasonsApi();
app.MapOrchestratorSimulators();
try
{
    app.Run();
}
catch (Exception e) when (e is not HostAbortedException)
{
    // A start-up that cannot go on (a node id in use, a database that refuses us) ends with one clear line and exit code 1.
    app.Logger.ServerStopped(e, e.Message);
    Environment.ExitCode = 1;
}

/// <summary>The server's entry point (public for <c>WebApplicationFactory</c>).</summary>
public partial class Program;
