using Orchestrator.Engine.Execution.Timers;
using Orchestrator.Engine.Model;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Tests.Execution;

public class TimerScheduleTests
{
    private static readonly DateTimeOffset Now = new(2024, 3, 15, 10, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(TimerKind.Duration, "P9999Y", "'P9999Y' from now would be after the year 9999")]
    [InlineData(TimerKind.Duration, "P3000000D", "from now would be after the year 9999")]
    [InlineData(TimerKind.Cycle, "R/P9999Y", "'P9999Y' in 'R/P9999Y' from now would be after the year 9999")]
    public void Bug_a_timer_due_after_the_year_9999_threw_instead_of_being_refused(TimerKind kind, string text, string expected)
    {
        // Act: it threw ArgumentOutOfRangeException, which stopped the server when a webhook's value fed the timer.
        var created = TimerSchedule.TryCreate(kind, new FeelString(text), Now, out _, out var error);

        // Assert
        Assert.False(created);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bug_a_cycle_whose_next_firing_is_after_the_year_9999_threw_instead_of_ending()
    {
        // Arrange: every 5,000 years; the first firing is a date, the second is not.
        Assert.True(TimerSchedule.TryCreate(TimerKind.Cycle, new FeelString("R/P5000Y"), Now, out var schedule, out var error), error);

        // Act and assert
        Assert.Equal(Now.AddYears(5000), schedule!.FirstDue);
        Assert.Null(schedule.Next(schedule.FirstDue));
    }

    [Theory]
    [InlineData(TimerKind.Duration, "PT4H", "2024-03-15T14:30:00+00:00", 1)]
    [InlineData(TimerKind.Duration, "P1M", "2024-04-15T10:30:00+00:00", 1)]
    [InlineData(TimerKind.Date, "2024-03-20T09:00:00Z", "2024-03-20T09:00:00+00:00", 1)]
    [InlineData(TimerKind.Date, "2024-03-20T09:00:00@Europe/Berlin", "2024-03-20T08:00:00+00:00", 1)]
    [InlineData(TimerKind.Cycle, "R3/PT1H", "2024-03-15T11:30:00+00:00", 3)]
    [InlineData(TimerKind.Cycle, "R/PT1H", "2024-03-15T11:30:00+00:00", -1)]
    [InlineData(TimerKind.Cycle, "R2/2024-04-01T00:00:00Z/P1D", "2024-04-01T00:00:00+00:00", 2)]
    [InlineData(TimerKind.Cycle, "0 0 9 * * MON-FRI", "2024-03-18T09:00:00+00:00", -1)]
    [InlineData(TimerKind.Cycle, "0 */15 * * * ?", "2024-03-15T10:45:00+00:00", -1)]
    [InlineData(TimerKind.Cycle, "30 10 * * *", "2024-03-16T10:30:00+00:00", -1)]
    public void Schedule_FirstDueAndRepetitions(TimerKind kind, string text, string firstDue, int repetitions)
    {
        // Act
        Assert.True(TimerSchedule.TryCreate(kind, new FeelString(text), Now, out var schedule, out var error), error);

        // Assert
        Assert.Equal(DateTimeOffset.Parse(firstDue, System.Globalization.CultureInfo.InvariantCulture), schedule!.FirstDue);
        Assert.Equal(repetitions, schedule.Repetitions);
    }

    [Fact]
    public void Cron_NextSkipsTheWeekend()
    {
        // Arrange
        Assert.True(TimerSchedule.TryCreate(TimerKind.Cycle, new FeelString("0 0 9 * * MON-FRI"), Now, out var schedule, out _));

        // Act: after Friday 2024-03-15 09:00 comes Monday
        var next = schedule!.Next(new DateTimeOffset(2024, 3, 15, 9, 0, 0, TimeSpan.Zero));

        // Assert
        Assert.Equal(new DateTimeOffset(2024, 3, 18, 9, 0, 0, TimeSpan.Zero), next);
    }

    [Theory]
    [InlineData(TimerKind.Duration, "4 hours")]
    [InlineData(TimerKind.Duration, "PT0S")]
    [InlineData(TimerKind.Date, "tomorrow")]
    [InlineData(TimerKind.Cycle, "R/P")]
    [InlineData(TimerKind.Cycle, "Rx/PT1H")]
    [InlineData(TimerKind.Cycle, "0 0 25 * * ?")]
    [InlineData(TimerKind.Cycle, "0 0 9 31 2 ?")]
    [InlineData(TimerKind.Cycle, "* * *")]
    public void InvalidTimer_IsRefusedWithAReason(TimerKind kind, string text)
    {
        // Act
        var ok = TimerSchedule.TryCreate(kind, new FeelString(text), Now, out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
