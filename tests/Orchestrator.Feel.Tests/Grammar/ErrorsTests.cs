using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Grammar;

public class ErrorsTests
{
    [Theory]
    [InlineData("1 +", "expected an expression but found end of input", 1, 4)]
    [InlineData("if x then 1", "expected 'else' but found end of input", 1, 12)]
    [InlineData("if x 1 else 2", "expected 'then' but found '1'", 1, 6)]
    [InlineData("(1 + 2", "expected ')' but found end of input", 1, 7)]
    [InlineData("\"abc", "unterminated string", 1, 1)]
    [InlineData("1 /* open", "unterminated comment '/*'", 1, 3)]
    [InlineData("a ! b", "expected '!=' but found '!'", 1, 3)]
    [InlineData("1 # 2", "unexpected character '#'", 1, 3)]
    [InlineData("1\n+\n)", "expected an expression but found ')'", 3, 1)]
    [InlineData("{a 1}", "expected ':' but found '1'", 1, 4)]
    [InlineData("for x in [1] x", "expected 'return' but found 'x'", 1, 14)]
    [InlineData("some x in [1] x > 1", "expected 'satisfies' but found 'x'", 1, 15)]
    [InlineData("1 2", "expected an operator or the end of the expression but found '2'", 1, 3)]
    [InlineData("then", "expected an expression but found 'then'", 1, 1)]
    [InlineData("\"\\u12\"", "expected 4 hex digits after '\\u'", 1, 2)]
    [InlineData("1e999", "number '1e999' is out of range", 1, 1)]
    [InlineData("`abc", "unterminated `name`", 1, 1)]
    [InlineData("x.", "expected a name after '.' but found end of input", 1, 3)]
    public void SyntaxError_NamesExpectationAndPosition(string expression, string message, int line, int column)
    {
        // Act
        var ok = Engine.TryParse(expression, out var compiled, out var error);

        // Assert
        Assert.False(ok);
        Assert.Null(compiled);
        Assert.Equal(new FeelSyntaxError(message, line, column), error);
    }

    [Fact]
    public void Parse_Invalid_ThrowsSyntaxExceptionWithError()
    {
        // Act
        var ex = Assert.Throws<FeelSyntaxException>(() => Engine.Parse("1 +"));

        // Assert
        Assert.Equal("1 +", ex.Expression);
        Assert.Equal(4, ex.Error.Column);
        Assert.Contains("line 1, column 4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Invalid_IsNullWithSyntaxWarning()
    {
        // Act
        var result = Evaluate("1 +");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(FeelWarningKind.SyntaxError, warning.Kind);
        Assert.Contains("column 4", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Null_IsErrorNotException()
    {
        // Act
        var ok = Engine.TryParse(null!, out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.NotNull(error);
    }

    [Fact]
    public void Parse_IsCachedByText()
    {
        // Act
        var first = Engine.Parse("1 + 2 + 3");
        var second = Engine.Parse("1 + 2 + 3");

        // Assert
        Assert.Same(first, second);
        Assert.Equal("1 + 2 + 3", first.Text);
    }

    [Fact]
    public void Cache_IsClearedWhenFull()
    {
        // Arrange
        var engine = new FeelEngine(new FeelEngineOptions { CacheSize = 2 });
        var first = engine.Parse("1");
        engine.Parse("2");
        engine.Parse("3");

        // Act
        var again = engine.Parse("1");

        // Assert
        Assert.NotSame(first, again);
        Assert.Equal(N(1), again.Evaluate().Value);
    }

    [Fact]
    public void Result_WithoutWarnings_SharesEmptyList()
    {
        // Act
        var a = Evaluate("1");
        var b = Evaluate("2");

        // Assert
        Assert.False(a.HasWarnings);
        Assert.Same(a.Warnings, b.Warnings);
    }
}
