using Orchestrator.Feel.Evaluation;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.BuiltIns;

public class BooleanAndConversionFunctionsTests
{
    [Theory]
    [InlineData("not(true)", "false")]
    [InlineData("not(false)", "true")]
    [InlineData("not(null)", "null")]
    [InlineData("not(1)", "null")]
    [InlineData("is defined(1)", "true")]
    [InlineData("is defined(null)", "false")]
    [InlineData("is defined(unknownVariable)", "false")]
    [InlineData("assert(5, 5 > 1)", "5")]
    [InlineData("number(\"1000.5\")", "1000.5")]
    [InlineData("number(\"-12\")", "-12")]
    [InlineData("number(\"1.2e3\")", "1200")]
    [InlineData("number(\"1 000,0\", \" \", \",\")", "1000")]
    [InlineData("number(\"1,000.25\", \",\", \".\")", "1000.25")]
    [InlineData("number(\"1.000,25\", \".\", \",\")", "1000.25")]
    [InlineData("number(\"1,000\", \",\", \",\")", "null")]
    [InlineData("number(\"12abc\")", "null")]
    [InlineData("number(\"\")", "null")]
    [InlineData("string(1.1)", "\"1.1\"")]
    [InlineData("string(1.10)", "\"1.1\"")]
    [InlineData("string(null)", "null")]
    [InlineData("string(\"a\")", "\"a\"")]
    [InlineData("string(true)", "\"true\"")]
    [InlineData("string(date(\"2019-01-01\"))", "\"2019-01-01\"")]
    [InlineData("string(duration(\"P1DT1H\"))", "\"P1DT1H\"")]
    [InlineData("string([1, \"a\"])", "\"[1, \"a\"]\"")]
    [InlineData("string({a: 1})", "\"{a:1}\"")]
    public void Function_GivesTheSpecResult(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Assert_WhenTheConditionFails_IsNullWithTheCause()
    {
        // Act
        var result = Evaluate("assert(-1, -1 > 0, \"amount must be positive\")");

        // Assert
        Assert.Equal("null", result.Value.ToString());
        Assert.Contains(result.Warnings, w => w.Kind == FeelWarningKind.AssertionFailure && w.Message == "amount must be positive");
    }
}
