using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Temporal;

public class TemporalArithmeticTests
{
    [Theory]
    [InlineData("date(\"2012-12-24\") + duration(\"P5D\")", "2012-12-29")]
    [InlineData("date(\"2012-12-24\") - duration(\"P5D\")", "2012-12-19")]
    [InlineData("date(\"2012-12-24\") + duration(\"P1M\")", "2013-01-24")]
    [InlineData("date(\"2013-01-31\") + duration(\"P1M\")", "2013-02-28")]
    [InlineData("date(\"2012-12-24\") - date(\"2012-12-01\")", "P23D")]
    [InlineData("date(\"2012-12-01\") - date(\"2012-12-24\")", "-P23D")]
    [InlineData("date and time(\"2012-12-24T23:59:00\") + duration(\"PT1M\")", "2012-12-25T00:00:00")]
    [InlineData("date and time(\"2012-12-24T23:59:00\") - duration(\"P1Y\")", "2011-12-24T23:59:00")]
    [InlineData("date and time(\"2024-01-31T10:00:00Z\") + duration(\"P1M\")", "2024-02-29T10:00:00Z")]
    [InlineData("date and time(\"2012-12-24T10:00:00\") - date and time(\"2012-12-22T08:30:00\")", "P2DT1H30M")]
    [InlineData("date and time(\"2012-12-24T10:00:00+01:00\") - date and time(\"2012-12-24T10:00:00Z\")", "-PT1H")]
    [InlineData("time(\"23:30:00\") + duration(\"PT1H\")", "00:30:00")]
    [InlineData("time(\"00:30:00\") - duration(\"PT1H\")", "23:30:00")]
    [InlineData("time(\"10:00:00\") - time(\"08:30:00\")", "PT1H30M")]
    [InlineData("time(\"10:00:00+01:00\") - time(\"10:00:00Z\")", "-PT1H")]
    [InlineData("duration(\"P1D\") + duration(\"PT12H\")", "P1DT12H")]
    [InlineData("duration(\"P1Y\") - duration(\"P2M\")", "P10M")]
    [InlineData("duration(\"PT1H\") * 2.5", "PT2H30M")]
    [InlineData("3 * duration(\"P1M\")", "P3M")]
    [InlineData("duration(\"P1D\") / 4", "PT6H")]
    [InlineData("duration(\"P1D\") / duration(\"PT6H\")", "4")]
    [InlineData("duration(\"P1Y\") / duration(\"P3M\")", "4")]
    [InlineData("-duration(\"PT1H\")", "-PT1H")]
    public void Operation_FollowsTheSpecTables(string expression, string expected)
    {
        // Act
        var result = Eval(expression).ToString();

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void ZonedDateTime_PlusADay_MovesAlongTheTimeLineAcrossDaylightSaving()
    {
        // Act: clocks in Berlin jump from 02:00 to 03:00 on 2024-03-31.
        var result = Eval("date and time(\"2024-03-30T12:00:00@Europe/Berlin\") + duration(\"PT24H\")").ToString();

        // Assert
        Assert.Equal("2024-03-31T13:00:00@Europe/Berlin", result);
    }

    [Theory]
    [InlineData("time(\"10:00:00+01:00\") = time(\"09:00:00Z\")", "true")]
    [InlineData("date and time(\"2019-01-01T10:00:00+01:00\") = date and time(\"2019-01-01T09:00:00Z\")", "true")]
    [InlineData("date and time(\"2019-01-01T10:00:00@Europe/Paris\") = date and time(\"2019-01-01T09:00:00Z\")", "true")]
    [InlineData("date(\"2019-01-01\") < date(\"2019-01-02\")", "true")]
    [InlineData("@\"P1D\" > @\"PT23H\"", "true")]
    [InlineData("@\"P1Y\" > @\"P11M\"", "true")]
    [InlineData("time(\"10:00:00\") < time(\"11:00:00\")", "true")]
    [InlineData("date and time(\"2019-01-01T10:00:00\") < date and time(\"2019-01-01T11:00:00\")", "true")]
    [InlineData("date and time(\"2019-01-01T10:00:00\") < date and time(\"2019-01-01T11:00:00Z\")", "null")]
    [InlineData("@\"P1D\" < @\"P1M\"", "null")]
    [InlineData("date(\"2019-01-01\") between date(\"2018-12-31\") and date(\"2019-01-02\")", "true")]
    public void Comparison_NormalisesOffsetsAndRefusesMixedKinds(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("date(\"2019-01-01\") + date(\"2019-01-01\")")]
    [InlineData("date(\"2019-01-01\") * 2")]
    [InlineData("duration(\"P1D\") + duration(\"P1M\")")]
    [InlineData("duration(\"P1D\") / 0")]
    [InlineData("date(\"9999-12-31\") + duration(\"P1D\")")]
    [InlineData("date and time(\"2019-01-01T10:00:00\") - date and time(\"2019-01-01T10:00:00Z\")")]
    public void InvalidOperation_IsNull(string expression)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal("null", result);
    }

    [Theory]
    [InlineData("date(\"2024-03-15\").year", "2024")]
    [InlineData("date(\"2024-03-15\").month", "3")]
    [InlineData("date(\"2024-03-15\").day", "15")]
    [InlineData("date(\"2024-03-17\").weekday", "7")]
    [InlineData("date and time(\"2024-03-15T10:20:30.5+02:00\").second", "30.5")]
    [InlineData("date and time(\"2024-03-15T10:20:30+02:00\").hour", "10")]
    [InlineData("date and time(\"2024-03-15T10:20:30+02:00\").minute", "20")]
    [InlineData("date and time(\"2024-03-15T10:20:30+02:00\").time offset", "PT2H")]
    [InlineData("date and time(\"2024-03-15T10:20:30@Europe/Paris\").timezone", "\"Europe/Paris\"")]
    [InlineData("date and time(\"2024-03-15T10:20:30\").timezone", "null")]
    [InlineData("time(\"10:20:30+02:00\").time offset", "PT2H")]
    [InlineData("duration(\"P2DT3H4M5S\").days", "2")]
    [InlineData("duration(\"P2DT3H4M5S\").hours", "3")]
    [InlineData("duration(\"P2DT3H4M5S\").minutes", "4")]
    [InlineData("duration(\"P2DT3H4M5S\").seconds", "5")]
    [InlineData("duration(\"P2Y3M\").years", "2")]
    [InlineData("duration(\"P2Y3M\").months", "3")]
    public void Property_ReadsTheTableOfTemporalProperties(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }
}
