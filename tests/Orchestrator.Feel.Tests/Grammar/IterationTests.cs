using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Functions;
using static Orchestrator.Feel.Tests.Support.Feel;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Tests.Grammar;

public class IterationTests
{
    [Theory]
    [InlineData("for i in [1, 2, 3] return i * i", "[1, 4, 9]")]
    [InlineData("for i in 1..3 return i", "[1, 2, 3]")]
    [InlineData("for i in 3..1 return i", "[3, 2, 1]")]
    [InlineData("for i in -1..1 return i", "[-1, 0, 1]")]
    [InlineData("for i in 1..1 return i", "[1]")]
    [InlineData("for i in [1..3] return i", "[1, 2, 3]")]
    [InlineData("for i in [1..3) return i", "[1, 2]")]
    [InlineData("for i in (1..3] return i", "[2, 3]")]
    [InlineData("for i in [] return i", "[]")]
    [InlineData("for x in [1, 2], y in [10, 20] return x + y", "[11, 21, 12, 22]")]
    [InlineData("for x in 1..3, y in x..3 return x * 10 + y", "[11, 12, 13, 22, 23, 33]")]
    [InlineData("for i in 1..5 return if i = 1 then 1 else partial[-1] * i", "[1, 2, 6, 24, 120]")]
    [InlineData("for i in [1, 2, 3] return count(partial)", "[0, 1, 2]")]
    [InlineData("for i in [1, 2] return for j in [1, 2] return i * j", "[[1, 2], [2, 4]]")]
    [InlineData("for x in [{a: 1}, {a: 2}] return x.a", "[1, 2]")]
    public void For_BuildsList(string expression, string expected)
    {
        // Arrange
        var engine = EngineWithCount();

        // Act
        var result = Render(engine.Evaluate(expression).Value);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void For_OverNull_IsNull()
    {
        // Act
        var value = Eval("for i in null return i");

        // Assert
        Assert.Same(FeelNull.Instance, value);
    }

    [Fact]
    public void For_OverNonList_IsNullWithWarning()
    {
        // Act
        var result = Evaluate("for i in 5 return i");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Equal(FeelWarningKind.InvalidType, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void For_HugeRange_IsNullWithLimitWarning()
    {
        // Act
        var result = Evaluate("for x in 1..100000000000 return x");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Equal(FeelWarningKind.LimitExceeded, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void For_HugeCartesianProduct_IsNullWithLimitWarning()
    {
        // Act
        var result = Evaluate("for x in 1..100000, y in 1..100000 return 1");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Equal(FeelWarningKind.LimitExceeded, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void For_NonIntegerRangeBounds_IsNullWithWarning()
    {
        // Act
        var result = Evaluate("for x in 1.5..3 return x");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Single(result.Warnings);
    }

    [Fact]
    public void For_DateRange_IteratesByDay()
    {
        // Arrange
        var scope = C(("r", new FeelRange(new FeelDate(new DateOnly(2024, 2, 28)), true, new FeelDate(new DateOnly(2024, 3, 1)), true)));

        // Act
        var value = Assert.IsType<FeelList>(Eval("for d in r return d", scope));

        // Assert
        Assert.Equal(
            [new FeelDate(new DateOnly(2024, 2, 28)), new FeelDate(new DateOnly(2024, 2, 29)), new FeelDate(new DateOnly(2024, 3, 1))],
            value.Items);
    }

    [Fact]
    public void For_ClosuresCaptureEachIteration()
    {
        // Act
        var result = Show("for f in (for i in 1..3 return function() i) return f()");

        // Assert
        Assert.Equal("[1, 2, 3]", result);
    }

    private static FeelEngine EngineWithCount()
    {
        var registry = new FeelFunctionRegistry();
        registry.Register("count", ["list"], (args, _) => args[0] is FeelList l ? N(l.Count) : Null);
        return new FeelEngine(new FeelEngineOptions { Functions = registry, Clock = Clock });
    }
}
