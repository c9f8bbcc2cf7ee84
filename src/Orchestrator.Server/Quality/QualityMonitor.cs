using Microsoft.Extensions.Options;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Cluster;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Sla;

namespace Orchestrator.Server.Quality;

/// <summary>
/// The service-quality pass: records started cases, finished tasks and ended cases (<see cref="CaseFacts"/>), samples the
/// ended cases' tasks and starts their reviews, and records finished reviews (<see cref="QualitySampler"/>). Runs every few
/// seconds and at once when the clock is pinned; one node at a time. The SLA sweep runs first, so a case that ends with
/// its SLA just breached is sampled for it.
/// </summary>
public sealed class QualityMonitor(
    OrchestratorDatabase database, CaseFacts facts, QualitySampler sampler, SlaMonitor sla, ControllableClock clock, IOptions<QualityOptions> options,
    ILogger<QualityMonitor> logger) : SweepService(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.SweepSeconds);

    protected override string Name => "the service-quality pass";

    /// <summary>One pass; returns how many facts, samples and reviews it wrote.</summary>
    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await sla.SweepAsync(cancellationToken).ConfigureAwait(false);
        await using var turn = await ClusterLock.TakeAsync(database, ClusterLock.QualitySweep, cancellationToken).ConfigureAwait(false);
        await using var db = database.CreateContext();
        var written = await facts.StartCasesAsync(db, cancellationToken).ConfigureAwait(false);
        written += await facts.RecordTasksAsync(db, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var ended = await facts.EndCasesAsync(db, cancellationToken).ConfigureAwait(false);
        written += ended.Count + await sampler.SampleAsync(db, ended, cancellationToken).ConfigureAwait(false);
        written += await QualitySampler.RecordReviewsAsync(db, cancellationToken).ConfigureAwait(false);

        // An ended case's facts and samples are saved in one transaction; reviews start after, each saved as it starts.
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        written += await sampler.StartReviewsAsync(db, cancellationToken).ConfigureAwait(false);
        return written;
    }
}
