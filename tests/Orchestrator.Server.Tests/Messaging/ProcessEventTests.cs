using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Persistence.Store;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Messaging;

/// <summary>A server on RabbitMQ that publishes process events to a queue of its own.</summary>
public sealed class ProcessEventServer : RabbitMqServer
{
    public string Destination { get; } = "events-" + Guid.NewGuid().ToString("N")[..10];

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Messaging:Events:Destination"] = Destination;
        settings["Calendars:always:TimeZone"] = "UTC";
        foreach (var day in Enum.GetNames<DayOfWeek>())
        {
            settings[$"Calendars:always:Hours:{day}"] = "00:00-24:00";
        }

        return settings;
    }
}

/// <summary>Process events reach other systems through the transactional outbox: each once the change it tells is durable, in order per instance, as CloudEvents.</summary>
public sealed class ProcessEventTests(ProcessEventServer server) : IClassFixture<ProcessEventServer>
{
    private static readonly RabbitMqBroker Broker = new();
    private readonly List<JsonNode> _received = [];

    /// <summary>The events of one instance received so far (others' are kept for their own test).</summary>
    private async Task<List<JsonNode>> EventsOfAsync(string instance, int atLeast)
    {
        await Poll.Until(async () =>
        {
            while (await Broker.TakeAsync(server.Destination) is { } message)
            {
                _received.Add(JsonNode.Parse(Encoding.UTF8.GetString(message.Body.Span))!);
            }

            return _received.Count(e => e["subject"]!.GetValue<string>() == instance) >= atLeast;
        });
        return _received.Where(e => e["subject"]!.GetValue<string>() == instance).ToList();
    }

