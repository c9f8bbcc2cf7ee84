using Orchestrator.Feel.Temporal;
using Orchestrator.Feel.Values;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Temporal;

public class TemporalPropertiesTests
{
    [Theory]
    [InlineData("2024-03-11", "year", "2024")]
    [InlineData("2024-03-11", "month", "3")]
    [InlineData("2024-03-11", "day", "11")]
    [InlineData("2024-03-11", "weekday", "1")]
    [InlineData("2024-03-17", "weekday", "7")]
    [InlineData("2019-01-01T10:20:30", "year", "2019")]
    [InlineData("2019-01-01T10:20:30", "weekday", "2")]
    [InlineData("2019-01-01T10:20:30", "hour", "10")]
    [InlineData("2019-01-01T10:20:30", "minute", "20")]
    [InlineData("2019-01-01T10:20:30", "second", "30")]
    [InlineData("2019-01-01T10:20:30.25Z", "second", "30.25")]
    [InlineData("2019-01-01T10:20:30", "time offset", "null")]
    [InlineData("2019-01-01T10:20:30", "timezone", "null")]
    [InlineData("2019-01-01T10:20:30-05:00", "time offset", "-PT5H")]
    [InlineData("2019-01-01T10:20:30-05:00", "timezone", "null")]
    [InlineData("2019-01-01T10:20:30@Europe/Paris", "time offset", "PT1H")]
    [InlineData("2019-07-01T10:20:30@Europe/Paris", "time offset", "PT2H")]
    [InlineData("2019-07-01T10:20:30@Europe/Paris", "timezone", "\"Europe/Paris\"")]
    [InlineData("10:20:30", "hour", "10")]
    [InlineData("10:20:30", "minute", "20")]
    [InlineData("10:20:30", "second", "30")]
    [InlineData("10:20:30", "time offset", "null")]
    [InlineData("10:20:30", "timezone", "null")]
    [InlineData("10:20:30+05:30", "time offset", "PT5H30M")]
    [InlineData("10:20:30Z", "time offset", "PT0S")]
    [InlineData("10:20:30@Europe/Paris", "time offset", "PT1H")]
    [InlineData("10:20:30@Europe/Paris", "timezone", "\"Europe/Paris\"")]
    [InlineData("P2DT3H4M5S", "days", "2")]
    [InlineData("P2DT3H4M5S", "hours", "3")]
    [InlineData("P2DT3H4M5S", "minutes", "4")]
    [InlineData("P2DT3H4M5S", "seconds", "5")]
    [InlineData("PT49H", "days", "2")]
    [InlineData("PT49H", "hours", "1")]
    [InlineData("PT1.5S", "seconds", "1")]
    [InlineData("-PT25H", "days", "-1")]
    [InlineData("-PT25H", "hours", "-1")]
    [InlineData("P2Y3M", "years", "2")]
    [InlineData("P2Y3M", "months", "3")]
    [InlineData("P27M", "years", "2")]
    [InlineData("-P14M", "years", "-1")]
    [InlineData("-P14M", "months", "-2")]
    public void Get_KnownProperty_ReadsTheComponent(string literal, string name, string expected)
    {
        // Arrange
        var value = TemporalParser.ParseLiteral(literal)!;

        // Act
        var property = TemporalProperties.Get(value, name);

        // Assert
        Assert.NotNull(property);
        Assert.Equal(expected, Render(property));
    }

    [Theory]
    [InlineData("2019-01-01", "hour")]
    [InlineData("2019-01-01", "timezone")]
    [InlineData("10:00:00", "year")]
    [InlineData("P1D", "years")]
    [InlineData("P1Y", "days")]
    [InlineData("2019-01-01T10:00:00", "Year")]
    [InlineData("2019-01-01T10:00:00", "")]
    public void Get_UnknownProperty_IsClrNull(string literal, string name)
    {
        // Act
        var property = TemporalProperties.Get(TemporalParser.ParseLiteral(literal)!, name);

        // Assert
        Assert.Null(property);
    }

    [Fact]
    public void Get_NonTemporalValue_IsClrNull()
    {
        // Act
        var property = TemporalProperties.Get(new FeelString("2019-01-01"), "year");

        // Assert
        Assert.Null(property);
    }

    [Theory]
    [InlineData("date(\"2020-04-06\").year", "2020")]
    [InlineData("date(\"2020-04-06\").month", "4")]
    [InlineData("date(\"2020-04-06\").weekday", "1")]
    [InlineData("time(\"08:00:00\").hour", "8")]
    [InlineData("date and time(\"2020-04-06T08:00:00+02:00\").time offset", "PT2H")]
    [InlineData("date and time(\"2020-04-06T08:00:00@Europe/Berlin\").timezone", "\"Europe/Berlin\"")]
    [InlineData("duration(\"PT2H30M\").hours", "2")]
    [InlineData("duration(\"PT2H30M\").minutes", "30")]
    [InlineData("duration(\"P6M\").months", "6")]
    [InlineData("[@\"2019-01-01\", @\"2020-06-15\"].year", "[2019, 2020]")]
    [InlineData("@\"2024-03-31T02:30:00@Europe/Berlin\".hour", "3")]
    public void PathExpression_OnTemporalValue_ReadsTheProperty(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void PathExpression_UnknownProperty_IsNullWithAWarning()
    {
        // Act
        var result = Evaluate("date(\"2020-04-06\").hour");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.NotEmpty(result.Warnings);
    }
}
