using System.Net.Http.Json;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Sla;

/// <summary>A server with a round-the-clock calendar, so the SLA arithmetic in the tests is plain hours, and an office-hours one (UTC, weekdays 9–17).</summary>
public sealed class SlaServer : ServerFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Calendars:always:TimeZone"] = "UTC";
        foreach (var day in Enum.GetNames<DayOfWeek>())
        {
            settings[$"Calendars:always:Hours:{day}"] = "00:00-24:00";
        }

        settings["Calendars:shanghai:TimeZone"] = "Asia/Shanghai";
        foreach (var day in Enum.GetNames<DayOfWeek>())
        {
            settings[$"Calendars:shanghai:Hours:{day}"] = "00:00-24:00";
        }

        settings["Calendars:office:TimeZone"] = "UTC";
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
        {
            settings[$"Calendars:office:Hours:{day}"] = "09:00-17:00";
        }

        return settings;
    }
}

/// <summary>SLA events per user task (its working-time due date) and per instance (<c>slaDueDate</c>): warning, breach, met — recorded once and searchable.</summary>
public sealed class SlaTests(SlaServer server) : IClassFixture<SlaServer>
{
    [Fact]
    public async Task A_task_left_open_gets_a_warning_then_a_breach_and_a_task_done_in_time_is_met()
    {
        var start = DateTimeOffset.UtcNow.AddDays(10);
        await Pin(start);
        try
        {
            await server.DeployAsync("Sla/sla.bpmn");
            var late = await server.StartAsync("sla-answer");
            var onTime = await server.StartAsync("sla-answer");
            var task = Assert.Single(await server.SearchAsync("user-tasks", new { processInstanceKey = onTime }))!;
            Assert.Equal(IsoDate(start.AddHours(4)), task["dueDate"]!.GetValue<string>());

            await Pin(start.AddHours(1));
            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/completion", null));
            await Pin(start.AddHours(3.5));
            Assert.True(await Poll.Until(async () => (await Events(late)).Contains("USER_TASK:WARNING")), "no warning at 80 % of the SLA");
            await Pin(start.AddHours(9));

            Assert.True(await Poll.Until(async () => (await Events(late)).Contains("USER_TASK:BREACHED")), "no breach after the due date");
            Assert.True(await Poll.Until(async () => (await Events(late)).Contains("PROCESS_INSTANCE:BREACHED")), "no instance breach after slaDueDate");
            Assert.Equal(["PROCESS_INSTANCE:MET", "USER_TASK:MET"], (await Events(onTime)).Order(StringComparer.Ordinal));
            Assert.Equal(["PROCESS_INSTANCE:BREACHED", "PROCESS_INSTANCE:WARNING", "USER_TASK:BREACHED", "USER_TASK:WARNING"], (await Events(late)).Order(StringComparer.Ordinal));

            var summary = await ApiAssert.OkJson(await server.Client.GetAsync("/api/sla/summary?processDefinitionId=sla-answer"));
            var answer = summary.AsArray().Single(s => s!["elementId"]?.GetValue<string>() == "answer")!;
            Assert.Equal(1, answer["met"]!.GetValue<int>());
            Assert.Equal(1, answer["breached"]!.GetValue<int>());
            Assert.Equal(50.0, answer["compliancePercent"]!.GetValue<double>());
        }
        finally
        {
            await ApiAssert.NoContent(await server.PostAsync("/v2/clock/reset", null));
        }
    }

    [Fact]
    public async Task A_case_that_keeps_its_promise_and_then_waits_is_met_when_it_says_not_when_it_ends()
    {
        // A complaint resolved within its SLA waits seven days for a survey: slaMetAt stops the case's clock.
        var start = DateTimeOffset.UtcNow.AddDays(50);
        await Pin(start);
        try
        {
            await server.DeployXmlAsync("sla-met.bpmn", """
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
                  <bpmn:process id="sla-met" isExecutable="true">
                    <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:ioMapping>
                      <zeebe:output source="=string(now() + duration(&quot;PT8H&quot;))" target="slaDueDate" />
                    </zeebe:ioMapping></bpmn:extensionElements></bpmn:startEvent>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="resolve" />
                    <bpmn:userTask id="resolve"><bpmn:extensionElements><zeebe:userTask /><zeebe:ioMapping>
                      <zeebe:output source="=string(now())" target="slaMetAt" />
                    </zeebe:ioMapping></bpmn:extensionElements></bpmn:userTask>
                    <bpmn:sequenceFlow id="f2" sourceRef="resolve" targetRef="survey" />
                    <bpmn:userTask id="survey"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
                  </bpmn:process>
                </bpmn:definitions>
                """);
            var kept = await server.StartAsync("sla-met");
            var open = await server.StartAsync("sla-met");
            await Pin(start.AddHours(2));
            var task = Assert.Single(await server.SearchAsync("user-tasks", new { processInstanceKey = kept, elementId = "resolve" }))!;
            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/completion", null));

            await Pin(start.AddDays(3));

            Assert.True(await Poll.Until(async () => (await Events(open)).Contains("PROCESS_INSTANCE:BREACHED")), "the open case was not breached");
            Assert.True(await Poll.Until(async () => (await Events(kept)).Contains("PROCESS_INSTANCE:MET")), "the resolved case was not met");
            Assert.DoesNotContain("PROCESS_INSTANCE:BREACHED", await Events(kept));
        }
        finally
        {
            await ApiAssert.NoContent(await server.PostAsync("/v2/clock/reset", null));
        }
    }

