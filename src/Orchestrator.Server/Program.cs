using Orchestrator.Server.Api;
using Orchestrator.Server.Auth;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Sla;
using Orchestrator.Server.Telemetry;
using Orchestrator.Server.Timers;
using Orchestrator.Server.Ui;
using Orchestrator.Server.Webhooks;
using Orchestrator.Server.Workers;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://localhost:8080");
builder.AddOrchestratorLogging();
builder.AddOrchestratorTelemetry();
builder.AddOrchestratorEngine();
builder.AddOrchestratorAuth();
builder.AddOrchestratorWorkers();
builder.AddOrchestratorTimers();
builder.AddOrchestratorWebhooks();
builder.AddOrchestratorSla();
builder.AddOrchestratorAftersales();
builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks();

var app = builder.Build();
app.UseSerilogRequestLogging();
app.UseMiddleware<ProblemMiddleware>();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.MapOpenApi();
app.MapHealthChecks("/health");
app.MapOrchestratorMetrics();
app.MapAuthApi();
app.MapV2Api();
app.MapWebhooks();
app.MapSlaApi();
app.MapUiApi();
app.MapOrchestratorSimulators();
app.Run();

/// <summary>The server's entry point (public for <c>WebApplicationFactory</c>).</summary>
public partial class Program;
