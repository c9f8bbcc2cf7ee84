using Orchestrator.Feel.Evaluation;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Grammar;

public class LogicTests
{
    [Theory]
    [InlineData("true and true", "true")]
    [InlineData("true and false", "false")]
    [InlineData("true and null", "null")]
    [InlineData("false and null", "false")]
    [InlineData("null and false", "false")]
    [InlineData("null and null", "null")]
    [InlineData("true and 1", "null")]
    [InlineData("false and 1", "false")]
    [InlineData("1 and false", "false")]
    [InlineData("true and true and true", "true")]
    [InlineData("true and true and false", "false")]
    public void And_IsThreeValued(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("true or false", "true")]
    [InlineData("false or false", "false")]
    [InlineData("false or null", "null")]
    [InlineData("true or null", "true")]
    [InlineData("null or true", "true")]
    [InlineData("null or null", "null")]
    [InlineData("false or \"a\"", "null")]
    [InlineData("\"a\" or true", "true")]
    [InlineData("false or false or true", "true")]
    public void Or_IsThreeValued(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("true or false and false", "true")]
    [InlineData("(true or false) and false", "false")]
    [InlineData("1 < 2 and 2 < 3", "true")]
    [InlineData("1 = 1 or 1 / 0 = 1", "true")]
    public void Precedence_AndBindsTighterThanOr(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("not(true)", "false")]
    [InlineData("not(false)", "true")]
    [InlineData("not(null)", "null")]
    [InlineData("not(1)", "null")]
    [InlineData("not(1 > 2)", "true")]
    [InlineData("not(true and false) or false", "true")]
    public void Not_NegatesBooleans(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void And_ShortCircuitsOnFalse()
    {
        // Act
        var result = Evaluate("false and missing");

        // Assert
        Assert.Equal("false", result.Value.ToString());
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Or_WithNonBoolean_WarnsInvalidType()
    {
        // Act
        var result = Evaluate("false or 1");

        // Assert
        Assert.Equal(FeelWarningKind.InvalidType, Assert.Single(result.Warnings).Kind);
    }
}
