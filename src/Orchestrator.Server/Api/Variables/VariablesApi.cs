using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Server.Api.Search;
using Orchestrator.Server.Hosting;

using Orchestrator.Server.Auth;

namespace Orchestrator.Server.Api.Variables;

/// <summary>Variables (search, get, set on an element instance) and element instances (search, get).</summary>
public static class VariablesApi
{
    private static readonly SearchFields<VariableRow> VariableFields = new SearchFields<VariableRow>(v => v.Key)
        .Key("variableKey", v => v.Key)
        .Text("name", v => v.Name)
        .Text("value", v => v.Value)
        .Key("scopeKey", v => v.ScopeKey)
        .Key("processInstanceKey", v => v.ProcessInstanceKey)
        .Bool("isTruncated", v => v.Value.Length > TruncatedLength)
        .Text("tenantId", _ => ApiValues.Tenant);

    private static readonly SearchFields<ElementInstanceRow> ElementFields = new SearchFields<ElementInstanceRow>(e => e.Key)
        .Key("elementInstanceKey", e => e.Key)
        .Key("processInstanceKey", e => e.ProcessInstanceKey)
        .Key("processDefinitionKey", e => e.ProcessDefinitionKey)
        .Text("processDefinitionId", e => e.BpmnProcessId)
        .Text("elementId", e => e.ElementId)
        .Text("elementName", e => e.ElementName)
        // The element kinds as the history names them, a multi-instance body, UNSPECIFIED for a record without one, and the rest of
        // Camunda 8.8's names (never stored here: they match nothing).
        .OneOf("type", e => e.Type, [
            .. Enum.GetNames<ElementKind>().Select(RecordNames.Upper), "MULTI_INSTANCE_BODY", "UNSPECIFIED",
            "AD_HOC_SUB_PROCESS_INNER_INSTANCE", "SEQUENCE_FLOW", "UNKNOWN",
        ])
        .OneOf("state", e => e.State, Enum.GetNames<LifecycleState>().Select(RecordNames.Upper))
        .Date("startDate", e => e.StartDate)
        .Date("endDate", e => e.EndDate)
        .Key("incidentKey", e => e.IncidentKey)
        .Text("tenantId", _ => ApiValues.Tenant);

