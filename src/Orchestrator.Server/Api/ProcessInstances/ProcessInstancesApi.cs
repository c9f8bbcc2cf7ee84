using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Server.Api.Search;
using Microsoft.Extensions.Options;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Limits;

using Orchestrator.Server.Auth;

namespace Orchestrator.Server.Api.ProcessInstances;

/// <summary>Process instances: create (optionally awaiting the end), cancel, search, get.</summary>
public static class ProcessInstancesApi
{
    private static readonly TimeSpan DefaultAwaitTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The most entries a <c>variables</c> filter may have.</summary>
    public const int MaxVariableFilters = 50;

    /// <summary>Variables that name a case when the instance was not started by a message: its business key.</summary>
    private static readonly string[] BusinessKeyVariables = ["businessKey", "caseId", "complaintId", "orderId"];

    /// <summary>
    /// The <c>businessKey</c> filter: a string matches exactly, <c>{"$eq": ...}</c> too, <c>{"$like": "RET-*"}</c> by wildcards
    /// (<c>*</c>, <c>?</c>; a prefix search is <c>"RET-*"</c>).
    /// </summary>
    private static IQueryable<ProcessInstanceRow> BusinessKey(IQueryable<ProcessInstanceRow> query, IQueryable<VariableRow> variables, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return ExactBusinessKey(query, variables, value.GetString()!);
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var op in value.EnumerateObject())
            {
                var text = op.Value.ValueKind == JsonValueKind.String ? op.Value.GetString()! : throw ApiException.Invalid($"filter.businessKey.{op.Name} must be a string");
                query = op.Name switch
                {
                    "$eq" => ExactBusinessKey(query, variables, text),
                    "$like" => LikeBusinessKey(query, variables, text),
                    _ => throw ApiException.Invalid($"filter.businessKey: '{op.Name}' is not an operator for this field; use $eq or $like"),
                };
            }