    [Fact]
    public async Task An_instance_s_events_arrive_in_order_as_cloud_events()
    {
        // Arrange
        await server.DeployAsync("Messaging/process-events.bpmn");
        var instance = await server.StartAsync("evented-refund");
        var task = Assert.Single(await server.SearchAsync("user-tasks", new { processInstanceKey = instance }))!["userTaskKey"]!.GetValue<string>();

        // Act: the review is done; the refund fails without retries, is retried and resolved, then done
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task}/completion", new { }));
        var job = Assert.Single(await server.ActivateAsync("events.refund"))!["jobKey"]!.GetValue<string>();
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job}/failure", new { retries = 0, errorMessage = "payment API down" }));
        var incident = Assert.Single(await server.SearchAsync("incidents", new { processInstanceKey = instance }))!["incidentKey"]!.GetValue<string>();
        await ApiAssert.NoContent(await server.Client.PatchAsJsonAsync($"/v2/jobs/{job}", new { changeset = new { retries = 1 } }));
        await ApiAssert.NoContent(await server.PostAsync($"/v2/incidents/{incident}/resolution", new { }));
        var again = Assert.Single(await server.ActivateAsync("events.refund"))!["jobKey"]!.GetValue<string>();
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{again}/completion", new { }));

        // Assert
        var events = await EventsOfAsync(instance, 6);
        Assert.Equal(
            ["process-instance.started", "user-task.created", "user-task.completed", "incident.created", "incident.resolved", "process-instance.completed"],
            events.Select(e => e["type"]!.GetValue<string>()["io.aftersales.orchestrator.".Length..]));
        var first = events[0];
        Assert.Equal(("1.0", "/orchestrator/processes/evented-refund", "application/json"),
            (first["specversion"]!.GetValue<string>(), first["source"]!.GetValue<string>(), first["datacontenttype"]!.GetValue<string>()));
        Assert.Equal(instance, first["data"]!["processInstanceKey"]!.GetValue<string>());
        Assert.Equal(task, events[1]["data"]!["userTaskKey"]!.GetValue<string>());
        Assert.Contains("payment API down", events[3]["data"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(events.Count, events.Select(e => e["id"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task A_cancelled_instance_tells_so()
    {
        await server.DeployAsync("Messaging/process-events.bpmn");
        var instance = await server.StartAsync("evented-refund");

        await ApiAssert.NoContent(await server.PostAsync($"/v2/process-instances/{instance}/cancellation", new { }));

        var events = await EventsOfAsync(instance, 3);
        Assert.Equal(["process-instance.started", "user-task.created", "process-instance.canceled"],
            events.Select(e => e["type"]!.GetValue<string>()["io.aftersales.orchestrator.".Length..]));
    }

    [Fact]
    public async Task SLA_warnings_and_breaches_are_published_too()
    {
        var start = DateTimeOffset.UtcNow.AddDays(20);
        await ApiAssert.NoContent(await server.Client.PutAsJsonAsync("/v2/clock", new { timestamp = start.ToUnixTimeMilliseconds() }));
        try
        {
            // The task is due in four hours and the instance in eight (sla.bpmn); the clock passes both
            await server.DeployAsync("Sla/sla.bpmn");
            var instance = await server.StartAsync("sla-answer");
            await ApiAssert.NoContent(await server.Client.PutAsJsonAsync("/v2/clock", new { timestamp = start.AddHours(3.5).ToUnixTimeMilliseconds() }));
            Assert.True(await Poll.Until(async () => (await EventsOfAsync(instance, 0)).Any(e => e["type"]!.GetValue<string>().EndsWith("sla.warning", StringComparison.Ordinal))), "no warning");
            await ApiAssert.NoContent(await server.Client.PutAsJsonAsync("/v2/clock", new { timestamp = start.AddHours(9).ToUnixTimeMilliseconds() }));

            var events = await EventsOfAsync(instance, 6);
            var sla = events.Where(e => e["type"]!.GetValue<string>().Contains(".sla.", StringComparison.Ordinal))
                .Select(e => $"{e["type"]!.GetValue<string>()["io.aftersales.orchestrator.".Length..]}:{e["data"]!["subjectType"]!.GetValue<string>()}")
                .Order(StringComparer.Ordinal);
            Assert.Equal(["sla.breached:PROCESS_INSTANCE", "sla.breached:USER_TASK", "sla.warning:PROCESS_INSTANCE", "sla.warning:USER_TASK"], sla);
        }
        finally
        {
            await ApiAssert.NoContent(await server.PostAsync("/v2/clock/reset", null));
        }
    }

    [Fact]
    public async Task An_SLA_event_waiting_with_a_later_engine_event_of_its_instance_goes_first()
    {
        // Arrange: as after a broker outage, an SLA warning and a later engine event of one instance both wait to be published
        // (written straight into the tables: the outbox with an id no journal ever uses)
        var subject = -Random.Shared.NextInt64(1, long.MaxValue / 2);
        var at = DateTimeOffset.UtcNow;
        var data = new Dictionary<string, string?> { ["processInstanceKey"] = subject.ToString(CultureInfo.InvariantCulture) };
        await using (var context = server.Services.GetRequiredService<OrchestratorDatabase>().CreateContext())
        {
            context.EventOutbox.Add(new EventOutboxRow
            {
                Id = subject, At = at.AddHours(2), ProcessInstanceKey = subject, Type = "process-instance.completed",
                Data = ProcessEvents.CloudEvent(subject.ToString(CultureInfo.InvariantCulture), "process-instance.completed", "p", subject.ToString(CultureInfo.InvariantCulture), at.AddHours(2), data),
            });
            context.SlaEvents.Add(new SlaEventRow
            {
                SubjectType = "PROCESS_INSTANCE", SubjectKey = subject, ProcessInstanceKey = subject, BpmnProcessId = "p", Event = "WARNING", DueDate = at.AddHours(3), At = at.AddHours(1),
            });
            await context.SaveChangesAsync();
        }

        // Act
        var events = await EventsOfAsync(subject.ToString(CultureInfo.InvariantCulture), 2);

        // Assert
        Assert.Equal(["sla.warning", "process-instance.completed"], events.Select(e => e["type"]!.GetValue<string>()["io.aftersales.orchestrator.".Length..]));
    }
}
