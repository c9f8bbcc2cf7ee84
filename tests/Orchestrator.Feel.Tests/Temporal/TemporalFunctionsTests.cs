using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Temporal;

public class TemporalFunctionsTests
{
    [Theory]
    [InlineData("date(\"2012-12-25\") - date(\"2012-12-24\") = duration(\"P1D\")", "true")]
    [InlineData("date(date and time(\"2012-12-25T11:00:00Z\"))", "2012-12-25")]
    [InlineData("date(2012, 12, 25)", "2012-12-25")]
    [InlineData("date(2012, 2, 30)", "null")]
    [InlineData("date(\"not a date\")", "null")]
    [InlineData("date and time(\"2012-12-24T23:59:00\")", "2012-12-24T23:59:00")]
    [InlineData("date and time(date(\"2012-12-24\"), time(\"23:59:00\"))", "2012-12-24T23:59:00")]
    [InlineData("date and time(date(\"2012-12-24\"), time(\"23:59:00+01:00\"))", "2012-12-24T23:59:00+01:00")]
    [InlineData("date and time(date and time(\"2012-12-24T10:00:00\"), time(\"23:59:00\"))", "2012-12-24T23:59:00")]
    [InlineData("date and time(date and time(\"2024-01-15T12:00:00Z\"), \"Asia/Shanghai\")", "2024-01-15T20:00:00@Asia/Shanghai")]
    [InlineData("time(\"23:59:00z\") = time(\"23:59:00Z\")", "true")]
    [InlineData("time(11, 59, 45, null)", "11:59:45")]
    [InlineData("time(11, 59, 45, duration(\"PT2H\"))", "11:59:45+02:00")]
    [InlineData("time(11, 59, 45.5)", "11:59:45.5")]
    [InlineData("time(24, 0, 0)", "null")]
    [InlineData("time(date and time(\"2012-12-24T23:59:00+01:00\"))", "23:59:00+01:00")]
    [InlineData("duration(\"P1DT23H12M30S\")", "P1DT23H12M30S")]
    [InlineData("duration(\"P2Y2M\")", "P2Y2M")]
    [InlineData("duration(\"xyz\")", "null")]
    [InlineData("years and months duration(date(\"2011-12-22\"), date(\"2013-08-24\"))", "P1Y8M")]
    [InlineData("years and months duration(date(\"2013-08-24\"), date(\"2011-12-22\"))", "-P1Y8M")]
    [InlineData("years and months duration(date(\"2011-12-22\"), date(\"2012-01-21\"))", "P0M")]
    [InlineData("day of week(date(2019, 9, 17))", "\"Tuesday\"")]
    [InlineData("day of year(date(2019, 9, 17))", "260")]
    [InlineData("week of year(date(2019, 9, 17))", "38")]
    [InlineData("week of year(date(2021, 1, 1))", "53")]
    [InlineData("month of year(date(2019, 9, 17))", "\"September\"")]
    [InlineData("last day of month(date(2024, 2, 10))", "2024-02-29")]
    [InlineData("last day of month(date and time(\"2023-02-10T10:00:00\"))", "2023-02-28")]
    [InlineData("is(date(\"2012-12-25\"), time(\"23:00:50\"))", "false")]
    [InlineData("is(date(\"2012-12-25\"), date(\"2012-12-25\"))", "true")]
    [InlineData("is(time(\"23:00:50z\"), time(\"23:00:50\"))", "false")]
    [InlineData("is(time(\"10:00:00+01:00\"), time(\"09:00:00Z\"))", "false")]
    [InlineData("time(\"10:00:00+01:00\") = time(\"09:00:00Z\")", "true")]
    public void Function_GivesTheSpecResult(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Now_ReadsTheCallersClockInItsZone()
    {
        // Act: the test clock is 2024-03-15T10:30:00Z in Europe/Berlin (UTC+1 in March).
        var now = Show("now()");
        var today = Show("today()");

        // Assert
        Assert.Equal("2024-03-15T11:30:00@Europe/Berlin", now);
        Assert.Equal("2024-03-15", today);
    }

    [Fact]
    public void Now_WithAUtcClock_PrintsZ()
    {
        // Arrange
        var engine = new FeelEngine(new FeelEngineOptions { Clock = new Support.TestClock(Now, TimeZoneInfo.Utc) });

        // Act
        var now = engine.Evaluate("now()").Value.ToString();

        // Assert
        Assert.Equal("2024-03-15T10:30:00Z", now);
    }

    [Fact]
    public void Sla_FourHoursAfterCreation_IsComparedWithNow()
    {
        // Act
        var breached = Show("date and time(\"2024-03-15T06:00:00Z\") + duration(\"PT4H\") < now()");
        var open = Show("date and time(\"2024-03-15T08:00:00Z\") + duration(\"PT4H\") < now()");

        // Assert
        Assert.Equal("true", breached);
        Assert.Equal("false", open);
    }
}