    public static RouteGroupBuilder MapVariablesApi(this RouteGroupBuilder v2)
    {
        v2.MapPost("/variables/search", (SearchRequest? request, bool? truncateValues, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
            SearchAsync(db.Variables.AsNoTracking().Readable(v => v.ProcessInstanceKey, db, user), request, truncateValues, ct))
            .RequirePermission(Permissions.InstancesRead, Permissions.CasesRead);
        v2.MapGet("/variables/{key}", async (string key, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var k = ApiValues.Key("variableKey", key);
            return Item(await db.Variables.AsNoTracking().Readable(v => v.ProcessInstanceKey, db, user).FirstOrDefaultAsync(v => v.Key == k, ct).ConfigureAwait(false)
                ?? throw ApiException.NotFound($"no variable with key {key}"));
        }).RequirePermission(Permissions.InstancesRead, Permissions.CasesRead);
        v2.MapPut("/element-instances/{key}/variables", async (string key, SetVariablesRequest request, EngineHost host, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var k = ApiValues.Key("elementInstanceKey", key);
            if (request?.Variables is null)
            {
                throw ApiException.Invalid("variables is required");
            }

            await ThrowIfFinishedAsync(db, k, ct).ConfigureAwait(false);

            // Local variables of a user task with updating listeners wait for them, as the task's other changes do.
            var change = await host.RunAsync(engine => engine.SetVariables(k, request.Variables, request.Local ?? false, CaseScope.Actor(user))).ConfigureAwait(false);
            if (change is { } held)
            {
                await UserTasks.TaskListenerOutcome.AwaitAsync(held, $"Variable update for user task instance with key '{k}'", host.Database, ct).ConfigureAwait(false);
            }

            return TypedResults.NoContent();
        }).RequirePermission(Permissions.VariablesWrite);
        v2.MapPost("/element-instances/ad-hoc-activities/{key}/activation", async (string key, AdHocActivationRequest request, EngineHost host, ClaimsPrincipal user) =>
        {
            var k = ApiValues.Key("adHocSubProcessInstanceKey", key);
            if (request?.Elements is not { Count: > 0 } elements)
            {
                throw ApiException.Invalid("elements is required: the inner elements to activate");
            }

            var activations = new List<Engine.AdHocActivation>();
            for (var i = 0; i < elements.Count; i++)
            {
                activations.Add(new Engine.AdHocActivation(
                    elements[i]?.ElementId is { Length: > 0 } id ? id : throw ApiException.Invalid($"elements[{i}].elementId is required"), elements[i]!.Variables));
            }

            await host.RunAsync(engine => engine.ActivateAdHocElements(k, activations, request.CancelRemainingInstances ?? false, CaseScope.Actor(user))).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.InstancesModify);
        v2.MapPost("/element-instances/search", (SearchRequest? request, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
            ElementFields.RunAsync(db.ElementInstances.AsNoTracking().Readable(e => e.ProcessInstanceKey, db, user), request, Item, ct)).RequirePermission(Permissions.InstancesRead, Permissions.CasesRead);
        v2.MapGet("/element-instances/{key}", async (string key, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var k = ApiValues.Key("elementInstanceKey", key);
            return Item(await db.ElementInstances.AsNoTracking().Readable(e => e.ProcessInstanceKey, db, user).FirstOrDefaultAsync(e => e.Key == k, ct).ConfigureAwait(false)
                ?? throw ApiException.NotFound($"no element instance with key {key}"));
        }).RequirePermission(Permissions.InstancesRead, Permissions.CasesRead);
        return v2;
    }

    /// <summary>A variable search over <paramref name="variables"/>: Camunda's filters, sort and page, values cut short unless <paramref name="truncateValues"/> is false.</summary>
    internal static Task<SearchResponse<VariableItem>> SearchAsync(IQueryable<VariableRow> variables, SearchRequest? request, bool? truncateValues, CancellationToken ct) =>
        // Cut short in the database, as Camunda does: a page of large values is not read whole unless asked for.
        truncateValues == false
            ? VariableFields.RunAsync(variables, request, Item, ct)
            : VariableFields.RunAsync(variables, request, v => new TruncatedVariable(
                v.Key, v.Name, v.ScopeKey, v.ProcessInstanceKey, v.Value.Length > TruncatedLength ? v.Value.Substring(0, TruncatedLength) : v.Value,
                v.Value.Length > TruncatedLength), v => new VariableItem(
                Json.Key(v.Key), v.Name, v.Value, Json.Key(v.ProcessInstanceKey), Json.Key(v.ScopeKey), ApiValues.Tenant, v.IsTruncated), ct);

    /// <summary>Refuses (409) a change to a scope of a completed or canceled instance: its variables are history now.</summary>
    private static async Task ThrowIfFinishedAsync(OrchestratorDbContext db, long scopeKey, CancellationToken ct)
    {
        var instanceKey = await db.ElementInstances.AsNoTracking().Where(e => e.Key == scopeKey).Select(e => (long?)e.ProcessInstanceKey)
            .FirstOrDefaultAsync(ct).ConfigureAwait(false) ?? scopeKey;
        var state = await db.ProcessInstances.AsNoTracking().Where(i => i.Key == instanceKey).Select(i => i.State).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (state is not null and not "ACTIVE")
        {
            throw ApiException.Conflict(
                $"process instance {instanceKey} is {(state == "TERMINATED" ? "canceled" : state.ToLowerInvariant())}: the variables of a finished instance cannot be changed");
        }
    }

    private static VariableItem Item(VariableRow v) =>
        new(Json.Key(v.Key), v.Name, v.Value, Json.Key(v.ProcessInstanceKey), Json.Key(v.ScopeKey), ApiValues.Tenant, false);

    private static ElementInstanceItem Item(ElementInstanceRow e) => new(
        Json.Key(e.Key), Json.Key(e.ProcessInstanceKey), Json.Key(e.ProcessDefinitionKey), e.BpmnProcessId, e.StartDate, e.EndDate, e.ElementId,
        e.ElementName ?? e.ElementId, e.Type, e.State, e.IncidentKey is not null, Json.Key(e.IncidentKey), ApiValues.Tenant);

    /// <summary>How many characters of a value a search returns (Camunda's 8191); <c>GET /v2/variables/{key}</c> returns it whole.</summary>
    public const int TruncatedLength = 8191;

    /// <summary>A variable as a search reads it: its value cut to <see cref="TruncatedLength"/> in the database.</summary>
    private sealed record TruncatedVariable(long Key, string Name, long ScopeKey, long ProcessInstanceKey, string Value, bool IsTruncated);

    /// <summary>A variable; its value is JSON text.</summary>
    public sealed record VariableItem(string VariableKey, string Name, string Value, string ProcessInstanceKey, string ScopeKey, string TenantId, bool IsTruncated);

    /// <summary>An element instance as Camunda shows it.</summary>
    public sealed record ElementInstanceItem(
        string ElementInstanceKey, string ProcessInstanceKey, string ProcessDefinitionKey, string ProcessDefinitionId, DateTimeOffset StartDate,
        DateTimeOffset? EndDate, string ElementId, string ElementName, string Type, string State, bool HasIncident, string? IncidentKey, string TenantId);

    /// <summary><c>PUT /v2/element-instances/{key}/variables</c>.</summary>
    public sealed record SetVariablesRequest(Dictionary<string, FeelValue>? Variables, bool? Local);

    /// <summary>The body of <c>POST /v2/element-instances/ad-hoc-activities/{key}/activation</c>.</summary>
    public sealed record AdHocActivationRequest(List<AdHocElementRequest?>? Elements, bool? CancelRemainingInstances);

    /// <summary>An inner element to activate and its local variables.</summary>
    public sealed record AdHocElementRequest(string? ElementId, Dictionary<string, FeelValue>? Variables);
}
