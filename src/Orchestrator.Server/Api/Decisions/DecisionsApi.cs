using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Feel.Values;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Persistence.Store;
using Orchestrator.Server.Api.Search;
using Orchestrator.Server.Auth;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Api.Decisions;

/// <summary>
/// Decisions as Camunda 8.8 serves them: deployed decision definitions and requirements (search, by key, XML), evaluation of a
/// decision outside a process, and decision instances (every evaluation, with its inputs and matched rules, for audit).
/// </summary>
public static class DecisionsApi
{
    private static readonly SearchFields<DecisionDefinitionRow> DefinitionFields = new SearchFields<DecisionDefinitionRow>(d => d.Key)
        .Key("decisionDefinitionKey", d => d.Key)
        .Text("decisionDefinitionId", d => d.DecisionId)
        .Text("name", d => d.Name)
        .Number("version", d => d.Version)
        .Text("decisionRequirementsId", d => d.DecisionRequirementsId)
        .Key("decisionRequirementsKey", d => d.DecisionRequirementsKey)
        .Text("tenantId", _ => ApiValues.Tenant)
        .Custom("isLatestVersion", (query, value) => value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean() ? query.Where(d => d.Version == query.Where(o => o.DecisionId == d.DecisionId).Max(o => o.Version)) : query
            : throw ApiException.Invalid("filter.isLatestVersion must be true or false"));

    private static readonly SearchFields<DecisionRequirementsRow> RequirementsFields = new SearchFields<DecisionRequirementsRow>(r => r.Key)
        .Key("decisionRequirementsKey", r => r.Key)
        .Text("decisionRequirementsId", r => r.DecisionRequirementsId)
        .Text("decisionRequirementsName", r => r.Name)
        .Number("version", r => r.Version)
        .Text("resourceName", r => r.ResourceName)
        .Text("tenantId", _ => ApiValues.Tenant);

    private static readonly SearchFields<DecisionInstanceRow> InstanceFields = new SearchFields<DecisionInstanceRow>(d => d.Key)
        .Text("decisionEvaluationInstanceKey", d => d.InstanceId)
        .Key("decisionEvaluationKey", d => d.EvaluationKey)
        // Stored: EVALUATED and FAILED; Camunda 8.8's UNSPECIFIED and UNKNOWN match nothing.
        .OneOf("state", d => d.State, ["EVALUATED", "FAILED", "UNSPECIFIED", "UNKNOWN"])
        .Date("evaluationDate", d => d.EvaluationDate)
        .Text("evaluationFailure", d => d.Failure)
        .Text("decisionDefinitionId", d => d.DecisionId)
        .Key("decisionDefinitionKey", d => d.DecisionDefinitionKey)
        .Text("decisionDefinitionName", d => d.DecisionName)
        .Number("decisionDefinitionVersion", d => d.DecisionVersion)
        .OneOf("decisionDefinitionType", d => d.DecisionType, ["DECISION_TABLE", "LITERAL_EXPRESSION", "UNSPECIFIED", "UNKNOWN"])
        .Key("rootDecisionDefinitionKey", d => d.RootDecisionDefinitionKey)
        .Key("processInstanceKey", d => d.ProcessInstanceKey)
        .Key("processDefinitionKey", d => d.ProcessDefinitionKey)
        .Key("elementInstanceKey", d => d.ElementInstanceKey)
        .Text("tenantId", _ => ApiValues.Tenant);