    [Fact]
    public async Task Bug_sla_dates_counted_in_a_zone_other_than_utc_were_not_recorded_on_postgresql()
    {
        // The calendar's zone (+08:00) reached the SLA event rows; PostgreSQL takes only UTC for timestamptz.
        var start = DateTimeOffset.UtcNow.AddDays(12);
        await Pin(start);
        try
        {
            await server.DeployAsync("Sla/sla-shanghai.bpmn");
            var late = await server.StartAsync("sla-shanghai");

            await Pin(start.AddHours(9));

            Assert.True(await Poll.Until(async () => (await Events(late)).Count == 4), "the warnings and breaches were not recorded");
            var body = await ApiAssert.OkJson(await server.PostAsync("/api/sla/events/search", new { filter = new { processInstanceKey = late, subjectType = "USER_TASK", @event = "WARNING" } }));
            Assert.Equal(IsoDate(start.AddMinutes(192)), body["items"]![0]!["at"]!.GetValue<string>());
        }
        finally
        {
            await ApiAssert.NoContent(await server.PostAsync("/v2/clock/reset", null));
        }
    }

    [Fact]
    public async Task Bug_one_task_whose_sla_could_not_be_worked_out_stopped_the_sweep_for_all()
    {
        // The warning of "far" lies beyond the three years a calendar searches for working time, so working it out throws;
        // the sweep failed whole at every pass and recorded nothing for anyone.
        var start = Monday(DateTimeOffset.UtcNow.AddDays(30)).AddHours(10);
        await Pin(start);
        try
        {
            await server.DeployAsync("Sla/sla-faulty.bpmn");
            var instance = await server.StartAsync("sla-faulty", new { receivedAt = IsoDate(start.AddDays(-10)) });

            await Pin(start.AddHours(2));

            Assert.True(await Poll.Until(async () => (await ElementEvents(instance, "plain")).Contains("BREACHED")), "the task beside the failing one got no breach");
            Assert.Empty(await ElementEvents(instance, "far"));
        }
        finally
        {
            await ApiAssert.NoContent(await server.PostAsync("/v2/clock/reset", null));
        }
    }

    [Fact]
    public async Task Bug_a_task_created_after_its_working_time_due_date_was_never_breached()
    {
        // "late" is due four office hours after the parcel arrived, ten days before the task was created: the warning's share
        // of a negative working time threw instead of the task being breached from the start.
        var start = Monday(DateTimeOffset.UtcNow.AddDays(40)).AddHours(10);
        await Pin(start);
        try
        {
            await server.DeployAsync("Sla/sla-faulty.bpmn");
            var instance = await server.StartAsync("sla-faulty", new { receivedAt = IsoDate(start.AddDays(-10)) });

            await Pin(start.AddMinutes(1));

            Assert.True(await Poll.Until(async () => (await ElementEvents(instance, "late")).Contains("BREACHED")), "the late task was not breached");
            var body = await ApiAssert.OkJson(await server.PostAsync("/api/sla/events/search", new { filter = new { processInstanceKey = instance, elementId = "late" } }));
            var breach = Assert.Single(body["items"]!.AsArray())!;
            Assert.Equal("BREACHED", breach["event"]!.GetValue<string>());
            Assert.Equal(IsoDate(start.AddDays(-10).AddHours(4)), breach["at"]!.GetValue<string>());
        }
        finally
        {
            await ApiAssert.NoContent(await server.PostAsync("/v2/clock/reset", null));
        }
    }

    private async Task<List<string>> ElementEvents(string instance, string element)
    {
        var body = await ApiAssert.OkJson(await server.PostAsync("/api/sla/events/search", new { filter = new { processInstanceKey = instance, elementId = element } }));
        return body["items"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()).ToList();
    }

    private static DateTimeOffset Monday(DateTimeOffset from)
    {
        var day = new DateTimeOffset(from.UtcDateTime.Date, TimeSpan.Zero);
        return day.AddDays(((int)DayOfWeek.Monday - (int)day.DayOfWeek + 7) % 7);
    }

    private async Task<List<string>> Events(string instance)
    {
        var body = await ApiAssert.OkJson(await server.PostAsync("/api/sla/events/search", new { filter = new { processInstanceKey = instance } }));
        return body["items"]!.AsArray().Select(e => e!["subjectType"]!.GetValue<string>() + ":" + e["event"]!.GetValue<string>()).ToList();
    }

    private async Task Pin(DateTimeOffset at) =>
        await ApiAssert.NoContent(await server.Client.PutAsJsonAsync("/v2/clock", new { timestamp = at.ToUnixTimeMilliseconds() }));

    private static string IsoDate(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
