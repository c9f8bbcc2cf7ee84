using Orchestrator.Persistence.Cluster;

namespace Orchestrator.Persistence.Tests.Cluster;

/// <summary>
/// A background pass runs once at a time in a process too, not only across nodes: on SQLite the SLA sweep's own loop and the
/// quality pass (which runs the sweep first) once both recorded the same SLA event, and the second insert broke the pass.
/// </summary>
public sealed class ClusterLockTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orchestrator-lock-tests", Guid.NewGuid().ToString("N"));
    private readonly OrchestratorDatabase _database;

    public ClusterLockTests()
    {
        Directory.CreateDirectory(_folder);
        _database = new OrchestratorDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "state.db")}");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_second_caller_of_one_pass_waits_until_the_first_lets_go()
    {
        var first = await ClusterLock.TakeAsync(_database, ClusterLock.SlaSweep, CancellationToken.None);
        var second = ClusterLock.TakeAsync(_database, ClusterLock.SlaSweep, CancellationToken.None);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await using var taken = await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(second.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Different_passes_do_not_wait_for_each_other()
    {
        await using var sweep = await ClusterLock.TakeAsync(_database, ClusterLock.SlaSweep, CancellationToken.None);
        var webhooks = ClusterLock.TakeAsync(_database, ClusterLock.WebhookDeliveries, CancellationToken.None);
        Assert.True(webhooks.IsCompletedSuccessfully);
        await (await webhooks).DisposeAsync();
    }

    [Fact]
    public async Task A_caller_that_gives_up_waiting_does_not_keep_the_pass()
    {
        var first = await ClusterLock.TakeAsync(_database, ClusterLock.QualitySweep, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = ClusterLock.TakeAsync(_database, ClusterLock.QualitySweep, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        await first.DisposeAsync();
        await first.DisposeAsync();
        var next = ClusterLock.TakeAsync(_database, ClusterLock.QualitySweep, CancellationToken.None);
        Assert.True(next.IsCompletedSuccessfully);
        var another = ClusterLock.TakeAsync(_database, ClusterLock.QualitySweep, CancellationToken.None);
        Assert.False(another.IsCompleted);
        await (await next).DisposeAsync();
        await (await another.WaitAsync(TimeSpan.FromSeconds(30))).DisposeAsync();
    }
}
