using Orchestrator.Feel.Values;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Grammar;

public class UnaryTestsTests
{
    [Theory]
    [InlineData("5", 5, "true")]
    [InlineData("5", 6, "false")]
    [InlineData("< 10", 5, "true")]
    [InlineData("<= 5", 5, "true")]
    [InlineData("> 5", 5, "false")]
    [InlineData(">= 5", 5, "true")]
    [InlineData("= 5", 5, "true")]
    [InlineData("!= 5", 5, "false")]
    [InlineData("[1..10]", 10, "true")]
    [InlineData("[1..10)", 10, "false")]
    [InlineData("(1..10]", 1, "false")]
    [InlineData("]1..10[", 5, "true")]
    [InlineData("1, 2, 3", 2, "true")]
    [InlineData("1, 2, 3", 4, "false")]
    [InlineData("< 3, > 7", 8, "true")]
    [InlineData("< 3, > 7", 5, "false")]
    [InlineData("-", 5, "true")]
    [InlineData("", 5, "true")]
    [InlineData("not(1, 2)", 3, "true")]
    [InlineData("not(1, 2)", 2, "false")]
    [InlineData("not([1..5])", 6, "true")]
    [InlineData("not(< 3)", 3, "true")]
    [InlineData("? > 3", 5, "true")]
    [InlineData("? > 3", 2, "false")]
    [InlineData("? * 2 = 10", 5, "true")]
    [InlineData("[1, 2, 5]", 5, "true")]
    [InlineData("[1, 2, 5]", 4, "false")]
    [InlineData("2 + 3", 5, "true")]
    [InlineData("not(? > 3) or ? = 5", 5, "true")]
    [InlineData("\"a\"", 5, "null")]
    [InlineData("< 10, \"a\"", 5, "true")]
    public void NumberInput(string tests, int input, string expected)
    {
        // Act
        var result = Engine.ParseUnaryTests(tests).Evaluate(N(input));

        // Assert
        Assert.Equal(expected, result.Value.ToString());
    }

    [Theory]
    [InlineData("true", true, "true")]
    [InlineData("true", false, "false")]
    [InlineData("false", false, "true")]
    [InlineData("true, false", false, "true")]
    [InlineData("not(true)", false, "true")]
    public void BooleanInput_ComparesWithBooleanLiterals(string tests, bool input, string expected)
    {
        // Act
        var result = Engine.ParseUnaryTests(tests).Evaluate(B(input));

        // Assert
        Assert.Equal(expected, result.Value.ToString());
    }

    [Theory]
    [InlineData("\"gold\", \"silver\"", "silver", "true")]
    [InlineData("not(\"gold\")", "silver", "true")]
    [InlineData("\"gold\"", "silver", "false")]
    [InlineData("[\"a\"..\"m\"]", "dog", "true")]
    public void StringInput(string tests, string input, string expected)
    {
        // Act
        var result = Engine.ParseUnaryTests(tests).Evaluate(S(input));

        // Assert
        Assert.Equal(expected, result.Value.ToString());
    }

    [Theory]
    [InlineData("< 5", "null")]
    [InlineData("null", "true")]
    [InlineData("-", "true")]
    [InlineData("? > 3", "null")]
    [InlineData("not(null)", "false")]
    public void NullInput(string tests, string expected)
    {
        // Act
        var result = Engine.ParseUnaryTests(tests).Evaluate(FeelNull.Instance);

        // Assert
        Assert.Equal(expected, result.Value.ToString());
    }

    [Fact]
    public void UnaryTests_UseVariables()
    {
        // Arrange
        var scope = C(("limit", N(100)), ("allowed", L(S("a"), S("b"))));

        // Act
        var below = Engine.ParseUnaryTests("< limit").Evaluate(N(50), scope);
        var listed = Engine.ParseUnaryTests("allowed").Evaluate(S("b"), scope);

        // Assert
        Assert.Same(FeelBoolean.True, below.Value);
        Assert.Same(FeelBoolean.True, listed.Value);
    }

    [Fact]
    public void UnaryTests_AreCachedByText()
    {
        // Act
        var first = Engine.ParseUnaryTests("< 42");
        var second = Engine.ParseUnaryTests("< 42");

        // Assert
        Assert.Same(first, second);
    }

    [Theory]
    [InlineData("< ")]
    [InlineData("1,")]
    [InlineData("not(1")]
    [InlineData("[1..2")]
    public void InvalidUnaryTests_AreSyntaxErrors(string tests)
    {
        // Act
        var ok = Engine.TryParseUnaryTests(tests, out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.NotNull(error);
    }

    [Fact]
    public void QuestionMark_InPlainExpression_IsNullWithWarning()
    {
        // Act
        var result = Evaluate("? > 1");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.NotEmpty(result.Warnings);
    }
}
