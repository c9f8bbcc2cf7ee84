using Orchestrator.Feel.Evaluation;
using static Orchestrator.Feel.Tests.Support.Feel;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Tests.Grammar;

public class ComparisonTests
{
    [Theory]
    [InlineData("1 = 1", "true")]
    [InlineData("1 = 1.0", "true")]
    [InlineData("1 != 2", "true")]
    [InlineData("1 < 2", "true")]
    [InlineData("2 <= 2", "true")]
    [InlineData("3 > 2", "true")]
    [InlineData("2 >= 3", "false")]
    [InlineData("\"a\" < \"b\"", "true")]
    [InlineData("\"abc\" = \"abc\"", "true")]
    [InlineData("true = true", "true")]
    [InlineData("true != false", "true")]
    [InlineData("[1, 2] = [1, 2]", "true")]
    [InlineData("[1, 2] = [2, 1]", "false")]
    [InlineData("{a: 1, b: 2} = {b: 2, a: 1}", "true")]
    [InlineData("[1..2] = [1..2]", "true")]
    [InlineData("1 + 1 = 2", "true")]
    public void Comparison_OfSameTypes(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("null = null", "true")]
    [InlineData("1 = null", "false")]
    [InlineData("null = \"a\"", "false")]
    [InlineData("null != 1", "true")]
    [InlineData("null != null", "false")]
    public void Equality_WithNull(string expression, string expected)
    {
        // Act
        var result = Evaluate(expression);

        // Assert
        Assert.Equal(expected, result.Value.ToString());
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("null < 1")]
    [InlineData("1 >= null")]
    [InlineData("1 < \"a\"")]
    [InlineData("true < false")]
    [InlineData("[1] < [2]")]
    public void Ordering_NotComparable_IsNullWithWarning(string expression)
    {
        // Act
        var result = Evaluate(expression);

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Equal(FeelWarningKind.NotComparable, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void Equality_OfDifferentTypes_IsNullWithWarning()
    {
        // Act
        var result = Evaluate("1 = \"1\"");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Equal(FeelWarningKind.NotComparable, Assert.Single(result.Warnings).Kind);
    }

    [Theory]
    [InlineData("5 between 1 and 10", "true")]
    [InlineData("1 between 1 and 10", "true")]
    [InlineData("10 between 1 and 10", "true")]
    [InlineData("0 between 1 and 10", "false")]
    [InlineData("\"b\" between \"a\" and \"c\"", "true")]
    [InlineData("5 between 1 + 1 and 2 * 5", "true")]
    [InlineData("5 between 1 and 10 and true", "true")]
    [InlineData("null between 1 and 10", "null")]
    [InlineData("0 between null and -1", "false")]
    public void Between_IsInclusive(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("5 in 5", "true")]
    [InlineData("5 in < 10", "true")]
    [InlineData("5 in > 10", "false")]
    [InlineData("5 in >= 5", "true")]
    [InlineData("5 in <= 4", "false")]
    [InlineData("5 in (1, 5, 10)", "true")]
    [InlineData("5 in (< 3, > 4)", "true")]
    [InlineData("5 in (1, 2)", "false")]
    [InlineData("5 in [1..10]", "true")]
    [InlineData("10 in [1..10)", "false")]
    [InlineData("1 in (1..10]", "false")]
    [InlineData("1 in ]1..10]", "false")]
    [InlineData("5 in [1, 5, 10]", "true")]
    [InlineData("6 in [1, 5, 10]", "false")]
    [InlineData("\"b\" in [\"a\", \"b\"]", "true")]
    [InlineData("\"b\" in (\"a\", \"b\")", "true")]
    [InlineData("[1, 2] in [[1, 2], [3]]", "true")]
    [InlineData("5 in ([1..3], [4..6])", "true")]
    [InlineData("5 in (? > 3)", "true")]
    [InlineData("5 in ? > 3", "true")]
    [InlineData("null in (1, 2)", "false")]
    [InlineData("null in null", "true")]
    [InlineData("5 in (< 3, \"a\")", "null")]
    public void In_TestsAgainstPositiveUnaryTests(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void In_WithVariableRange_UsesRangeMembership()
    {
        // Arrange
        var scope = C(("r", new FeelRange(N(1), true, N(3), false)));

        // Act
        var result = Show("[2 in r, 3 in r]", scope);

        // Assert
        Assert.Equal("[true, false]", result);
    }

    [Fact]
    public void Comparison_IsNotChained()
    {
        // Act
        var ok = Engine.TryParse("1 < 2 < 3", out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.Equal(7, error!.Column);
    }
}