    public static RouteGroupBuilder MapDecisionsApi(this RouteGroupBuilder v2)
    {
        v2.MapPost("/decision-definitions/search", (SearchRequest? request, OrchestratorDbContext db, CancellationToken ct) =>
            DefinitionFields.RunAsync(db.DecisionDefinitions.AsNoTracking(), request, Definition, ct)).RequirePermission(Permissions.DefinitionsRead);
        v2.MapGet("/decision-definitions/{key}", async (string key, OrchestratorDbContext db, CancellationToken ct) =>
            Definition(await FindDefinition(db, key, ct).ConfigureAwait(false))).RequirePermission(Permissions.DefinitionsRead);
        v2.MapGet("/decision-definitions/{key}/xml", async (string key, OrchestratorDbContext db, CancellationToken ct) =>
        {
            var definition = await FindDefinition(db, key, ct).ConfigureAwait(false);
            var xml = await db.DecisionRequirements.AsNoTracking().Where(r => r.Key == definition.DecisionRequirementsKey).Select(r => r.Xml)
                .FirstAsync(ct).ConfigureAwait(false);
            return Results.Text(xml, "text/xml", System.Text.Encoding.UTF8);
        }).RequirePermission(Permissions.DefinitionsRead);
        v2.MapPost("/decision-definitions/evaluation", EvaluateAsync).RequirePermission(Permissions.InstancesCreate);

        v2.MapPost("/decision-requirements/search", (SearchRequest? request, OrchestratorDbContext db, CancellationToken ct) =>
            RequirementsFields.RunAsync(db.DecisionRequirements.AsNoTracking(), request, Requirements, ct)).RequirePermission(Permissions.DefinitionsRead);
        v2.MapGet("/decision-requirements/{key}", async (string key, OrchestratorDbContext db, CancellationToken ct) =>
            Requirements(await FindRequirements(db, key, ct).ConfigureAwait(false))).RequirePermission(Permissions.DefinitionsRead);
        v2.MapGet("/decision-requirements/{key}/xml", async (string key, OrchestratorDbContext db, CancellationToken ct) =>
            Results.Text((await FindRequirements(db, key, ct).ConfigureAwait(false)).Xml, "text/xml", System.Text.Encoding.UTF8)).RequirePermission(Permissions.DefinitionsRead);

        v2.MapPost("/decision-instances/search", (SearchRequest? request, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
            InstanceFields.RunAsync(Readable(db, user), request, Instance, ct)).RequirePermission(Permissions.InstancesRead, Permissions.CasesRead);
        v2.MapGet("/decision-instances/{decisionEvaluationInstanceKey}", async (string decisionEvaluationInstanceKey, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var row = await Readable(db, user).FirstOrDefaultAsync(d => d.InstanceId == decisionEvaluationInstanceKey, ct).ConfigureAwait(false)
                ?? throw ApiException.NotFound($"no decision instance with key {decisionEvaluationInstanceKey}");
            return TypedResults.Ok(Detail(row));
        }).RequirePermission(Permissions.InstancesRead, Permissions.CasesRead);
        return v2;
    }

    /// <summary>Decision instances the caller may read: all with <c>instances:read</c>; for agents, those of the cases they see.</summary>
    private static IQueryable<DecisionInstanceRow> Readable(OrchestratorDbContext db, ClaimsPrincipal user) =>
        db.DecisionInstances.AsNoTracking().Readable(d => d.ProcessInstanceKey ?? 0, db, user);

    private static async Task<IResult> EvaluateAsync(EvaluationRequest? request, EngineHost host)
    {
        if (request is null)
        {
            throw ApiException.Invalid("the body must be {decisionDefinitionKey or decisionDefinitionId, variables}");
        }

        ApiValues.CheckTenant(request.TenantId);
        var key = ApiValues.OptionalKey("decisionDefinitionKey", request.DecisionDefinitionKey);
        if ((key is null) == (request.DecisionDefinitionId is null))
        {
            throw ApiException.Invalid("give either decisionDefinitionKey or decisionDefinitionId");
        }

        var evaluation = await host.RunAsync(engine => engine.EvaluateDecision(key, request.DecisionDefinitionId, ApiValues.Of(request.Variables))).ConfigureAwait(false);
        var rows = DecisionInstances.Of(evaluation);
        var decision = evaluation.Decision;
        return TypedResults.Ok(new EvaluationResult(
            decision.DecisionId, decision.Name, decision.Version, decision.Requirements.DecisionRequirementsId,
            evaluation.Result is { } result ? Feel.Json.FeelJson.ToJsonString(result.Value) : "null",
            evaluation.FailedDecisionId ?? "", evaluation.Failure ?? "", ApiValues.Tenant,
            Json.Key(decision.Key), Json.Key(decision.Requirements.Key), Json.Key(evaluation.Key), Json.Key(evaluation.Key),
            [.. rows.Where(r => r.State == "EVALUATED").Select(r => new EvaluatedDecision(
                r.DecisionId, r.DecisionName, r.DecisionVersion, r.DecisionType, r.Result, ApiValues.Tenant,
                Rules(r.MatchedRules), Inputs(r.Inputs), Json.Key(r.DecisionDefinitionKey), r.InstanceId))]));
    }

    private static async Task<DecisionDefinitionRow> FindDefinition(OrchestratorDbContext db, string key, CancellationToken ct)
    {
        var k = ApiValues.Key("decisionDefinitionKey", key);
        return await db.DecisionDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Key == k, ct).ConfigureAwait(false)
            ?? throw ApiException.NotFound($"no decision definition with key {key}");
    }

