using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Execution;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;
using Orchestrator.Persistence;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Messaging;

namespace Orchestrator.Server.Webhooks;

/// <summary>
/// Publishes stored webhook deliveries in order: at start-up (deliveries a crash left behind), at once when a
/// new one is stored, and every few seconds. The message id is <c>webhook:{path}:{deliveryId}</c>, so a delivery
/// published just before a crash is not published again after it.
/// </summary>
public sealed partial class WebhookProcessor(
    OrchestratorDatabase database, WebhookRegistry registry, EngineHost host, ILogger<WebhookProcessor> logger) : BackgroundService
{
    /// <summary>Stored, not yet published.</summary>
    public const string Pending = "PENDING";

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private volatile TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A delivery was stored.</summary>
    public void Wake() => _wake.TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = _wake;
            try
            {
                while (await ProcessBatchAsync(stoppingToken).ConfigureAwait(false) > 0)
                {
                    // More may be waiting.
                }

                await wake.Task.WaitAsync(Poll, stoppingToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The periodic look.
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                LogLoopFailed(exception);
                await Task.Delay(Poll, stoppingToken).ConfigureAwait(false);
            }

            if (wake.Task.IsCompleted)
            {
                _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        // Every node runs this loop; one at a time picks deliveries, so each is published once.
        await using var turn = await Persistence.Cluster.ClusterLock.TakeAsync(database, Persistence.Cluster.ClusterLock.WebhookDeliveries, cancellationToken)
            .ConfigureAwait(false);
        await using var context = database.CreateContext();
        var pending = await context.WebhookDeliveries.Where(d => d.State == Pending).OrderBy(d => d.Id).Take(100).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            return 0;
        }

        var endpoints = await registry.EndpointsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var delivery in pending)
        {
            try
            {
                if (!endpoints.TryGetValue(delivery.Path, out var endpoint))
                {
                    throw new InvalidDataException($"no deployed model declares /webhooks/{delivery.Path} any more");
                }

                delivery.State = await PublishAsync(endpoint, delivery.DeliveryId, delivery.Body).ConfigureAwait(false) ? "DONE" : "SKIPPED";
            }
            catch (Exception exception) when (exception is InvalidDataException or EngineException { Error: not EngineError.InvalidState })
            {
                delivery.State = "FAILED";
                delivery.Error = exception.Message;
                LogDeliveryFailed(delivery.Path, delivery.DeliveryId, exception.Message);
            }
            catch (EngineException)
            {
                // The message id was published already (just before a crash): nothing more to do.
                delivery.State = "DONE";
            }
            catch (Exception exception) when (ItemFailures.IsDefect(exception))
            {
                delivery.State = "FAILED";
                delivery.Error = $"publishing it failed unexpectedly ({exception.GetType().Name}): {exception.Message}";
                LogDeliveryBroke(exception, delivery.Path, delivery.DeliveryId);
            }

            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return pending.Count;
    }

    /// <returns>False when the endpoint's condition left the delivery out.</returns>
    private async Task<bool> PublishAsync(WebhookEndpoint endpoint, string deliveryId, string body)
    {
        if (Prepare(endpoint, FeelJson.FromJson(body)) is not { } publication)
        {
            return false;
        }

        await host.RunAsync(engine => engine.PublishMessage(
                endpoint.MessageName, publication.CorrelationKey, endpoint.TimeToLive, $"webhook:{endpoint.Path}:{deliveryId}", publication.Variables, publication.MayStart))
            .ConfigureAwait(false);
        return true;
    }

    /// <summary>What a delivery of <paramref name="body"/> to <paramref name="endpoint"/> publishes; null when the endpoint's condition leaves it out.</summary>
    /// <exception cref="InvalidDataException">The model's expressions gave what a publication cannot take (see <see cref="MessagePublication.Prepare"/>).</exception>
    internal static MessagePublication? Prepare(WebhookEndpoint endpoint, FeelValue body) =>
        MessagePublication.Prepare(new FeelContext([KeyValuePair.Create("body", body)]),
            new MessageDeclaration(endpoint.CorrelationKey, endpoint.Variables, endpoint.Condition, endpoint.StartCondition),
            $"webhook {endpoint.Path} of {endpoint.ProcessId}/{endpoint.ElementId}");

    [LoggerMessage(Level = LogLevel.Error, Message = "processing webhook deliveries failed")]
    private partial void LogLoopFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "webhook delivery {Path} {DeliveryId} failed: {Error}")]
    private partial void LogDeliveryFailed(string path, string deliveryId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "webhook delivery {Path}/{DeliveryId} failed unexpectedly; kept as FAILED, not retried")]
    private partial void LogDeliveryBroke(Exception exception, string path, string deliveryId);
}
