using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Server.Api.ProcessInstances;
using Orchestrator.Server.Api.Search;
using Orchestrator.Server.Auth;

namespace Orchestrator.Server.Api.BatchOperations;

/// <summary>
/// Batch operations over the process instances a filter matches (Camunda 8.8): resolve their incidents, cancel them, migrate
/// them; follow a batch's progress and its items; cancel a running batch. The matching instances are fixed when the batch is
/// created; <see cref="BatchOperationRunner"/> works through them in the background.
/// </summary>
public static class BatchOperationsApi
{
    private static readonly SearchFields<BatchOperationRow> BatchFields = new SearchFields<BatchOperationRow>(b => b.Key)
        .Key("batchOperationKey", b => b.Key)
        // The types and states batches here have, and the rest of Camunda 8.8's (never stored here: they match nothing).
        .OneOf("operationType", b => b.Type, [
            BatchOperationTypes.ResolveIncident, BatchOperationTypes.CancelProcessInstance, BatchOperationTypes.MigrateProcessInstance,
            "MODIFY_PROCESS_INSTANCE", "DELETE_PROCESS_INSTANCE", "ADD_VARIABLE", "UPDATE_VARIABLE", "DELETE_DECISION_DEFINITION", "DELETE_PROCESS_DEFINITION",
        ])
        .OneOf("state", b => b.State, [
            BatchOperationTypes.Active, BatchOperationTypes.Completed, BatchOperationTypes.Canceled, "CREATED", "FAILED", "PARTIALLY_COMPLETED", "SUSPENDED",
        ])
        .Date("startDate", b => b.StartDate)
        .Date("endDate", b => b.EndDate);

    private static readonly SearchFields<BatchOperationItemRow> ItemFields = new SearchFields<BatchOperationItemRow>(i => i.ProcessInstanceKey)
        .Key("batchOperationKey", i => i.BatchOperationKey)
        .Key("itemKey", i => i.ProcessInstanceKey)
        .Key("processInstanceKey", i => i.ProcessInstanceKey)
        .OneOf("state", i => i.State, [
            BatchOperationTypes.Active, BatchOperationTypes.Completed, BatchOperationTypes.Canceled, BatchOperationTypes.Failed, BatchOperationTypes.Skipped,
        ]);

