using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine;
using Orchestrator.Engine.Execution;
using Orchestrator.Feel.Values;
using Orchestrator.Persistence;
using Orchestrator.Server.Auth;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Api.ProcessInstances;

/// <summary>
/// Repairs of one running instance, with Camunda 8.8's shapes: migration to another process definition
/// (<c>POST /v2/process-instances/{key}/migration</c>) and modification (<c>POST /v2/process-instances/{key}/modification</c>:
/// activate, terminate and — as Camunda 8.9 names them — move instructions). Guarded like cancellation: operators and admins.
/// </summary>
public static class InstanceRepairApi
{
    public static RouteGroupBuilder MapInstanceRepairApi(this RouteGroupBuilder v2)
    {
        v2.MapPost("/process-instances/{key}/migration", MigrateAsync).RequirePermission(Permissions.InstancesCancel);
        v2.MapPost("/process-instances/{key}/modification", ModifyAsync).RequirePermission(Permissions.InstancesCancel);
        return v2;
    }

    private static async Task<NoContent> MigrateAsync(string key, MigrationRequest request, EngineHost host, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instanceKey = ApiValues.Key("processInstanceKey", key);
        var target = ApiValues.Key("targetProcessDefinitionKey", request.TargetProcessDefinitionKey
            ?? throw ApiException.Invalid("targetProcessDefinitionKey is required"));
        var mappings = (request.MappingInstructions ?? []).Select((m, i) => m is null
            ? throw ApiException.Invalid($"mappingInstructions[{i}] must be an object {{sourceElementId, targetElementId}}")
            : new MigrationMapping(m.SourceElementId ?? "", m.TargetElementId ?? "")).ToList();
        host.ThrowIfQuarantined(instanceKey);
        var actor = CaseScope.Actor(user);
        await RunAsync(host, db, instanceKey, engine => engine.MigrateProcessInstance(instanceKey, target, mappings, actor), ct).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> ModifyAsync(string key, ModificationRequest request, EngineHost host, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instanceKey = ApiValues.Key("processInstanceKey", key);
        var activate = (request.ActivateInstructions ?? []).Select((a, i) =>
        {
            var field = $"activateInstructions[{i}]";
            return a is null
                ? throw ApiException.Invalid($"{field} must be an object {{elementId, ancestorElementInstanceKey, variableInstructions}}")
                : new ModificationActivation(a.ElementId ?? "", ApiValues.OptionalKey($"{field}.ancestorElementInstanceKey", a.AncestorElementInstanceKey),
                    Variables(a.VariableInstructions, $"{field}.variableInstructions"));
        }).ToList();
        var terminate = (request.TerminateInstructions ?? []).Select((t, i) =>
            ApiValues.Key($"terminateInstructions[{i}].elementInstanceKey", t?.ElementInstanceKey
                ?? throw ApiException.Invalid($"terminateInstructions[{i}].elementInstanceKey is required"))).ToList();
        var move = (request.MoveInstructions ?? []).Select((m, i) => Move(m, $"moveInstructions[{i}]")).ToList();
        host.ThrowIfQuarantined(instanceKey);
        var actor = CaseScope.Actor(user);
        await RunAsync(host, db, instanceKey, engine => engine.ModifyProcessInstance(instanceKey, new ProcessInstanceModification(activate, terminate, move), actor), ct)
            .ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Runs the command; an instance the engine no longer holds because it ended is a conflict that says so (Camunda answers
    /// not found, which leaves an operator guessing).
    /// </summary>
    private static async Task RunAsync(
        EngineHost host, OrchestratorDbContext db, long instanceKey, Action<WorkflowEngine> command, CancellationToken ct,
        [CallerArgumentExpression(nameof(command))] string commandText = "")
    {
        try
        {
            await host.RunAsync(command, commandText).ConfigureAwait(false);
        }
        catch (EngineException exception) when (exception.Error == EngineError.NotFound)
        {
            var state = await db.ProcessInstances.AsNoTracking().Where(i => i.Key == instanceKey).Select(i => i.State).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            if (state is null or "ACTIVE")
            {
                throw;
            }

            throw new ApiException(StatusCodes.Status409Conflict, "INVALID_STATE", $"process instance {instanceKey} is {state.ToLowerInvariant()}; only a running instance can be changed");
        }
    }

    private static ModificationMove Move(MoveInstruction? move, string field)
    {
        var source = move?.SourceElementInstruction ?? throw ApiException.Invalid($"{field}.sourceElementInstruction is required");
        if (string.IsNullOrEmpty(move.TargetElementId))
        {
            throw ApiException.Invalid($"{field}.targetElementId is required");
        }

        var variables = Variables(move.VariableInstructions, $"{field}.variableInstructions");
        return source.SourceType switch
        {
            "byKey" => new ModificationMove(null, ApiValues.Key($"{field}.sourceElementInstruction.sourceElementInstanceKey", source.SourceElementInstanceKey
                ?? throw ApiException.Invalid($"{field}.sourceElementInstruction.sourceElementInstanceKey is required with sourceType byKey")), move.TargetElementId, variables),
            "byId" or null when !string.IsNullOrEmpty(source.SourceElementId) => new ModificationMove(source.SourceElementId, null, move.TargetElementId, variables),
            "byId" or null => throw ApiException.Invalid($"{field}.sourceElementInstruction.sourceElementId is required"),
            _ => throw ApiException.Invalid($"{field}.sourceElementInstruction.sourceType must be byId or byKey, not '{source.SourceType}'"),
        };
    }

    private static List<ModificationVariables>? Variables(IReadOnlyList<VariableInstruction?>? instructions, string field) =>
        instructions?.Select((v, i) => new ModificationVariables(
            ApiValues.Of(v?.Variables ?? throw ApiException.Invalid($"{field}[{i}].variables is required"))!, v.ScopeId)).ToList();

    /// <summary><c>POST /v2/process-instances/{key}/migration</c>.</summary>
    public sealed record MigrationRequest(string? TargetProcessDefinitionKey, IReadOnlyList<MappingInstruction?>? MappingInstructions, long? OperationReference);

    /// <summary>An active element of the source continues as an element of the target.</summary>
    public sealed record MappingInstruction(string? SourceElementId, string? TargetElementId);

    /// <summary><c>POST /v2/process-instances/{key}/modification</c>.</summary>
    public sealed record ModificationRequest(
        IReadOnlyList<ActivateInstruction?>? ActivateInstructions,
        IReadOnlyList<TerminateInstruction?>? TerminateInstructions,
        IReadOnlyList<MoveInstruction?>? MoveInstructions,
        long? OperationReference);

    /// <summary>Activate an element, in the one active instance of its scope or the named ancestor.</summary>
    public sealed record ActivateInstruction(string? ElementId, string? AncestorElementInstanceKey, IReadOnlyList<VariableInstruction?>? VariableInstructions);

    /// <summary>Terminate an active element instance.</summary>
    public sealed record TerminateInstruction(string? ElementInstanceKey);

    /// <summary>Move the tokens of an element (<c>byId</c>) or of one element instance (<c>byKey</c>) to another element.</summary>
    public sealed record MoveInstruction(SourceElementInstruction? SourceElementInstruction, string? TargetElementId, IReadOnlyList<VariableInstruction?>? VariableInstructions);

    /// <summary>Which tokens a move takes.</summary>
    public sealed record SourceElementInstruction(string? SourceType, string? SourceElementId, string? SourceElementInstanceKey);

    /// <summary>Variables set in a scope (the activated element's id, an enclosing subprocess's, or none for the process).</summary>
    public sealed record VariableInstruction(Dictionary<string, FeelValue>? Variables, string? ScopeId);
}
