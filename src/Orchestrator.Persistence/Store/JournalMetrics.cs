using System.Diagnostics.Metrics;

namespace Orchestrator.Persistence.Store;

/// <summary>
/// The journal writer's instruments on the meter <see cref="DurableEngineStore.MeterName"/>. A static meter, as
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

    /// <summary>Records one committed batch.</summary>
    public static void Committed(int commands, TimeSpan duration)
    {
        CommitDuration.Record(duration.TotalSeconds);
        BatchSize.Record(commands);
    }
}