    private static async Task<DecisionRequirementsRow> FindRequirements(OrchestratorDbContext db, string key, CancellationToken ct)
    {
        var k = ApiValues.Key("decisionRequirementsKey", key);
        return await db.DecisionRequirements.AsNoTracking().FirstOrDefaultAsync(r => r.Key == k, ct).ConfigureAwait(false)
            ?? throw ApiException.NotFound($"no decision requirements with key {key}");
    }

    private static DecisionDefinitionItem Definition(DecisionDefinitionRow d) =>
        new(d.DecisionId, d.Name, d.Version, d.DecisionRequirementsId, ApiValues.Tenant, Json.Key(d.Key), Json.Key(d.DecisionRequirementsKey));

    private static DecisionRequirementsItem Requirements(DecisionRequirementsRow r) =>
        new(r.Name, r.Version, r.DecisionRequirementsId, r.ResourceName, ApiValues.Tenant, Json.Key(r.Key));

    private static DecisionInstanceItem Instance(DecisionInstanceRow d) => new(
        d.InstanceId, d.State, d.EvaluationDate, d.Failure, d.DecisionId, d.DecisionName, d.DecisionVersion, d.DecisionType, d.Result,
        ApiValues.Tenant, Json.Key(d.EvaluationKey), Json.Key(d.ProcessDefinitionKey), Json.Key(d.ProcessInstanceKey), Json.Key(d.DecisionDefinitionKey),
        Json.Key(d.ElementInstanceKey), Json.Key(d.RootDecisionDefinitionKey));

    private static DecisionInstanceDetail Detail(DecisionInstanceRow d) => new(
        d.InstanceId, d.State, d.EvaluationDate, d.Failure, d.DecisionId, d.DecisionName, d.DecisionVersion, d.DecisionType, d.Result,
        ApiValues.Tenant, Json.Key(d.EvaluationKey), Json.Key(d.ProcessDefinitionKey), Json.Key(d.ProcessInstanceKey), Json.Key(d.DecisionDefinitionKey),
        Json.Key(d.ElementInstanceKey), Json.Key(d.RootDecisionDefinitionKey), Inputs(d.Inputs), Rules(d.MatchedRules));

    private static IReadOnlyList<EvaluatedInput> Inputs(string json) =>
        [.. (JsonNode.Parse(json) as JsonArray ?? []).Select(i => new EvaluatedInput((string?)i?["inputId"], (string?)i?["inputName"], (string?)i?["inputValue"]))];

    private static IReadOnlyList<MatchedRule> Rules(string json) =>
        [.. (JsonNode.Parse(json) as JsonArray ?? []).Select(r => new MatchedRule((string?)r?["ruleId"], (int?)r?["ruleIndex"] ?? 0,
            [.. (r?["evaluatedOutputs"] as JsonArray ?? []).Select(o => new EvaluatedOutput((string?)o?["outputId"], (string?)o?["outputName"], (string?)o?["outputValue"]))]))];

