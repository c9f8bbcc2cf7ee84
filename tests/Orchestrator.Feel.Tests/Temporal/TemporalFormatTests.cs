using Orchestrator.Feel.Temporal;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Tests.Temporal;

public class TemporalFormatTests
{
    public static TheoryData<long, string> DaysTimeDurations => new()
    {
        { 0, "PT0S" },
        { TimeSpan.FromDays(2).Ticks, "P2D" },
        { TimeSpan.FromHours(25).Ticks, "P1DT1H" },
        { TimeSpan.FromDays(400).Ticks, "P400D" },
        { -TimeSpan.FromMinutes(90).Ticks, "-PT1H30M" },
        { TimeSpan.FromMilliseconds(1500).Ticks, "PT1.5S" },
        { 1, "PT0.0000001S" },
        { new TimeSpan(1, 0, 0, 1).Ticks, "P1DT1S" },
        { new TimeSpan(0, 2, 0, 3).Ticks, "PT2H3S" },
        { TimeSpan.MaxValue.Ticks, "P10675199DT2H48M5.4775807S" },
        { TimeSpan.MinValue.Ticks, "-P10675199DT2H48M5.4775808S" },
    };

    [Theory]
    [MemberData(nameof(DaysTimeDurations))]
    public void Format_DaysTimeDuration_NormalisesToDaysHoursMinutesSeconds(long ticks, string expected)
    {
        // Act
        var text = TemporalFormat.Format(new FeelDaysTimeDuration(TimeSpan.FromTicks(ticks)));

        // Assert
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(0, "P0M")]
    [InlineData(1, "P1M")]
    [InlineData(12, "P1Y")]
    [InlineData(14, "P1Y2M")]
    [InlineData(-1, "-P1M")]
    [InlineData(-13, "-P1Y1M")]
    [InlineData(int.MaxValue, "P178956970Y7M")]
    [InlineData(int.MinValue, "-P178956970Y8M")]
    public void Format_YearsMonthsDuration_NormalisesToYearsAndMonths(int months, string expected)
    {
        // Act
        var text = TemporalFormat.Format(new FeelYearsMonthsDuration(months));

        // Assert
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(1, 1, 1, "0001-01-01")]
    [InlineData(999, 12, 31, "0999-12-31")]
    [InlineData(2019, 9, 17, "2019-09-17")]
    public void Format_Date_IsYearMonthDay(int year, int month, int day, string expected)
    {
        // Act
        var text = TemporalFormat.Format(new FeelDate(new DateOnly(year, month, day)));

        // Assert
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Format_Time_AlwaysHasSecondsAndAFractionOnlyWhenNonZero()
    {
        // Arrange
        var whole = new FeelTime(new TimeOnly(10, 30));
        var half = new FeelTime(new TimeOnly(10, 30, 0, 500));
        var tick = new FeelTime(new TimeOnly(new TimeOnly(10, 30).Ticks + 1));

        // Act / Assert
        Assert.Equal("10:30:00", TemporalFormat.Format(whole));
        Assert.Equal("10:30:00.5", TemporalFormat.Format(half));
        Assert.Equal("10:30:00.0000001", TemporalFormat.Format(tick));
    }

    [Fact]
    public void Format_Time_PrintsTheOffsetOrTheZone()
    {
        // Arrange
        var utc = new FeelTime(new TimeOnly(10, 30), TimeSpan.Zero);
        var west = new FeelTime(new TimeOnly(10, 30), -new TimeSpan(5, 30, 0));
        var seconds = new FeelTime(new TimeOnly(10, 30), new TimeSpan(0, 5, 45, 30));
        var zoned = new FeelTime(new TimeOnly(10, 30), TimeSpan.FromHours(1), "Europe/Paris");

        // Act / Assert
        Assert.Equal("10:30:00Z", TemporalFormat.Format(utc));
        Assert.Equal("10:30:00-05:30", TemporalFormat.Format(west));
        Assert.Equal("10:30:00+05:45:30", TemporalFormat.Format(seconds));
        Assert.Equal("10:30:00@Europe/Paris", TemporalFormat.Format(zoned));
    }

    [Fact]
    public void Format_DateTime_PrintsLocalOffsetOrZone()
    {
        // Arrange
        var local = new FeelDateTime(new DateTime(2019, 1, 1, 10, 30, 0));
        var utc = new FeelDateTime(new DateTime(2019, 1, 1, 10, 30, 0, 250), TimeSpan.Zero);
        var offset = new FeelDateTime(new DateTime(2019, 1, 1, 10, 30, 0), TimeSpan.FromHours(2));
        var zoned = new FeelDateTime(new DateTime(2019, 7, 1, 10, 30, 0), zone: "Europe/Paris");

        // Act / Assert
        Assert.Equal("2019-01-01T10:30:00", TemporalFormat.Format(local));
        Assert.Equal("2019-01-01T10:30:00.25Z", TemporalFormat.Format(utc));
        Assert.Equal("2019-01-01T10:30:00+02:00", TemporalFormat.Format(offset));
        Assert.Equal("2019-07-01T10:30:00@Europe/Paris", TemporalFormat.Format(zoned));
    }

    [Theory]
    [InlineData(0, "Z")]
    [InlineData(60, "+01:00")]
    [InlineData(-330, "-05:30")]
    [InlineData(1080, "+18:00")]
    public void FormatOffset_IsZOrSignedHoursAndMinutes(int minutes, string expected)
    {
        // Act
        var text = TemporalFormat.FormatOffset(TimeSpan.FromMinutes(minutes));

        // Assert
        Assert.Equal(expected, text);
    }
}
