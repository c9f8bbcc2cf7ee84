using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Temporal;

/// <summary>Temporal values through the whole engine: literals, operators, named arguments and the built-in functions together.</summary>
public class TemporalExpressionTests
{
    [Theory]
    [InlineData("date(year: 2019, month: 9, day: 17)", "2019-09-17")]
    [InlineData("date(from: \"2019-09-17\")", "2019-09-17")]
    [InlineData("time(hour: 10, minute: 30, second: 0)", "10:30:00")]
    [InlineData("time(hour: 10, minute: 30, second: 0, offset: duration(\"PT1H\"))", "10:30:00+01:00")]
    [InlineData("time(from: \"10:30:00\")", "10:30:00")]
    [InlineData("date and time(from: \"2019-09-17T10:30:00\")", "2019-09-17T10:30:00")]
    [InlineData("date and time(date: date(\"2019-09-17\"), time: time(\"10:30:00Z\"))", "2019-09-17T10:30:00Z")]
    [InlineData("date and time(date: @\"2019-09-17T10:30:00\", timezone: \"Europe/Paris\")", "2019-09-17T10:30:00@Europe/Paris")]
    [InlineData("duration(from: \"P1D\")", "P1D")]
    [InlineData("years and months duration(from: date(\"2011-12-22\"), to: date(\"2013-08-24\"))", "P1Y8M")]
    [InlineData("day of week(date: date(\"2019-09-17\"))", "\"Tuesday\"")]
    [InlineData("day of year(date: date(\"2019-09-17\"))", "260")]
    [InlineData("week of year(date: date(\"2019-09-17\"))", "38")]
    [InlineData("month of year(date: date(\"2019-09-17\"))", "\"September\"")]
    [InlineData("last day of month(date: date(\"2019-09-17\"))", "2019-09-30")]
    [InlineData("is(value1: @\"10:00:00\", value2: @\"10:00:00\")", "true")]
    public void Function_NamedArguments_UseTheDmnParameterNames(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("date(\"2020-04-06\") + duration(\"P1D\")", "2020-04-07")]
    [InlineData("time(\"08:00:00\") + duration(\"PT1H\")", "09:00:00")]
    [InlineData("date and time(\"2020-04-06T08:00:00\") + duration(\"P7D\")", "2020-04-13T08:00:00")]
    [InlineData("duration(\"P2D\") + duration(\"P5D\")", "P7D")]
    [InlineData("date(\"2020-04-06\") - date(\"2020-04-01\")", "P5D")]
    [InlineData("date(\"2020-04-06\") - duration(\"P5D\")", "2020-04-01")]
    [InlineData("time(\"08:00:00\") - time(\"06:00:00\")", "PT2H")]
    [InlineData("time(\"08:00:00\") - duration(\"PT2H\")", "06:00:00")]
    [InlineData("duration(\"P7D\") - duration(\"P2D\")", "P5D")]
    [InlineData("duration(\"P1Y\") - duration(\"P3M\")", "P9M")]
    [InlineData("duration(\"P1D\") * 5", "P5D")]
    [InlineData("duration(\"P1M\") * 6", "P6M")]
    [InlineData("duration(\"P5D\") / duration(\"P1D\")", "5")]
    [InlineData("duration(\"P5D\") / 5", "P1D")]
    [InlineData("duration(\"P1Y\") / duration(\"P1M\")", "12")]
    [InlineData("duration(\"P1Y\") / 12", "P1M")]
    public void Operator_CamundaDocumentationExamples(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("@\"2019-01-01\" in [@\"2018-12-31\"..@\"2019-01-02\"]", "true")]
    [InlineData("@\"10:00:00+01:00\" in [@\"09:00:00Z\", @\"11:00:00Z\"]", "true")]
    [InlineData("@\"2019-01-01T10:00:00@Europe/Paris\" = @\"2019-01-01T09:00:00Z\"", "true")]
    [InlineData("@\"2019-01-01T10:00:00@Europe/Paris\" != @\"2019-01-01T10:00:00Z\"", "true")]
    [InlineData("@\"PT24H\" = @\"P1D\"", "true")]
    [InlineData("@\"P12M\" = @\"P1Y\"", "true")]
    [InlineData("@\"10:00:00\" = @\"10:00:00Z\"", "null")]
    [InlineData("@\"P1D\" = @\"P1M\"", "null")]
    [InlineData("sort([@\"P1D\", @\"PT1H\", @\"-PT1M\"], function(a, b) a < b)", "[-PT1M, PT1H, P1D]")]
    [InlineData("max([@\"2019-01-01\", @\"2020-06-15\", @\"2018-03-03\"])", "2020-06-15")]
    [InlineData("-@\"P1Y2M\"", "-P1Y2M")]
    [InlineData("@\"2024-01-31\" + @\"P1M\" - @\"P1M\"", "2024-01-29")]
    [InlineData("@\"2024-03-31T02:30:00@Europe/Berlin\"", "2024-03-31T03:30:00@Europe/Berlin")]
    [InlineData("@\"2024-03-10T02:30:00@America/New_York\"", "2024-03-10T03:30:00@America/New_York")]
    [InlineData("@\"2024-03-09T12:00:00@America/New_York\" + @\"P1D\"", "2024-03-10T13:00:00@America/New_York")]
    [InlineData("@\"2024-03-09T12:00:00@America/New_York\" + @\"P1M\"", "2024-04-09T12:00:00@America/New_York")]
    [InlineData("@\"2024-11-04T00:00:00@America/New_York\" - @\"2024-11-03T00:00:00@America/New_York\"", "P1DT1H")]
    [InlineData("string(@\"2019-01-01T10:30:00.5@Europe/Paris\")", "\"2019-01-01T10:30:00.5@Europe/Paris\"")]
    [InlineData("now() - date and time(\"2024-03-15T10:00:00Z\")", "PT30M")]
    [InlineData("today() - date(\"2024-03-01\")", "P14D")]
    [InlineData("years and months duration(date(\"2000-03-15\"), today()).years", "24")]
    public void Expression_MixesTemporalValues(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("@\"2019-01-01\" + @\"2019-01-01\"")]
    [InlineData("@\"P1D\" + @\"P1M\"")]
    [InlineData("@\"10:00:00\" - @\"10:00:00Z\"")]
    [InlineData("@\"9999-12-31\" + @\"P1D\"")]
    [InlineData("@\"P1D\" / 0")]
    [InlineData("date(\"2019-02-29\")")]
    [InlineData("date and time(@\"2019-01-01T10:00:00\", \"Mars/Olympus\")")]
    public void InvalidTemporalExpression_IsNullWithAWarning(string expression)
    {
        // Act
        var result = Evaluate(expression);

        // Assert
        Assert.Same(Null, result.Value);
        Assert.True(result.HasWarnings);
    }
}