    /// <summary>The body of <c>POST /v2/decision-definitions/evaluation</c>.</summary>
    public sealed record EvaluationRequest(string? DecisionDefinitionKey, string? DecisionDefinitionId, Dictionary<string, FeelValue>? Variables, string? TenantId);

    /// <summary>A decision definition as Camunda shows it.</summary>
    public sealed record DecisionDefinitionItem(
        string DecisionDefinitionId, string Name, int Version, string DecisionRequirementsId, string TenantId, string DecisionDefinitionKey, string DecisionRequirementsKey);

    /// <summary>A decision requirements graph (a DMN model version) as Camunda shows it.</summary>
    public sealed record DecisionRequirementsItem(
        string DecisionRequirementsName, int Version, string DecisionRequirementsId, string ResourceName, string TenantId, string DecisionRequirementsKey);

    /// <summary>A decision instance in a search.</summary>
    public sealed record DecisionInstanceItem(
        string DecisionEvaluationInstanceKey, string State, DateTimeOffset EvaluationDate, string? EvaluationFailure, string DecisionDefinitionId,
        string DecisionDefinitionName, int DecisionDefinitionVersion, string DecisionDefinitionType, string Result, string TenantId,
        string DecisionEvaluationKey, string? ProcessDefinitionKey, string? ProcessInstanceKey, string DecisionDefinitionKey, string? ElementInstanceKey,
        string RootDecisionDefinitionKey);

    /// <summary>A decision instance with its evaluated inputs and matched rules.</summary>
    public sealed record DecisionInstanceDetail(
        string DecisionEvaluationInstanceKey, string State, DateTimeOffset EvaluationDate, string? EvaluationFailure, string DecisionDefinitionId,
        string DecisionDefinitionName, int DecisionDefinitionVersion, string DecisionDefinitionType, string Result, string TenantId,
        string DecisionEvaluationKey, string? ProcessDefinitionKey, string? ProcessInstanceKey, string DecisionDefinitionKey, string? ElementInstanceKey,
        string RootDecisionDefinitionKey, IReadOnlyList<EvaluatedInput> EvaluatedInputs, IReadOnlyList<MatchedRule> MatchedRules);

    /// <summary>A decision table input as evaluated (its value as JSON text).</summary>
    public sealed record EvaluatedInput(string? InputId, string? InputName, string? InputValue);

    /// <summary>A matched rule with its outputs.</summary>
    public sealed record MatchedRule(string? RuleId, int RuleIndex, IReadOnlyList<EvaluatedOutput> EvaluatedOutputs);

    /// <summary>A matched rule's output (its value as JSON text).</summary>
    public sealed record EvaluatedOutput(string? OutputId, string? OutputName, string? OutputValue);

    /// <summary>The answer to an evaluation (Camunda's EvaluateDecisionResult).</summary>
    public sealed record EvaluationResult(
        string DecisionDefinitionId, string DecisionDefinitionName, int DecisionDefinitionVersion, string DecisionRequirementsId, string Output,
        string FailedDecisionDefinitionId, string FailureMessage, string TenantId, string DecisionDefinitionKey, string DecisionRequirementsKey,
        string DecisionInstanceKey, string DecisionEvaluationKey, IReadOnlyList<EvaluatedDecision> EvaluatedDecisions);

    /// <summary>A decision evaluated on the way to an evaluation's result.</summary>
    public sealed record EvaluatedDecision(
        string DecisionDefinitionId, string DecisionDefinitionName, int DecisionDefinitionVersion, string DecisionDefinitionType, string Output,
        string TenantId, IReadOnlyList<MatchedRule> MatchedRules, IReadOnlyList<EvaluatedInput> EvaluatedInputs, string DecisionDefinitionKey,
        string DecisionEvaluationInstanceKey);
}