    public static RouteGroupBuilder MapBatchOperationsApi(this RouteGroupBuilder v2)
    {
        v2.MapPost("/process-instances/incident-resolution", (BatchRequest? request, OrchestratorDbContext db, BatchOperationRunner runner, ClaimsPrincipal user, CancellationToken ct) =>
            CreateAsync(BatchOperationTypes.ResolveIncident, request?.Filter, null, db, runner, user, ct)).RequirePermission(Permissions.IncidentsResolve);
        v2.MapPost("/process-instances/cancellation", (BatchRequest? request, OrchestratorDbContext db, BatchOperationRunner runner, ClaimsPrincipal user, CancellationToken ct) =>
            CreateAsync(BatchOperationTypes.CancelProcessInstance, request?.Filter, null, db, runner, user, ct)).RequirePermission(Permissions.InstancesCancel);
        v2.MapPost("/process-instances/migration", async (MigrationBatchRequest? request, OrchestratorDbContext db, BatchOperationRunner runner, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var plan = await PlanAsync(request?.MigrationPlan, db, ct).ConfigureAwait(false);
            return await CreateAsync(BatchOperationTypes.MigrateProcessInstance, request?.Filter, JsonSerializer.Serialize(plan, ApiJson.Options), db, runner, user, ct).ConfigureAwait(false);
        }).RequirePermission(Permissions.InstancesModify);
        v2.MapGet("/batch-operations/{key}", async (string key, OrchestratorDbContext db, CancellationToken ct) =>
        {
            var k = ApiValues.Key("batchOperationKey", key);
            return Item(await db.BatchOperations.AsNoTracking().FirstOrDefaultAsync(b => b.Key == k, ct).ConfigureAwait(false)
                ?? throw ApiException.NotFound($"no batch operation with key {key}"));
        }).RequirePermission(Permissions.InstancesRead);
        v2.MapPost("/batch-operations/search", (SearchRequest? request, OrchestratorDbContext db, CancellationToken ct) =>
            BatchFields.RunAsync(db.BatchOperations.AsNoTracking(), request, Item, ct)).RequirePermission(Permissions.InstancesRead);
        v2.MapPost("/batch-operation-items/search", async (SearchRequest? request, OrchestratorDbContext db, CancellationToken ct) =>
            await WithTypesAsync(await ItemFields.RunAsync(db.BatchOperationItems.AsNoTracking(), request, i => i, ct).ConfigureAwait(false), db, ct).ConfigureAwait(false))
            .RequirePermission(Permissions.InstancesRead);
        v2.MapPost("/batch-operations/{key}/cancellation", async (string key, OrchestratorDbContext db, CancellationToken ct) =>
        {
            var k = ApiValues.Key("batchOperationKey", key);
            var batch = await db.BatchOperations.AsNoTracking().FirstOrDefaultAsync(b => b.Key == k, ct).ConfigureAwait(false)
                ?? throw ApiException.NotFound($"no batch operation with key {key}");
            var canceled = await db.BatchOperations.Where(b => b.Key == k && b.State == BatchOperationTypes.Active)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.State, BatchOperationTypes.Canceled), ct).ConfigureAwait(false);
            if (canceled == 0)
            {
                throw ApiException.Conflict($"batch operation {key} is {batch.State}; only an active batch can be canceled");
            }

            await db.BatchOperationItems.Where(i => i.BatchOperationKey == k && i.State == BatchOperationTypes.Active)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, BatchOperationTypes.Canceled), ct).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.InstancesCancel, Permissions.IncidentsResolve, Permissions.InstancesModify);
        return v2;
    }

    /// <summary>Checks a migration plan: a deployed target and mapping instructions that name both elements.</summary>
    private static async Task<MigrationPlan> PlanAsync(MigrationPlanRequest? plan, OrchestratorDbContext db, CancellationToken ct)
    {
        if (plan is null)
        {
            throw ApiException.Invalid("migrationPlan is required: {targetProcessDefinitionKey, mappingInstructions: [{sourceElementId, targetElementId}]}");
        }

        var target = ApiValues.Key("migrationPlan.targetProcessDefinitionKey", plan.TargetProcessDefinitionKey ?? "");
        if (!await db.ProcessDefinitions.AsNoTracking().AnyAsync(d => d.Key == target, ct).ConfigureAwait(false))
        {
            throw ApiException.Invalid($"migrationPlan.targetProcessDefinitionKey {target} is not a deployed process definition");
        }

        var mappings = new List<MappingInstruction>();
        var instructions = plan.MappingInstructions ?? [];
        for (var i = 0; i < instructions.Count; i++)
        {
            if (instructions[i] is not { SourceElementId: { Length: > 0 } source, TargetElementId: { Length: > 0 } targetElement })
            {
                throw ApiException.Invalid($"migrationPlan.mappingInstructions[{i}] needs a sourceElementId and a targetElementId");
            }

            mappings.Add(new MappingInstruction(source, targetElement));
        }

        return new MigrationPlan(target, mappings);
    }

    /// <summary>Creates a batch of the instances <paramref name="filter"/> matches now, and wakes the runner.</summary>
    public static async Task<CreatedBatch> CreateAsync(
        string type, JsonElement? filter, string? plan, OrchestratorDbContext db, BatchOperationRunner runner, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(runner);
        if (filter is not { ValueKind: JsonValueKind.Object })
        {
            throw ApiException.Invalid("filter is required: an object as in POST /v2/process-instances/search (an empty object matches every instance)");
        }

        var matching = ProcessInstancesApi.Matching(db, user, filter);
        // Only instances the batch can act on: running ones, and for incident resolution those with an incident.
        matching = type == BatchOperationTypes.ResolveIncident
            ? matching.Where(i => i.State == "ACTIVE" && i.HasIncident)
            : matching.Where(i => i.State == "ACTIVE");
        var keys = await matching.Select(i => i.Key).OrderBy(k => k).ToListAsync(ct).ConfigureAwait(false);
        var batch = new BatchOperationRow
        {
            Type = type,
            State = BatchOperationTypes.Active,
            StartDate = runner.Now,
            TotalCount = keys.Count,
            Actor = CaseScope.Actor(user),
            Plan = plan,
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            db.BatchOperations.Add(batch);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            db.BatchOperationItems.AddRange(keys.Select(k => new BatchOperationItemRow { BatchOperationKey = batch.Key, ProcessInstanceKey = k, State = BatchOperationTypes.Active }));
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }

        runner.Wake();
        return new CreatedBatch(Json.Key(batch.Key), type);
    }

    /// <summary>The page's items with their batch's type.</summary>
    private static async Task<SearchResponse<BatchItem>> WithTypesAsync(SearchResponse<BatchOperationItemRow> page, OrchestratorDbContext db, CancellationToken ct)
    {
        var keys = page.Items.Select(i => i.BatchOperationKey).Distinct().ToList();
        var types = await db.BatchOperations.AsNoTracking().Where(b => keys.Contains(b.Key)).ToDictionaryAsync(b => b.Key, b => b.Type, ct).ConfigureAwait(false);
        return new SearchResponse<BatchItem>(
            page.Items.Select(i => new BatchItem(
                Json.Key(i.BatchOperationKey), Json.Key(i.ProcessInstanceKey), Json.Key(i.ProcessInstanceKey), types.GetValueOrDefault(i.BatchOperationKey, ""), i.State,
                i.ProcessedDate, i.ErrorMessage)).ToList(),
            page.Page);
    }

    private static BatchOperation Item(BatchOperationRow b) => new(
        Json.Key(b.Key), b.Type, b.State, b.StartDate, b.EndDate, b.TotalCount, b.CompletedCount, b.FailedCount, []);

    /// <summary>The body of the batch routes: the instances as <c>POST /v2/process-instances/search</c> filters them.</summary>
    public sealed record BatchRequest(JsonElement? Filter);

    /// <summary>The body of <c>POST /v2/process-instances/migration</c>.</summary>
    public sealed record MigrationBatchRequest(JsonElement? Filter, MigrationPlanRequest? MigrationPlan);

    /// <summary>Where to migrate to, and which element of the source becomes which of the target (same ids map by themselves).</summary>
    public sealed record MigrationPlanRequest(string? TargetProcessDefinitionKey, IReadOnlyList<MappingInstruction?>? MappingInstructions);

    /// <summary>A source element and the target element its instances move to.</summary>
    public sealed record MappingInstruction(string? SourceElementId, string? TargetElementId);

    /// <summary>A checked migration plan, as a migration batch keeps it.</summary>
    public sealed record MigrationPlan(long TargetProcessDefinitionKey, IReadOnlyList<MappingInstruction> MappingInstructions);

    /// <summary>What creating a batch answers.</summary>
    public sealed record CreatedBatch(string BatchOperationKey, string BatchOperationType);

    /// <summary>A batch operation and its progress (counts of items done and failed so far).</summary>
    public sealed record BatchOperation(
        string BatchOperationKey, string BatchOperationType, string State, DateTimeOffset StartDate, DateTimeOffset? EndDate,
        int OperationsTotalCount, int OperationsCompletedCount, int OperationsFailedCount, IReadOnlyList<string> Errors);

    /// <summary>One instance of a batch: its state and, when it failed, why.</summary>
    public sealed record BatchItem(
        string BatchOperationKey, string ItemKey, string ProcessInstanceKey, string OperationType, string State, DateTimeOffset? ProcessedDate, string? ErrorMessage);
}
