using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;
using Orchestrator.Persistence.Cluster;

namespace Orchestrator.Server.Hosting;

/// <summary>
/// This node's part in a cluster: says where it answers (for the topology); on a shared database listens for the other nodes'
/// commits and catches up within tens of milliseconds (long-polls, <c>awaitCompletion</c> and task lists hear of them then), checks
/// that it still holds its node id (stops the server otherwise) and trims the change feed; at shutdown waits until what it
/// committed is durable.
/// </summary>
public sealed partial class ClusterMember(EngineHost host, IServer server, IHostApplicationLifetime lifetime, ILogger<ClusterMember> logger) : BackgroundService
{
    /// <summary>How long the change feed keeps a transaction (a node catches up within tens of milliseconds; one that starts reads the tables).</summary>
    public static readonly TimeSpan FeedRetention = TimeSpan.FromHours(1);

    private static readonly TimeSpan CheckPeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The least time from the end of one catch-up to the start of the next. A busy node notifies at every group commit; each
    /// catch-up reads the feed and the rows behind it, so gathering what arrives meanwhile into one read saves most of those
    /// reads, and an instance changed several times within the gap is read once. Counted from the end (on a loaded machine a
    /// catch-up takes longer than a short gap, and counted from the start they ran back to back); a node that heard nothing for
    /// longer catches up at once, so only a cluster under steady load waits. 50 ms rather than 15: two nodes sharing two cores
    /// did 613–623 instances/s against 494–527, alternated, with about a tenth less CPU on each node; a run at 100 ms stood
    /// still once for 2 s (not looked into). Commands that find an instance missing or conflict read at once, without the gap, and
    /// a command waiting for a catch-up (<see cref="EngineHost.CaughtUpAsync"/>) cuts the gap short, to <see cref="HurriedGap"/>.
    /// </summary>
    private static readonly TimeSpan CatchUpGap = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The least time between catch-ups when commands wait for them: many agents' task commands on a loaded cluster would otherwise
    /// run catch-ups back to back, each reading the rows of a few commits.
    /// </summary>
    private static readonly TimeSpan HurriedGap = TimeSpan.FromMilliseconds(10);
    // A catch-up is due (at most one waits: it reads everything committed until it runs); a full channel drops the write
    // without the exception a full semaphore throws, some fifty a second on a busy node.
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>Completed when a command waits for the next catch-up: it then starts without waiting out <see cref="CatchUpGap"/>.</summary>
    private TaskCompletionSource _awaited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        host.CatchUpWanted += Wake;
        host.CatchUpAwaited += Hurry;

        lifetime.ApplicationStarted.Register(() => _ = AnnounceAsync());
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await host.Store.WhenSettled().ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!host.Registry.Shared)
        {
            return;
        }

        try
        {
            await Task.WhenAll(ListenAsync(stoppingToken), CatchUpAsync(stoppingToken), WatchAsync(stoppingToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(host.Database.ConnectionString) { Pooling = false }.ConnectionString);
                await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                var self = host.Registry.NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                connection.Notification += (_, e) =>
                {
                    var (node, definitions) = ChangeFeed.Parse(e.Payload);
                    if (node != self)
                    {
                        host.CatchUpRequested(definitions);
                        Wake();
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeFeed.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }

                // Whatever committed while nobody listened.
                Wake();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                LogListenFailed(exception);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private void Wake() => _pending.Writer.TryWrite(true);

    private void Hurry()
    {
        Volatile.Read(ref _awaited).TrySetResult();
        Wake();
    }

    private async Task CatchUpAsync(CancellationToken stoppingToken)
    {
        var last = 0L;
        while (true)
        {
            await _pending.Reader.ReadAsync(stoppingToken).ConfigureAwait(false);
            var since = Stopwatch.GetElapsedTime(last);
            var awaited = Volatile.Read(ref _awaited).Task;
            if (since < CatchUpGap && !awaited.IsCompleted)
            {
                await Task.WhenAny(Task.Delay(CatchUpGap - since, stoppingToken), awaited).ConfigureAwait(false);
                stoppingToken.ThrowIfCancellationRequested();
            }

            // A command that waits from now on waits for a catch-up after this one, which reads what was requested until it starts.
            if (awaited.IsCompleted)
            {
                Volatile.Write(ref _awaited, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                since = Stopwatch.GetElapsedTime(last);
                if (since < HurriedGap)
                {
                    await Task.Delay(HurriedGap - since, stoppingToken).ConfigureAwait(false);
                }
            }

            try
            {
                host.CatchUp();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Whatever failed, the loop goes on: the next notification or check reads the same changes again.
                LogCatchUpFailed(exception);
            }

            last = Stopwatch.GetTimestamp();
        }
    }

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckPeriod);
        var trimmed = DateTimeOffset.MinValue;
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            // In case a notification was missed, or a catch-up failed.
            Wake();
            if (!await host.Registry.HoldsAsync(stoppingToken).ConfigureAwait(false))
            {
                LogLostId(host.Registry.NodeId);
                lifetime.StopApplication();
                return;
            }

            if (DateTimeOffset.UtcNow - trimmed > TimeSpan.FromMinutes(1))
            {
                trimmed = DateTimeOffset.UtcNow;
                try
                {
                    await host.Store.TrimChangesAsync(trimmed - FeedRetention, stoppingToken).ConfigureAwait(false);
                }
                catch (System.Data.Common.DbException exception)
                {
                    LogTrimFailed(exception);
                }
            }
        }
    }

    private async Task AnnounceAsync()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || !Uri.TryCreate(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return;
        }

        try
        {
            await host.Registry.AnnounceAsync(uri.Host, uri.Port, CancellationToken.None).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException exception)
        {
            LogAnnounceFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "listening for the other nodes' commits failed; listening again")]
    private partial void LogListenFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "catching up with the other nodes failed; the next notification catches up again")]
    private partial void LogCatchUpFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "trimming the change feed failed")]
    private partial void LogTrimFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "recording where this node answers failed")]
    private partial void LogAnnounceFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "this node no longer holds its node id {NodeId} (its database connection was lost); stopping")]
    private partial void LogLostId(int nodeId);

}
