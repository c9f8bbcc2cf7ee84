using System.Diagnostics.Metrics;

namespace Orchestrator.Persistence.Store;

/// <summary>
/// The journal writer's and the catch-up's instruments on the meter <see cref="DurableEngineStore.MeterName"/>. A static meter, as
/// libraries without dependency injection keep one: the store is built by hand, and a listener (OpenTelemetry in
/// the server) subscribes by name.
/// </summary>
internal static class JournalMetrics
{
    private static readonly Meter Meter = new(DurableEngineStore.MeterName);

    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram(
        "orchestrator.journal.commit.duration", "s", "How long one group commit (a database transaction of many commands) took.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram(
        "orchestrator.journal.batch.size", "{command}", "How many commands one group commit wrote.",
        tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2000] });

    private static readonly Counter<long> LeftOut = Meter.CreateCounter<long>(
        "orchestrator.journal.conflicts", "{commit}", "Commits left out for a conflict with another node: a claim another node's commit broke, or a deadlock or duplicate that sent the whole batch again (the commands run again).");

    private static readonly Counter<long> Rechecked = Meter.CreateCounter<long>(
        "orchestrator.journal.rechecked", "{batch}", "Group commits on a shared database that did not commit in one round trip (a claim broke, rows were refused, a commit built on one left out before, or one undeployed) and were checked in two.");

    private static readonly Histogram<double> CatchUpDuration = Meter.CreateHistogram(
        "orchestrator.catchup.duration", "s", "How long one catch-up with other nodes' commits took: reading their rows (phase read, while commands run) or putting them into memory (phase apply, while no command runs).",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });

    /// <summary>Records one batch: the commits written and those left out.</summary>
    public static void Committed(int commands, int leftOut, TimeSpan duration)
    {
        CommitDuration.Record(duration.TotalSeconds);
        BatchSize.Record(commands);
        if (leftOut > 0)
        {
            LeftOut.Add(leftOut);
        }
    }

    /// <summary>Records a group commit that was checked in two round trips.</summary>
    public static void CheckedTwice() => Rechecked.Add(1);

    /// <summary>Records one phase of a catch-up (<c>read</c> or <c>apply</c>).</summary>
    public static void CaughtUp(string phase, TimeSpan duration) =>
        CatchUpDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("phase", phase));
}