            return query;
        }

        throw ApiException.Invalid("filter.businessKey must be a string or {\"$eq\"|\"$like\": string}");
    }

    private static IQueryable<ProcessInstanceRow> ExactBusinessKey(IQueryable<ProcessInstanceRow> query, IQueryable<VariableRow> variables, string key)
    {
        var json = JsonSerializer.Serialize(key);
        return query.Where(i => i.MessageCorrelationKey == key
            || variables.Any(v => v.ScopeKey == i.Key && BusinessKeyVariables.Contains(v.Name) && v.Value == json));
    }

    private static IQueryable<ProcessInstanceRow> LikeBusinessKey(IQueryable<ProcessInstanceRow> query, IQueryable<VariableRow> variables, string wildcards)
    {
        var pattern = LikePatterns.Of(wildcards);
        // A variable holds JSON text: the same wildcards inside the quotes, escaped as JSON escapes them.
        var quoted = JsonSerializer.Serialize(wildcards);
        var json = "\"" + LikePatterns.Of(quoted[1..^1]) + "\"";
        return query.Where(i => EF.Functions.Like(i.MessageCorrelationKey, pattern, "\\")
            || variables.Any(v => v.ScopeKey == i.Key && BusinessKeyVariables.Contains(v.Name) && EF.Functions.Like(v.Value, json, "\\")));
    }

    /// <summary>The instances <paramref name="filter"/> matches (a search's filter) among those <paramref name="user"/> may read.</summary>
    public static IQueryable<ProcessInstanceRow> Matching(OrchestratorDbContext db, ClaimsPrincipal user, JsonElement? filter)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Fields(db.Variables.AsNoTracking()).Filter(db.ProcessInstances.AsNoTracking().Readable(i => i.Key, db, user), filter);
    }

    /// <summary>
    /// The search fields, over <paramref name="variables"/> for the two that look into an instance's variables:
    /// <c>variables</c> (Camunda's <c>[{name, value}]</c>, the value as JSON text; every entry must match) and
    /// <c>businessKey</c> (the message correlation key it started with, or its <c>businessKey</c>, <c>caseId</c>,
    /// <c>complaintId</c> or <c>orderId</c> variable).
    /// </summary>
    private static SearchFields<ProcessInstanceRow> Fields(IQueryable<VariableRow> variables) => new SearchFields<ProcessInstanceRow>(i => i.Key)
        .Key("processInstanceKey", i => i.Key)
        .Key("processDefinitionKey", i => i.ProcessDefinitionKey)
        .Text("processDefinitionId", i => i.BpmnProcessId)
        .Text("processDefinitionName", i => i.ProcessName)
        .Number("processDefinitionVersion", i => i.Version)
        .OneOf("state", i => i.State, Enum.GetNames<LifecycleState>().Select(RecordNames.Upper))
        .Date("startDate", i => i.StartDate)
        .Date("endDate", i => i.EndDate)
        .Key("parentProcessInstanceKey", i => i.ParentInstanceKey)
        .Key("parentElementInstanceKey", i => i.ParentElementInstanceKey)
        .Bool("hasIncident", i => i.HasIncident)
        .Custom("businessKey", (query, value) => BusinessKey(query, variables, value))
        .Custom("variables", (query, value) =>
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw ApiException.Invalid("filter.variables must be an array of {name, value}");
            }

            // Each entry is a subquery of its own: a database takes only so many in one statement.
            if (value.GetArrayLength() > MaxVariableFilters)
            {
                throw ApiException.Invalid($"filter.variables has {value.GetArrayLength()} entries; at most {MaxVariableFilters}");
            }

            var index = 0;
            foreach (var entry in value.EnumerateArray())
            {
                var name = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : null;
                var json = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : null;
                if (name is null || json is null)
                {
                    throw ApiException.Invalid($"filter.variables[{index}] needs a string name and a string value (the variable's value as JSON text)");
                }

                json = StoredForm($"filter.variables[{index}].value", json);
                query = query.Where(i => variables.Any(r => r.ScopeKey == i.Key && r.Name == name && r.Value == json));
                index++;
            }

            return query;
        })
        .Text("tenantId", _ => ApiValues.Tenant);

    /// <summary>
    /// <paramref name="json"/> as a variable's value is stored (compact, as the engine writes it): <c>{"a": 1}</c> finds the value
    /// <c>{"a":1}</c>. Text that is not JSON is refused, naming <paramref name="field"/>: it would match nothing, so a forgotten pair
    /// of quotes looked like no such instance.
    /// </summary>
    private static string StoredForm(string field, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, FeelJson.ReaderOptions);
        }
        catch (JsonException exception)
        {
            throw ApiException.Invalid($"{field} '{json}' is not JSON text (a string is given with its quotes, as \"RET-1\"): {exception.Message}");
        }

        using (document)
        {
            try
            {
                return FeelJson.ToJsonString(FeelJson.FromJsonStrictly(document.RootElement));
            }
            catch (JsonException exception)
            {
                // JSON, but no value a variable can hold (a number out of FEEL's range, a key named twice).
                throw ApiException.Invalid($"{field} '{json}' is no value a variable can hold: {exception.Message}");
            }
        }
    }

    public static RouteGroupBuilder MapProcessInstancesApi(this RouteGroupBuilder v2)
    {
        v2.MapPost("/process-instances", CreateAsync).RequirePermission(Permissions.InstancesCreate);
        v2.MapPost("/process-instances/{key}/cancellation", async (string key, EngineHost host, ClaimsPrincipal user) =>
        {
            var k = ApiValues.Key("processInstanceKey", key);
            host.ThrowIfQuarantined(k);
            await host.RunAsync(engine => engine.CancelInstance(k, CaseScope.Actor(user))).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.InstancesCancel);
        v2.MapPost("/process-instances/search", (SearchRequest? request, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
            Fields(db.Variables.AsNoTracking()).RunAsync(db.ProcessInstances.AsNoTracking().Readable(i => i.Key, db, user), request, Item, ct)).RequirePermission(Permissions.InstancesRead, Permissions.CasesRead);
        v2.MapGet("/process-instances/{key}", async (string key, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var k = ApiValues.Key("processInstanceKey", key);
            return Item(await db.ProcessInstances.AsNoTracking().Readable(i => i.Key, db, user).FirstOrDefaultAsync(i => i.Key == k, ct).ConfigureAwait(false)
                ?? throw ApiException.NotFound($"no process instance with key {key}"));
        }).RequirePermission(Permissions.InstancesRead, Permissions.CasesRead);
        return v2;
    }

    private static async Task<IResult> CreateAsync(
        CreateInstanceRequest request, EngineHost host, InstanceCompletions completions, IOptions<LimitsOptions> limits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ApiValues.CheckTenant(request.TenantId);
        var variables = ApiValues.Of(request.Variables);
        var definitionKey = ApiValues.OptionalKey("processDefinitionKey", request.ProcessDefinitionKey);
        if (definitionKey is null && string.IsNullOrEmpty(request.ProcessDefinitionId))
        {
            throw ApiException.Invalid("give processDefinitionId (with an optional processDefinitionVersion) or processDefinitionKey");
        }

        var version = request.ProcessDefinitionVersion is null or -1 ? (int?)null : request.ProcessDefinitionVersion;
        var instance = await host.RunAsync(engine => definitionKey is { } key
            ? engine.CreateInstance(key, variables)
            : engine.CreateInstance(request.ProcessDefinitionId!, version, variables)).ConfigureAwait(false);
        Dictionary<string, FeelValue> result = [];
        if (request.AwaitCompletion == true)
        {
            var timeout = request.RequestTimeout is > 0
                ? TimeSpan.FromMilliseconds(Math.Min(request.RequestTimeout.Value, limits.Value.RequestTimeoutMaxMilliseconds))
                : DefaultAwaitTimeout;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(timeout);
            try
            {
                var ended = await completions.WaitAsync(instance, deadline.Token).ConfigureAwait(false);
                await host.Store.WhenSettled().ConfigureAwait(false);
                result = Fetch(ended, request.FetchVariables);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new ApiException(StatusCodes.Status504GatewayTimeout, "DEADLINE_EXCEEDED",
                    $"process instance {instance.Key} did not complete within {timeout.TotalMilliseconds} ms");
            }
        }

        return TypedResults.Ok(new CreateInstanceResponse(
            Json.Key(instance.Key), Json.Key(instance.Definition.Key), instance.Definition.BpmnProcessId, instance.Definition.Version, ApiValues.Tenant, result));
    }

    private static Dictionary<string, FeelValue> Fetch(ProcessInstance instance, IReadOnlyList<string>? names)
    {
        var all = instance.Root?.Variables ?? [];
        return names is { Count: > 0 }
            ? all.Where(v => names.Contains(v.Key)).ToDictionary(StringComparer.Ordinal)
            : new Dictionary<string, FeelValue>(all, StringComparer.Ordinal);
    }

    private static ProcessInstanceItem Item(ProcessInstanceRow i) => new(
        Json.Key(i.Key), i.BpmnProcessId, i.ProcessName ?? i.BpmnProcessId, i.Version, Json.Key(i.ProcessDefinitionKey),
        Json.Key(i.ParentInstanceKey), Json.Key(i.ParentElementInstanceKey), i.StartDate, i.EndDate, i.State, i.HasIncident, ApiValues.Tenant);

    /// <summary><c>POST /v2/process-instances</c>.</summary>
    public sealed record CreateInstanceRequest(
        string? ProcessDefinitionId,
        int? ProcessDefinitionVersion,
        string? ProcessDefinitionKey,
        Dictionary<string, FeelValue>? Variables,
        string? TenantId,
        bool? AwaitCompletion,
        long? RequestTimeout,
        IReadOnlyList<string>? FetchVariables,
        long? OperationReference);

    /// <summary>The created instance.</summary>
    public sealed record CreateInstanceResponse(
        string ProcessInstanceKey, string ProcessDefinitionKey, string ProcessDefinitionId, int ProcessDefinitionVersion, string TenantId,
        Dictionary<string, FeelValue> Variables);

    /// <summary>An instance as Camunda shows it.</summary>
    public sealed record ProcessInstanceItem(
        string ProcessInstanceKey, string ProcessDefinitionId, string ProcessDefinitionName, int ProcessDefinitionVersion, string ProcessDefinitionKey,
        string? ParentProcessInstanceKey, string? ParentElementInstanceKey, DateTimeOffset StartDate, DateTimeOffset? EndDate, string State,
        bool HasIncident, string TenantId);
}
