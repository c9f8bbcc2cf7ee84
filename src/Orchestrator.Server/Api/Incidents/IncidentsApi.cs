using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.State;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Persistence.Store;
using Orchestrator.Server.Api.Search;
using Orchestrator.Server.Hosting;

using Orchestrator.Server.Auth;

namespace Orchestrator.Server.Api.Incidents;

/// <summary>Incidents: search, get, resolve.</summary>
public static class IncidentsApi
{
    private static readonly SearchFields<IncidentRow> Fields = new SearchFields<IncidentRow>(i => i.Key)
        .Key("incidentKey", i => i.Key)
        .Key("processInstanceKey", i => i.ProcessInstanceKey)
        .Key("processDefinitionKey", i => i.ProcessDefinitionKey)
        .Text("processDefinitionId", i => i.BpmnProcessId)
        .Text("elementId", i => i.ElementId)
        .Key("elementInstanceKey", i => i.ElementInstanceKey)
        .Key("jobKey", i => i.JobKey)
        // Stored: ACTIVE and RESOLVED; Camunda 8.8's MIGRATED and PENDING match nothing.
        .OneOf("state", i => i.State, ["ACTIVE", "RESOLVED", "MIGRATED", "PENDING"])
        .Text("errorMessage", i => i.ErrorMessage)
        // The engine's incident types, a quarantined instance's, and the rest of Camunda 8.8's (never stored here: they match nothing).
        .OneOf("errorType", i => i.Type, [
            .. Enum.GetNames<IncidentType>().Select(RecordNames.Upper), RecordNames.Upper(DurableEngineStore.QuarantineIncidentType),
            "UNSPECIFIED", "AD_HOC_SUB_PROCESS_NO_RETRIES", "MESSAGE_SIZE_EXCEEDED", "FORM_NOT_FOUND", "RESOURCE_NOT_FOUND",
        ], EngineType)
        .Date("creationTime", i => i.CreationTime)
        .Text("tenantId", _ => ApiValues.Tenant);

    public static RouteGroupBuilder MapIncidentsApi(this RouteGroupBuilder v2)
    {
        v2.MapPost("/incidents/search", (SearchRequest? request, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
            Fields.RunAsync(db.Incidents.AsNoTracking().Readable(i => i.ProcessInstanceKey, db, user), request, Item, ct)).RequirePermission(Permissions.InstancesRead, Permissions.CasesRead);
        v2.MapGet("/incidents/{key}", async (string key, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var k = ApiValues.Key("incidentKey", key);
            return Item(await db.Incidents.AsNoTracking().Readable(i => i.ProcessInstanceKey, db, user).FirstOrDefaultAsync(i => i.Key == k, ct).ConfigureAwait(false)
                ?? throw ApiException.NotFound($"no incident with key {key}"));
        }).RequirePermission(Permissions.InstancesRead, Permissions.CasesRead);
        v2.MapPost("/incidents/{key}/resolution", async (string key, EngineHost host, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var k = ApiValues.Key("incidentKey", key);
            if (await db.Incidents.AsNoTracking().Where(i => i.Key == k && i.Type == DurableEngineStore.QuarantineIncidentType).Select(i => (long?)i.ProcessInstanceKey)
                .FirstOrDefaultAsync(ct).ConfigureAwait(false) is { } quarantined)
            {
                host.ThrowIfQuarantined(quarantined);
            }

            await host.RunAsync(engine => engine.ResolveIncident(k, CaseScope.Actor(user))).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.IncidentsResolve);
        return v2;
    }

    /// <summary><c>JOB_NO_RETRIES</c> → <c>JobNoRetries</c>.</summary>
    private static string EngineType(string apiType) =>
        string.Concat(apiType.ToLowerInvariant().Split('_').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));

    private static IncidentItem Item(IncidentRow i) => new(
        Json.Key(i.Key), Json.Key(i.ProcessDefinitionKey), i.BpmnProcessId, Json.Key(i.ProcessInstanceKey),
        RecordNames.Upper(i.Type), i.ErrorMessage, i.ElementId, Json.Key(i.ElementInstanceKey), i.CreationTime, i.State,
        Json.Key(i.JobKey), ApiValues.Tenant);

    /// <summary>An incident as Camunda shows it.</summary>
    public sealed record IncidentItem(
        string IncidentKey, string ProcessDefinitionKey, string ProcessDefinitionId, string ProcessInstanceKey, string ErrorType, string ErrorMessage,
        string ElementId, string ElementInstanceKey, DateTimeOffset CreationTime, string State, string? JobKey, string TenantId);
}
