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
