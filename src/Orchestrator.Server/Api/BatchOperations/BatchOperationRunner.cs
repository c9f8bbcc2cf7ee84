using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine;
using Orchestrator.Engine.Execution;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Cluster;
using Orchestrator.Persistence.Rows;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Api.BatchOperations;

/// <summary>
/// Runs the active batch operations, oldest first, a chunk of items at a time: each item is one engine command whose outcome
/// (done, nothing to do, or the engine's refusal) is saved before the next, so a restart resumes where the batch stood and
/// one failing instance never stops the rest. One node of a cluster runs batches at a time (<see cref="ClusterLock"/>).
/// </summary>
public sealed partial class BatchOperationRunner(OrchestratorDatabase database, EngineHost host, ControllableClock clock, ILogger<BatchOperationRunner> logger)
    : SweepService(clock, logger)
{
    /// <summary>How many waiting items a pass reads at once.</summary>
    public const int ChunkSize = 100;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(5);

    protected override string Name => "the batch operation runner";

    /// <summary>The server's time.</summary>
    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Runs every active batch to its end; returns how many items it ran.</summary>
    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var turn = await ClusterLock.TakeAsync(database, ClusterLock.BatchOperations, cancellationToken).ConfigureAwait(false);
        var ran = 0;
        while (true)
        {
            await using var db = database.CreateContext();
            var batch = await db.BatchOperations.Where(b => b.State == BatchOperationTypes.Active).OrderBy(b => b.Key)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (batch is null)
            {
                return ran;
            }

            var items = await db.BatchOperationItems
                .Where(i => i.BatchOperationKey == batch.Key && i.State == BatchOperationTypes.Active)
                .OrderBy(i => i.ProcessInstanceKey).Take(ChunkSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (items.Count == 0)
            {
                // A batch canceled meanwhile stays canceled.
                var now = Clock.GetUtcNow();
                await db.BatchOperations.Where(b => b.Key == batch.Key && b.State == BatchOperationTypes.Active)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.State, BatchOperationTypes.Completed).SetProperty(b => b.EndDate, now), cancellationToken)
                    .ConfigureAwait(false);
                continue;
            }

            foreach (var item in items)
            {
                if (!await StillActiveAsync(db, batch.Key, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                var (state, error) = await RunAsync(db, batch, item.ProcessInstanceKey, cancellationToken).ConfigureAwait(false);
                item.State = state;
                item.ErrorMessage = error;
                item.ProcessedDate = Clock.GetUtcNow();
                if (state == BatchOperationTypes.Failed)
                {
                    batch.FailedCount++;
                }
                else
                {
                    batch.CompletedCount++;
                }

                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                ran++;
            }
        }
    }

    private static Task<bool> StillActiveAsync(OrchestratorDbContext db, long batchKey, CancellationToken ct) =>
        db.BatchOperations.AsNoTracking().AnyAsync(b => b.Key == batchKey && b.State == BatchOperationTypes.Active, ct);

    /// <summary>One item: its new state and, when the engine refused, why.</summary>
    private async Task<(string State, string? Error)> RunAsync(OrchestratorDbContext db, BatchOperationRow batch, long instanceKey, CancellationToken ct)
    {
        try
        {
            host.ThrowIfQuarantined(instanceKey);
            return batch.Type switch
            {
                BatchOperationTypes.ResolveIncident => await ResolveIncidentsAsync(db, batch.Actor, instanceKey, ct).ConfigureAwait(false),
                BatchOperationTypes.CancelProcessInstance => await CancelAsync(batch.Actor, instanceKey).ConfigureAwait(false),
                BatchOperationTypes.MigrateProcessInstance => await MigrateAsync(batch, instanceKey).ConfigureAwait(false),
                _ => (BatchOperationTypes.Failed, $"batch operation type {batch.Type} is not supported by this server"),
            };
        }
        catch (Exception exception) when (exception is EngineException or ApiException)
        {
            LogItemFailed(batch.Key, instanceKey, exception.Message);
            return (BatchOperationTypes.Failed, exception.Message);
        }
        catch (Exception exception) when (ItemFailures.IsDefect(exception))
        {
            LogItemBroke(exception, batch.Key, instanceKey);
            return (BatchOperationTypes.Failed, $"failed unexpectedly ({exception.GetType().Name}): {exception.Message}");
        }
    }

    /// <summary>Resolves the instance's open incidents; a job out of retries gets one retry first, as a retry in Operate does.</summary>
    private async Task<(string, string?)> ResolveIncidentsAsync(OrchestratorDbContext db, string? actor, long instanceKey, CancellationToken ct)
    {
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.ProcessInstanceKey == instanceKey && i.State == "ACTIVE")
            .Select(i => new { i.Key, i.JobKey }).ToListAsync(ct).ConfigureAwait(false);
        if (incidents.Count == 0)
        {
            return (BatchOperationTypes.Skipped, null);
        }

        var jobKeys = incidents.Where(i => i.JobKey is not null).Select(i => i.JobKey!.Value).ToList();
        var spent = await db.Jobs.AsNoTracking().Where(j => jobKeys.Contains(j.Key) && j.Retries <= 0).Select(j => j.Key).ToListAsync(ct).ConfigureAwait(false);
        foreach (var incident in incidents)
        {
            await host.RunAsync(engine =>
            {
                if (incident.JobKey is { } job && spent.Contains(job))
                {
                    engine.UpdateJob(job, 1, null, actor);
                }

                engine.ResolveIncident(incident.Key, actor);
            }).ConfigureAwait(false);
        }

        return (BatchOperationTypes.Completed, null);
    }

    private async Task<(string, string?)> CancelAsync(string? actor, long instanceKey)
    {
        await host.RunAsync(engine => engine.CancelInstance(instanceKey, actor)).ConfigureAwait(false);
        return (BatchOperationTypes.Completed, null);
    }

    private async Task<(string, string?)> MigrateAsync(BatchOperationRow batch, long instanceKey)
    {
        var plan = JsonSerializer.Deserialize<BatchOperationsApi.MigrationPlan>(batch.Plan ?? "null", ApiJson.Options)
            ?? throw ApiException.Invalid($"batch operation {batch.Key} has no migration plan");
        var mappings = plan.MappingInstructions.Select(m => new MigrationMapping(m.SourceElementId!, m.TargetElementId!)).ToList();
        await host.RunAsync(engine => engine.MigrateProcessInstance(instanceKey, plan.TargetProcessDefinitionKey, mappings, batch.Actor)).ConfigureAwait(false);
        return (BatchOperationTypes.Completed, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch operation {Batch}: process instance {Instance} failed: {Error}")]
    private partial void LogItemFailed(long batch, long instance, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch operation {Batch}: process instance {Instance} failed unexpectedly")]
    private partial void LogItemBroke(Exception exception, long batch, long instance);
}
