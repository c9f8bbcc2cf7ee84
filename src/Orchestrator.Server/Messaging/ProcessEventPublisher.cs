using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Messaging;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Cluster;
using Orchestrator.Persistence.Rows;
using Orchestrator.Persistence.Store;

namespace Orchestrator.Server.Messaging;

/// <summary>
/// Publishes process events to <c>Messaging:Events:Destination</c>, at least once and in order: those of the engine from the
/// transactional outbox (<c>event_outbox</c>, written with what they tell; deleted once the broker has them) and SLA warnings
/// and breaches from <c>sla_events</c> (after the last one published, kept in <c>cluster_settings</c>), the two interleaved
/// by time. One node at a time
/// publishes (<see cref="ClusterLock"/>); each event's message id is its CloudEvents id, and on Service Bus its session is the
/// process instance, so a session-enabled topic hands an instance's events over in order.
/// </summary>
public sealed partial class ProcessEventPublisher(
    IMessagingTransport transport, OrchestratorDatabase database, IOptions<MessagingOptions> options, ILogger<ProcessEventPublisher> logger) : BackgroundService
{
    /// <summary>The cluster lock of the publication pass.</summary>
    public const long Lock = 0x4F52_4556_454E_5453;

    /// <summary>The <c>cluster_settings</c> entry with the id of the last SLA event published.</summary>
    public const string SlaCursor = "events.sla";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var destination = options.Value.Events.Destination!;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using (await ClusterLock.TakeAsync(database, Lock, stoppingToken).ConfigureAwait(false))
                {
                    while (await PublishAsync(destination, stoppingToken).ConfigureAwait(false) > 0)
                    {
                        // More may be waiting.
                    }
                }

                await Task.Delay(Poll, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The broker or the database is away: what was not published stays, and goes on the next round.
                LogFailed(destination, exception);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Publishes the waiting engine events and SLA events, each stream in its own order, interleaved by time (so an
    /// instance's SLA warning goes before its completion when both waited for the broker); returns how many went.
    /// </summary>
    private async Task<int> PublishAsync(string destination, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var outbox = await context.EventOutbox.AsNoTracking().OrderBy(e => e.Id).Take(Batch).ToListAsync(cancellationToken).ConfigureAwait(false);
        var cursor = await context.ClusterSettings.FindAsync([SlaCursor], cancellationToken).ConfigureAwait(false);
        var after = cursor?.Value is { } stored ? long.Parse(stored, CultureInfo.InvariantCulture) : 0;
        var sla = await context.SlaEvents.AsNoTracking().Where(e => e.Id > after && e.Event != "MET").OrderBy(e => e.Id).Take(Batch)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // A stream whose batch is full may have more after it: nothing of the other goes past its last event.
        int o = 0, s = 0;
        while (o < outbox.Count || s < sla.Count)
        {
            if ((o == outbox.Count && outbox.Count == Batch) || (s == sla.Count && sla.Count == Batch))
            {
                break;
            }

            if (s == sla.Count || (o < outbox.Count && outbox[o].At <= sla[s].At))
            {
                var next = outbox[o++];
                await SendAsync(destination, Text(next.Id), next.Type, next.ProcessInstanceKey, next.Data, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var next = sla[s++];
                await SendAsync(destination, "sla-" + Text(next.Id), TypeOf(next), next.ProcessInstanceKey, SlaEvent(next), cancellationToken).ConfigureAwait(false);
            }
        }

        if (o > 0)
        {
            // By id, not up to the last: on a cluster an event with a lower id (another node's older block) may commit after this read.
            var sent = outbox.Take(o).Select(e => e.Id).ToList();
            await context.EventOutbox.Where(e => sent.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (s > 0)
        {
            var value = Text(sla[s - 1].Id);
            if (cursor is null)
            {
                context.ClusterSettings.Add(new ClusterSettingRow { Name = SlaCursor, Value = value });
            }
            else
            {
                cursor.Value = value;
            }

            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return o + s;
    }

    private static string TypeOf(SlaEventRow sla) => sla.Event == "WARNING" ? "sla.warning" : "sla.breached";

    private static string SlaEvent(SlaEventRow sla)
    {
        var data = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["processInstanceKey"] = Text(sla.ProcessInstanceKey),
            ["bpmnProcessId"] = sla.BpmnProcessId,
            ["subjectType"] = sla.SubjectType,
            ["subjectKey"] = Text(sla.SubjectKey),
            ["elementId"] = sla.ElementId,
            ["dueDate"] = sla.DueDate.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        };
        return ProcessEvents.CloudEvent("sla-" + Text(sla.Id), TypeOf(sla), sla.BpmnProcessId, Text(sla.ProcessInstanceKey), sla.At, data);
    }

    private Task SendAsync(string destination, string id, string type, long processInstanceKey, string json, CancellationToken cancellationToken) =>
        transport.SendAsync(new OutboundMessage(
            destination, Encoding.UTF8.GetBytes(json), id,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["type"] = ProcessEvents.TypePrefix + type, ["processInstanceKey"] = Text(processInstanceKey) },
            Text(processInstanceKey)), cancellationToken);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "publishing process events to {Destination} failed; trying again shortly")]
    private partial void LogFailed(string destination, Exception exception);
}
