using Orchestrator.Feel.Evaluation;
using static Orchestrator.Feel.Tests.Support.Feel;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Tests.Grammar;

public class QuantifiersTests
{
    [Theory]
    [InlineData("some x in [1, 2, 3] satisfies x > 2", "true")]
    [InlineData("some x in [1, 2, 3] satisfies x > 3", "false")]
    [InlineData("some x in [] satisfies x > 3", "false")]
    [InlineData("every x in [1, 2, 3] satisfies x > 0", "true")]
    [InlineData("every x in [1, 2, 3] satisfies x > 1", "false")]
    [InlineData("every x in [] satisfies x > 3", "true")]
    [InlineData("some x in [1, null] satisfies x > 1", "null")]
    [InlineData("some x in [3, null] satisfies x > 1", "true")]
    [InlineData("every x in [1, null] satisfies x > 0", "null")]
    [InlineData("every x in [0, null] satisfies x > 0", "false")]
    [InlineData("some x in [1, 2], y in [2, 3] satisfies x = y", "true")]
    [InlineData("every x in [1, 2], y in [2, 3] satisfies x <= y", "true")]
    [InlineData("some x in 1..5 satisfies x * x = 16", "true")]
    [InlineData("every x in 1..3 satisfies x between 1 and 3", "true")]
    public void Quantifiers_AreThreeValued(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Some_StopsAtFirstTrue()
    {
        // Act
        var result = Evaluate("some x in [1, 2, 3] satisfies if x = 1 then true else missing");

        // Assert
        Assert.Same(FeelBoolean.True, result.Value);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Every_HugeProduct_IsNullWithLimitWarning()
    {
        // Act
        var result = Evaluate("every x in 1..10000, y in 1..10000 satisfies true");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Equal(FeelWarningKind.LimitExceeded, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void Some_OverVariableWithSpaces()
    {
        // Arrange
        var history = L(C(("event", S("late payment"))), C(("event", S("bankruptcy"))));
        var scope = C(("credit history", history));

        // Act
        var result = Show("some ch in credit history satisfies ch.event = \"bankruptcy\"", scope);

        // Assert
        Assert.Equal("true", result);
    }
}
