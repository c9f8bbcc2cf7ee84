using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Grammar;

public class RangesTests
{
    [Theory]
    [InlineData("[1..10]", 1, true, 10, true)]
    [InlineData("[1..10)", 1, true, 10, false)]
    [InlineData("(1..10]", 1, false, 10, true)]
    [InlineData("]1..10[", 1, false, 10, false)]
    [InlineData("[1..10[", 1, true, 10, false)]
    [InlineData("]1..10]", 1, false, 10, true)]
    [InlineData("[1 + 1..2 * 5]", 2, true, 10, true)]
    [InlineData("[-5..-1]", -5, true, -1, true)]
    public void RangeLiteral_BuildsRange(string expression, int start, bool startIncluded, int end, bool endIncluded)
    {
        // Act
        var range = Assert.IsType<FeelRange>(Eval(expression));

        // Assert
        Assert.Equal(new FeelRange(N(start), startIncluded, N(end), endIncluded), range);
    }

    [Theory]
    [InlineData("< 10", null, false, 10, false)]
    [InlineData("<= 10", null, false, 10, true)]
    [InlineData("> 10", 10, false, null, false)]
    [InlineData(">= 10", 10, true, null, false)]
    public void UnaryComparison_AsValue_IsOpenRange(string expression, int? start, bool startIncluded, int? end, bool endIncluded)
    {
        // Act
        var range = Assert.IsType<FeelRange>(Eval(expression));

        // Assert
        FeelValue Point(int? p) => p is null ? Null : N(p.Value);
        Assert.Equal(new FeelRange(Point(start), startIncluded, Point(end), endIncluded), range);
    }

    [Theory]
    [InlineData("[\"a\"..\"z\"]", "[\"a\"..\"z\"]")]
    [InlineData("\"m\" in [\"a\"..\"z\"]", "true")]
    [InlineData("\"m\" in (\"m\"..\"z\"]", "false")]
    [InlineData("3 in > 2", "true")]
    [InlineData("(1..5) = (1..5)", "true")]
    [InlineData("[1..5] = (1..5)", "false")]
    [InlineData("[(1..5], [5..7]]", "[(1..5], [5..7]]")]
    public void Ranges_OfStringsAndComparisons(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("[1..\"a\"]")]
    [InlineData("[true..false]")]
    [InlineData("[null..1]")]
    [InlineData("< [1]")]
    public void RangeLiteral_InvalidEndPoints_IsNullWithWarning(string expression)
    {
        // Act
        var result = Evaluate(expression);

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Equal(FeelWarningKind.InvalidType, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void RangeLiteral_EndPointsFromVariables()
    {
        // Arrange
        var scope = C(("low", N(18)), ("high", N(21)));

        // Act
        var result = Show("[19 in [low..high), 21 in [low..high)]", scope);

        // Assert
        Assert.Equal("[true, false]", result);
    }

    [Fact]
    public void RangeLiteral_EndWithFilterStillWorks()
    {
        // Arrange
        var scope = C(("xs", L(N(5), N(9))));

        // Act
        var result = Show("7 in [xs[1]..xs[2]]", scope);

        // Assert
        Assert.Equal("true", result);
    }
}
