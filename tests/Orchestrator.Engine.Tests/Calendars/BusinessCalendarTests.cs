using Orchestrator.Engine.Calendars;
using Orchestrator.Engine.InMemory;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;
using Orchestrator.Feel;
using Orchestrator.Feel.Functions;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Tests.Calendars;

/// <summary>Working time: adding it to an instant and measuring it, across nights, weekends, lunch breaks, holidays and daylight-saving changes.</summary>
public sealed class BusinessCalendarTests
{
    // Berlin office: Monday to Friday 09:00-12:00 and 13:00-17:00, Saturday 10:00-14:00; 2026-12-25 off.
    private static readonly BusinessCalendar Office = new BusinessCalendarSpec
    {
        TimeZone = "Europe/Berlin",
        Hours = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Monday"] = "09:00-12:00,13:00-17:00", ["Tuesday"] = "09:00-12:00,13:00-17:00", ["Wednesday"] = "09:00-12:00,13:00-17:00",
            ["Thursday"] = "09:00-12:00,13:00-17:00", ["Friday"] = "09:00-12:00,13:00-17:00", ["Saturday"] = "10:00-14:00",
        },
        Holidays = ["2026-12-25"],
    }.Build("office");

    [Theory]
    [InlineData("2026-11-23T10:00:00+01:00", "PT1H", "2026-11-23T11:00:00+01:00")] // within the morning
    [InlineData("2026-11-23T11:30:00+01:00", "PT1H", "2026-11-23T13:30:00+01:00")] // over lunch
    [InlineData("2026-11-23T16:00:00+01:00", "PT4H", "2026-11-24T12:00:00+01:00")] // over the night
    [InlineData("2026-11-23T20:00:00+01:00", "PT1H", "2026-11-24T10:00:00+01:00")] // from after hours
    [InlineData("2026-11-28T13:00:00+01:00", "PT2H", "2026-11-30T10:00:00+01:00")] // Saturday afternoon, over Sunday
    [InlineData("2026-12-24T16:00:00+01:00", "PT2H", "2026-12-26T11:00:00+01:00")] // over the Christmas holiday to Saturday
    [InlineData("2026-03-28T13:00:00+01:00", "PT2H", "2026-03-30T10:00:00+02:00")] // over the spring daylight-saving change (Sunday 29 March)
    public void Add_counts_only_working_hours(string start, string duration, string expected)
    {
        var result = Office.Add(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), System.Xml.XmlConvert.ToTimeSpan(duration));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result);
    }

    [Fact]
    public void Between_measures_working_time_and_is_negative_backwards()
    {
        var monday = DateTimeOffset.Parse("2026-11-23T08:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture);
        var tuesdayNoon = DateTimeOffset.Parse("2026-11-24T12:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(TimeSpan.FromHours(10), Office.Between(monday, tuesdayNoon));
        Assert.Equal(TimeSpan.FromHours(-10), Office.Between(tuesdayNoon, monday));
        Assert.True(Office.IsWorkingTime(monday.AddHours(2)));
        Assert.False(Office.IsWorkingTime(monday.AddHours(4.5)));
    }

    [Fact]
    public void Bug_a_day_that_ends_at_24_00_ended_a_tick_early_so_spans_over_midnight_came_out_short()
    {
        // Round the clock in Shanghai: 24:00 was read as 23:59:59.9999999, so each midnight lost a tick (a due date's warning
        // share, 0.8 of 4 hours over midnight, then landed a millisecond early) and the day's last tick was not working time.
        var allDay = new BusinessCalendarSpec
        {
            TimeZone = "Asia/Shanghai",
            Hours = Enum.GetValues<DayOfWeek>().ToDictionary(day => day.ToString(), _ => "00:00-24:00", StringComparer.OrdinalIgnoreCase),
        }.Build("all-day");
        var evening = DateTimeOffset.Parse("2026-12-20T21:30:00.973+08:00", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(TimeSpan.FromHours(4), allDay.Between(evening, evening.AddHours(4)));
        Assert.Equal(evening.AddHours(4), allDay.Add(evening, TimeSpan.FromHours(4)));
        Assert.Equal(evening.AddMinutes(192), allDay.Add(evening, allDay.Between(evening, evening.AddHours(4)) * 0.8));
        Assert.True(allDay.IsWorkingTime(DateTimeOffset.Parse("2026-12-20T23:59:59.9999999+08:00", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.StartsWith("all-day (Asia/Shanghai): Mon 00:00-24:00; Tue 00:00-24:00;", allDay.ToString(), StringComparison.Ordinal);
        // The last day there is has no next midnight: working time beyond it is refused by name, as in any calendar.
        var late = Assert.Throws<ArgumentOutOfRangeException>(() =>
            allDay.Add(DateTimeOffset.Parse("9999-12-31T20:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(8)));
        Assert.Contains("ends after the year 9999", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_evening_that_ends_at_24_00_on_the_night_the_clocks_go_back_ends_at_the_first_midnight()
    {
        // The Azores go from UTC+0 back to UTC-1 at 01:00Z on Sunday 25 October 2026: local midnight comes twice (00:00Z and
        // 01:00Z). Saturday's 18:00-24:00 is six hours, 18:00Z to the first midnight; the repeated hour belongs to Sunday.
        var evenings = new BusinessCalendarSpec
        {
            TimeZone = "Atlantic/Azores",
            Hours = new(StringComparer.OrdinalIgnoreCase) { ["Saturday"] = "18:00-24:00" },
        }.Build("evenings");
        var utc = (string at) => DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(TimeSpan.FromHours(6), evenings.Between(utc("2026-10-24T12:00:00Z"), utc("2026-10-25T12:00:00Z")));
        Assert.True(evenings.IsWorkingTime(utc("2026-10-24T23:59:59Z")));
        Assert.False(evenings.IsWorkingTime(utc("2026-10-25T00:30:00Z")));
        Assert.Equal(utc("2026-10-25T00:00:00Z"), evenings.Add(utc("2026-10-24T22:00:00Z"), TimeSpan.FromHours(2)));

        // Working on into Sunday morning: the repeated hour is Sunday's, counted once (Sunday 00:00-06:00 local is 00:00Z-07:00Z).
        var nights = new BusinessCalendarSpec
        {
            TimeZone = "Atlantic/Azores",
            Hours = new(StringComparer.OrdinalIgnoreCase) { ["Saturday"] = "18:00-24:00", ["Sunday"] = "00:00-06:00" },
        }.Build("nights");
        Assert.Equal(TimeSpan.FromHours(13), nights.Between(utc("2026-10-24T12:00:00Z"), utc("2026-10-25T12:00:00Z")));
        Assert.True(nights.IsWorkingTime(utc("2026-10-25T00:30:00Z")));
        Assert.Equal(utc("2026-10-25T01:00:00Z"), nights.Add(utc("2026-10-24T23:00:00Z"), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Years_of_working_time_are_added_and_measured_back()
    {
        var start = DateTimeOffset.Parse("2026-11-23T09:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture);

        // 8,000 working hours: about four years of a 40-hour week, past the three years the search once stopped at.
        var due = Office.Add(start, TimeSpan.FromHours(8_000));

        Assert.InRange(due.Year, 2030, 2031);
        Assert.Equal(TimeSpan.FromHours(8_000), Office.Between(start, due));
    }

    [Fact]
    public void Working_time_that_would_end_after_the_year_9999_is_refused_by_name()
    {
        var start = DateTimeOffset.Parse("9999-12-01T09:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Office.Add(start, TimeSpan.FromHours(1_000)));

        Assert.Contains("ends after the year 9999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calendar_without_working_hours_says_so_instead_of_looping()
    {
        var never = new BusinessCalendarSpec { TimeZone = "UTC" }.Build("never");

        var error = Assert.Throws<InvalidOperationException>(() => never.Add(DateTimeOffset.UnixEpoch, TimeSpan.FromHours(1)));

        Assert.Contains("calendar 'never' has no working time", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mars/Base", "time zone 'Mars/Base' is unknown")]
    [InlineData("UTC", "'Funday' is not a weekday name")]
    public void Bad_configuration_is_named(string zone, string message)
    {
        var spec = new BusinessCalendarSpec { TimeZone = zone, Hours = new(StringComparer.OrdinalIgnoreCase) { [zone == "UTC" ? "Funday" : "Monday"] = "09:00-17:00" } };

        Assert.Contains(message, Assert.Throws<ArgumentException>(() => spec.Build("x")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FEEL_adds_and_measures_working_time_by_calendar_name()
    {
        var feel = Feel();

        var due = feel.Evaluate("add working time(date and time(\"2026-11-23T16:00:00+01:00\"), duration(\"PT4H\"), \"office\")");
        var spent = feel.Evaluate("working time between(date and time(\"2026-11-23T08:00:00+01:00\"), date and time(\"2026-11-24T12:00:00+01:00\"), \"office\")");
        var unknown = feel.Evaluate("add working time(now(), duration(\"PT1H\"), \"mars\")");

        Assert.Equal("2026-11-24T12:00:00+01:00", due.Value.ToString());
        Assert.Equal(new FeelDaysTimeDuration(TimeSpan.FromHours(10)), spent.Value);
        Assert.Same(FeelNull.Instance, unknown.Value);
        Assert.Contains(unknown.Warnings, w => w.Message.Contains("no business calendar 'mars'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_due_date_and_a_breach_timer_count_working_hours()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-27T15:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture)); // Friday
        var feel = Feel(clock);
        var engine = new WorkflowEngine(new InMemoryEngineStore(), clock, new EngineOptions(), null, feel);
        engine.Deploy([new DeploymentResource("sla-task.bpmn", EngineHarness.Fixture("Calendars/sla-task.bpmn"))]);

        var instance = engine.CreateInstance("sla-task");

        // Two hours left on Friday, two on Saturday morning: due Saturday 12:00.
        var task = engine.Store.UserTasks.Single(t => t.ProcessInstanceKey == instance.Key);
        Assert.Equal(DateTimeOffset.Parse("2026-11-28T12:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture), task.DueDate);
        clock.Advance(TimeSpan.FromHours(20));
        Assert.Equal(0, engine.FireDueTimers());
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, engine.FireDueTimers());
        Assert.Contains(engine.History(instance.Key), h => h.ElementId == "escalated" && h.Intent == RecordIntent.ElementCompleted);
    }

    private static FeelEngine Feel(TimeProvider? clock = null)
    {
        var registry = FeelFunctionRegistry.CreateDefault();
        CalendarFunctions.Register(registry, name => name == "office" ? Office : null);
        return new FeelEngine(new FeelEngineOptions { Clock = clock ?? TimeProvider.System, Functions = registry });
    }
}
