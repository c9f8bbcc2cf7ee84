using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Server.Sla;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Sla;

/// <summary>
/// The task list's SLA clock: a task whose due date was counted in a business calendar counts its time left (and its
/// warning) in that calendar's working hours; a wall-clock due date counts wall-clock time.
/// </summary>
public sealed class TaskSlaTests(SlaServer server) : IClassFixture<SlaServer>
{
    private static readonly string[] BadKeys = ["12", "twelve"];

    [Theory]
    [InlineData("=add working time(now(), duration(\"PT4H\"), \"support\")", "support")]
    [InlineData("= add working time( now() , duration(\"PT1H\") )", "default")]
    [InlineData("=date and time(string(add working time(date and time(createdAt), duration(\"P1D\"), \"office\")))", "office")]
    [InlineData("=now() + duration(\"PT24H\")", null)]
    [InlineData("=date and time(slaDueDate)", null)]
    [InlineData(null, null)]
    public void The_calendar_is_the_one_the_due_date_was_counted_in(string? expression, string? calendar) =>
        Assert.Equal(calendar, SlaClock.CalendarOf(expression));

    [Fact]
    public async Task Time_left_and_the_warning_count_working_hours_of_the_due_dates_calendar()
    {
        var monday = NextMonday(DateTimeOffset.UtcNow.AddDays(20)).AddHours(13);
        await Pin(monday);
        try
        {
            await server.DeployAsync("Sla/sla-office.bpmn");
            var instance = await server.StartAsync("sla-office");
            var tasks = await server.SearchAsync("user-tasks", new { processInstanceKey = instance });
            var office = Key(tasks, "office");
            var clock = Key(tasks, "clock");

            // 8 working hours from Monday 13:00: Monday 13–17 and Tuesday 9–13.
            await Pin(monday.AddHours(7));
            var evening = await Standing(office, clock);
            Assert.Equal(("OK", "office", 240L, 0L), evening[office]);
            Assert.Equal(("WARNING", (string?)null, 60L, 0L), evening[clock]);

            // Tuesday 11:30: 80 % of the working time (6.4 h) is used at 11:24; the wall-clock task is long overdue.
            await Pin(monday.AddHours(22).AddMinutes(30));
            var morning = await Standing(office, clock);
            Assert.Equal(("WARNING", "office", 90L, 0L), morning[office]);
            Assert.Equal(("BREACHED", (string?)null, 0L, (14 * 60) + 30L), morning[clock]);

            var warning = await WarningAt(instance, "office");
            Assert.Equal(monday.AddHours(22).AddMinutes(24), warning);

            await Pin(monday.AddHours(25));
            Assert.Equal(("BREACHED", "office", 0L, 60L), (await Standing(office, clock))[office]);
        }
        finally
        {
            await ApiAssert.NoContent(await server.PostAsync("/v2/clock/reset", null));
        }
    }

    [Fact]
    public async Task A_bad_key_is_a_problem_naming_the_field()
    {
        var detail = await ApiAssert.Problem(await server.PostAsync("/api/sla/user-tasks", new { userTaskKeys = BadKeys }), 400, "INVALID_ARGUMENT");
        Assert.Contains("userTaskKeys[1]", detail, StringComparison.Ordinal);
        Assert.Contains("userTaskKeys", await ApiAssert.Problem(await server.PostAsync("/api/sla/user-tasks", new { }), 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, (string, string?, long, long)>> Standing(params string[] keys)
    {
        var body = await ApiAssert.OkJson(await server.PostAsync("/api/sla/user-tasks", new { userTaskKeys = keys }));
        return body["items"]!.AsArray().ToDictionary(
            i => i!["userTaskKey"]!.GetValue<string>(),
            i => (i!["state"]!.GetValue<string>(), i["calendar"]?.GetValue<string>(), i["minutesLeft"]!.GetValue<long>(), i["minutesLate"]!.GetValue<long>()));
    }

    private async Task<DateTimeOffset?> WarningAt(string instance, string element)
    {
        DateTimeOffset? at = null;
        await Poll.Until(async () =>
        {
            var body = await ApiAssert.OkJson(await server.PostAsync("/api/sla/events/search",
                new { filter = new { processInstanceKey = instance, elementId = element, @event = "WARNING" } }));
            at = body["items"]!.AsArray().Select(e => (DateTimeOffset?)DateTimeOffset.Parse(e!["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
            return at is not null;
        });
        return at;
    }

    private static string Key(JsonArray tasks, string element) =>
        tasks.Single(t => t!["elementId"]!.GetValue<string>() == element)!["userTaskKey"]!.GetValue<string>();

    private static DateTimeOffset NextMonday(DateTimeOffset from)
    {
        var day = new DateTimeOffset(from.UtcDateTime.Date, TimeSpan.Zero);
        return day.AddDays(((int)DayOfWeek.Monday - (int)day.DayOfWeek + 7) % 7);
    }

    private async Task Pin(DateTimeOffset at) =>
        await ApiAssert.NoContent(await server.Client.PutAsJsonAsync("/v2/clock", new { timestamp = at.ToUnixTimeMilliseconds() }));
}
