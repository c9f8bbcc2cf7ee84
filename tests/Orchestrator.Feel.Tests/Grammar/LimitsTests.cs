using Orchestrator.Feel.Evaluation;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Grammar;

/// <summary>Inputs that would make an evaluation run away; each must end with null and a limit warning.</summary>
public class LimitsTests
{
    [Theory]
    [InlineData("count(flatten(for i in 1..30 return partial))")]
    [InlineData("string length(string(for i in 1..30 return partial))")]
    [InlineData("{f: function(n) if n = 0 then [] else (function(x) [x, x])(f(n - 1)), r: f(40)}.r = []")]
    public void Bug_ListsBuiltFromSharedPartsExpandExponentially(string expression)
    {
        // Act
        var result = Evaluate(expression);

        // Assert
        Assert.Equal("null", result.Value.ToString());
        Assert.Contains(result.Warnings, w => w.Kind == FeelWarningKind.LimitExceeded && w.Message.Contains("10,000,000 items", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("count(for a in 1..1000 return count(for b in 1..1000 return count(for c in 1..1000 return c)))")]
    [InlineData("{f: function(n) if n = 0 then 0 else f(n-1) + f(n-1), r: f(60)}.r")]
    public void Bug_UnboundedComputationRunsForever(string expression)
    {
        // Act
        var result = Evaluate(expression);

        // Assert
        Assert.Equal("null", result.Value.ToString());
        Assert.Contains(result.Warnings, w => w.Kind == FeelWarningKind.LimitExceeded && w.Message.Contains("steps", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("count(distinct values(for i in 1..100000 return i))")]
    [InlineData("count(duplicate values(for i in 1..100000 return i))")]
    [InlineData("count(union(for i in 1..100000 return i, [0]))")]
    [InlineData("{l: for j in 1..1000000 return j, r: count(for i in 1..1000 return list contains(l, -1))}.r")]
    [InlineData("{l: for j in 1..1000000 return j, r: count(for i in 1..1000 return sort(l))}.r")]
    public void Bug_BuiltinsOverLongListsRanForMinutesUncounted(string expression)
    {
        // Act: distinct values of 100,000 numbers compared every pair (96 s); a loop scanned a million items per iteration.
        var result = Evaluate(expression);

        // Assert
        Assert.Equal("null", result.Value.ToString());
        Assert.Contains(result.Warnings, w => w.Kind == FeelWarningKind.LimitExceeded && w.Message.Contains("steps", StringComparison.Ordinal));
    }

    [Fact]
    public void Bug_LoopOverALargeBodyCountedOneStepPerIteration()
    {
        // Arrange: the body builds 150 nested lists each time, 150 million in all, as one step per iteration.
        var body = new string('[', 150) + "i" + new string(']', 150);

        // Act
        var result = Evaluate($"count(for i in 1..1000000 return {body})");

        // Assert
        Assert.Equal("null", result.Value.ToString());
        Assert.Contains(result.Warnings, w => w.Kind == FeelWarningKind.LimitExceeded && w.Message.Contains("steps", StringComparison.Ordinal));
    }

    [Fact]
    public void Bug_CatastrophicPatternInALoopRanOneSecondPerIteration()
    {
        // Arrange: each match is abandoned after a second, so a thousand of them took a thousand seconds.
        var input = new string('a', 40) + "!";

        // Act
        var result = Evaluate($"count(for i in 1..1000 return matches(\"{input}\", \"^(a+)+$\"))");

        // Assert
        Assert.Equal("null", result.Value.ToString());
        Assert.Contains(result.Warnings, w => w.Kind == FeelWarningKind.LimitExceeded && w.Message.Contains("regular expressions ran longer", StringComparison.Ordinal));
    }

    [Fact]
    public void Bug_WarningsRenderedHugeValuesInFull()
    {
        // Act: a warning about a wrong argument quoted the whole list, a million items, and did so again on every iteration.
        var result = Evaluate("upper case(for i in 1..1000000 return i)");

        // Assert
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("'[1, 2, 3,", warning.Message, StringComparison.Ordinal);
        Assert.True(warning.Message.Length < 200, warning.Message);
    }

    [Fact]
    public void Bug_WarningsWereUncountedWork()
    {
        // Act: 900,000 iterations of three tokens, each writing a warning, counted as 2.7 million steps. The limit's warning
        // must show, though a hundred others came first.
        var result = Evaluate("count(for i in 1..900000 return i.a)");

        // Assert
        Assert.Equal("null", result.Value.ToString());
        Assert.Contains(result.Warnings, w => w.Kind == FeelWarningKind.LimitExceeded && w.Message.Contains("steps", StringComparison.Ordinal));
    }

    [Fact]
    public void Bug_ProjectionOverPartialInALoopRanForMinutes()
    {
        // Act: every iteration projected '.month' over all the results so far, a warning per item, none of it counted.
        var result = Evaluate("(for i in 1..100000 return [(partial).month]).end");

        // Assert
        Assert.Equal("null", result.Value.ToString());
        Assert.Contains(result.Warnings, w => w.Kind == FeelWarningKind.LimitExceeded && w.Message.Contains("steps", StringComparison.Ordinal));
    }

    [Fact]
    public void LargeButBoundedWork_StillRuns()
    {
        // Act
        var result = Evaluate("count(for a in 1..1000 return count(for b in 1..1000 return b))");

        // Assert
        Assert.Equal("1000", result.Value.ToString());
        Assert.False(result.HasWarnings);
    }
}
