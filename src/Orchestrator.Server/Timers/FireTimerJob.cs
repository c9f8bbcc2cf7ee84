using Orchestrator.Server.Hosting;
using Quartz;

namespace Orchestrator.Server.Timers;

/// <summary>The Quartz job behind every timer trigger: fires the engine's timer if it is still due (a second firing does nothing).</summary>
public sealed class FireTimerJob(EngineHost host) : IJob
{
    /// <summary>The job's key; every timer trigger points at it.</summary>
    public static readonly JobKey Key = new("fire-timer", "orchestrator");

    /// <summary>The job-data entry that holds the timer's key.</summary>
    public const string TimerKey = "timerKey";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = context.MergedJobDataMap.GetLong(TimerKey);
        await host.RunAsync(engine => engine.FireTimerIfDue(key)).ConfigureAwait(false);
    }
}
