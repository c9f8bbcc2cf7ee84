using Orchestrator.Feel.Values;
using Orchestrator.Server.Hosting;

using Orchestrator.Server.Auth;

namespace Orchestrator.Server.Api.Messages;

/// <summary>Messages (publish with buffering, correlate now) and signals.</summary>
public static class MessagesApi
{
    public static RouteGroupBuilder MapMessagesApi(this RouteGroupBuilder v2)
    {
        v2.MapPost("/messages/publication", async (PublishRequest request, EngineHost host) =>
        {
            var name = Required(request?.Name, "name");
            ApiValues.CheckTenant(request!.TenantId);
            var timeToLive = ApiValues.Milliseconds("timeToLive", request.TimeToLive ?? 0);
            var key = await host.RunAsync(engine => engine.PublishMessage(name, request.CorrelationKey ?? "",
                timeToLive, request.MessageId, ApiValues.Of(request.Variables))).ConfigureAwait(false);
            return TypedResults.Ok(new PublishResponse(Json.Key(key), ApiValues.Tenant));
        }).RequirePermission(Permissions.MessagesPublish);
        v2.MapPost("/messages/correlation", async (CorrelateRequest request, EngineHost host) =>
        {
            var name = Required(request?.Name, "name");
            ApiValues.CheckTenant(request!.TenantId);
            var key = 0L;
            var instance = await host.RunAsync(engine =>
            {
                var correlated = engine.CorrelateMessage(name, request.CorrelationKey ?? "", ApiValues.Of(request.Variables));
                key = engine.Store.NextKey();
                return correlated;
            }).ConfigureAwait(false);
            return instance is { } instanceKey
                ? TypedResults.Ok(new CorrelateResponse(Json.Key(key), ApiValues.Tenant, Json.Key(instanceKey)))
                : throw ApiException.NotFound($"no process instance waits for message '{name}' with correlation key '{request.CorrelationKey}' and no start event takes it");
        }).RequirePermission(Permissions.MessagesPublish);
        v2.MapPost("/signals/broadcast", async (BroadcastRequest request, EngineHost host) =>
        {
            var name = Required(request?.SignalName, "signalName");
            ApiValues.CheckTenant(request!.TenantId);
            var key = 0L;
            await host.RunAsync(engine =>
            {
                engine.BroadcastSignal(name, ApiValues.Of(request.Variables));
                key = engine.Store.NextKey();
            }).ConfigureAwait(false);
            return TypedResults.Ok(new BroadcastResponse(Json.Key(key), ApiValues.Tenant));
        }).RequirePermission(Permissions.SignalsBroadcast);
        return v2;
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw ApiException.Invalid($"{name} is required") : value;

    /// <summary><c>POST /v2/messages/publication</c>.</summary>
    public sealed record PublishRequest(string? Name, string? CorrelationKey, long? TimeToLive, string? MessageId, Dictionary<string, FeelValue>? Variables, string? TenantId);

    /// <summary>The published message.</summary>
    public sealed record PublishResponse(string MessageKey, string TenantId);

    /// <summary><c>POST /v2/messages/correlation</c>.</summary>
    public sealed record CorrelateRequest(string? Name, string? CorrelationKey, Dictionary<string, FeelValue>? Variables, string? TenantId);

    /// <summary>Where the message went.</summary>
    public sealed record CorrelateResponse(string MessageKey, string TenantId, string ProcessInstanceKey);

    /// <summary><c>POST /v2/signals/broadcast</c>.</summary>
    public sealed record BroadcastRequest(string? SignalName, Dictionary<string, FeelValue>? Variables, string? TenantId);

    /// <summary>The broadcast signal.</summary>
    public sealed record BroadcastResponse(string SignalKey, string TenantId);
}
