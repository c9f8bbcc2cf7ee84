using Orchestrator.Persistence.Store;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Orchestrator.Engine;
using Orchestrator.Engine.Execution;
using Orchestrator.Server.Hosting;
using Orchestrator.Workers;

namespace Orchestrator.Server.Workers;

/// <summary>
/// Runs every registered <see cref="IJobHandler"/>: activates its jobs (waking when jobs of its type appear), runs them, reports the outcome.
/// Starts once the host has started and stops when it stops.
/// </summary>
public sealed partial class JobWorkerService(
    IEnumerable<IJobHandler> handlers, EngineHost host, JobSignals signals, IOptions<JobWorkerOptions> options, IHostApplicationLifetime lifetime,
    ILogger<JobWorkerService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        // Handlers may call this server itself (the simulators under /sim), which answers only from the host's start until it stops.
        if (await StartedAsync(stopping.Token).ConfigureAwait(false))
        {
            await Task.WhenAll(handlers.Select(handler => RunAsync(handler, stopping.Token))).ConfigureAwait(false);
        }
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        try
        {
            await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task RunAsync(IJobHandler handler, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var slots = new SemaphoreSlim(settings.MaxConcurrentJobs);
        var worker = "in-process:" + handler.GetType().Name;
        DurableEngineStore.ActivationsWait();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                var free = slots.CurrentCount + 1;
                var signal = signals.Next(handler.Type);
                IReadOnlyList<ActivatedJob> jobs;
                try
                {
                    jobs = await host.RunAsync(engine => engine.ActivateJobs(handler.Type, worker, settings.Timeout, free)).ConfigureAwait(false);
                }
                catch (CommitConflictException)
                {
                    // Other nodes kept taking the jobs this one reached for: none for now.
                    jobs = [];
                }
                finally
                {
                    slots.Release();
                }

                if (jobs.Count == 0)
                {
                    await WaitAsync(signal, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                foreach (var job in jobs)
                {
                    await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await WorkAsync(handler, job, settings, stoppingToken).ConfigureAwait(false);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    }, CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogLoopFailed(exception, handler.Type);
                await Task.Delay(Recheck, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task WaitAsync(Task signal, CancellationToken stoppingToken)
    {
        try
        {
            await signal.WaitAsync(Recheck, stoppingToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Look again: a lease or back-off may have run out.
        }
    }

    private async Task WorkAsync(IJobHandler handler, ActivatedJob job, JobWorkerOptions settings, CancellationToken stoppingToken)
    {
        try
        {
            var variables = await handler.HandleAsync(job, stoppingToken).ConfigureAwait(false);
            await host.RunAsync(engine => engine.CompleteJob(job.Key, variables)).ConfigureAwait(false);
        }
        catch (BpmnErrorException error)
        {
            try
            {
                await host.RunAsync(engine => engine.ThrowJobError(job.Key, error.ErrorCode, error.Message, error.Variables)).ConfigureAwait(false);
            }
            catch (EngineException refused) when (IsResultRefused(refused))
            {
                await FailForGoodAsync(job, refused).ConfigureAwait(false);
            }
            catch (EngineException refused)
            {
                LogReportRefused(refused, job.Key);
            }
        }
        catch (EngineException refused) when (IsResultRefused(refused))
        {
            await FailForGoodAsync(job, refused).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and the job is offered again.
        }
        catch (Exception exception) when (exception is not EngineException)
        {
            var retries = Math.Max(0, job.Retries - 1);
            LogJobFailed(exception, job.Type, job.Key, retries);
            await ReportAsync(engine => engine.FailJob(job.Key, retries, exception.Message, retries > 0 ? settings.RetryBackOff : TimeSpan.Zero), job).ConfigureAwait(false);
        }
    }

    /// <summary>A result the engine cannot store (too big or too deep): working the job again gives the same.</summary>
    private static bool IsResultRefused(EngineException refused) => refused.Error is EngineError.InvalidArgument or EngineError.TooLarge;

    /// <summary>Fails the job into an incident that says why, rather than letting its lease run out and offering it again and again.</summary>
    private async Task FailForGoodAsync(ActivatedJob job, EngineException refused)
    {
        LogResultRefused(refused, job.Type, job.Key);
        await ReportAsync(engine => engine.FailJob(job.Key, 0, $"the job's result was refused: {refused.Message}"), job).ConfigureAwait(false);
    }

    private async Task ReportAsync(Action<WorkflowEngine> report, ActivatedJob job, [CallerArgumentExpression(nameof(report))] string reportText = "")
    {
        try
        {
            await host.RunAsync(report, reportText).ConfigureAwait(false);
        }
        catch (EngineException exception)
        {
            // The job went away meanwhile (its instance was canceled, or the lease ran out and another worker took it).
            LogReportRefused(exception, job.Key);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "the worker loop of {Type} failed")]
    private partial void LogLoopFailed(Exception exception, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Type} {Key} failed; {Retries} retries left")]
    private partial void LogJobFailed(Exception exception, string type, long key, int retries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the result of job {Type} {Key} was refused; the job fails into an incident")]
    private partial void LogResultRefused(Exception exception, string type, long key);

    [LoggerMessage(Level = LogLevel.Information, Message = "the outcome of job {Key} was refused")]
    private partial void LogReportRefused(Exception exception, long key);
}
