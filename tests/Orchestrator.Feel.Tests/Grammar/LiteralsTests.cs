using static Orchestrator.Feel.Tests.Support.Feel;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Tests.Grammar;

public class LiteralsTests
{
    [Theory]
    [InlineData("1", "1")]
    [InlineData("0", "0")]
    [InlineData("42.50", "42.5")]
    [InlineData(".5", "0.5")]
    [InlineData("-3", "-3")]
    [InlineData("1e3", "1000")]
    [InlineData("1.5E-2", "0.015")]
    [InlineData("2e+2", "200")]
    [InlineData("123456789012345678901234567", "123456789012345678901234567")]
    [InlineData("0.1 + 0.2", "0.3")]
    public void Number_ParsesAsExactDecimal(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Number_TinyExponent_RoundsToZero()
    {
        // Act
        var value = Eval("1e-400");

        // Assert
        Assert.Equal(N(0), value);
    }

    [Theory]
    [InlineData("\"abc\"", "abc")]
    [InlineData("\"\"", "")]
    [InlineData("\"a\\\"b\"", "a\"b")]
    [InlineData("\"a\\\\b\"", "a\\b")]
    [InlineData("\"a\\nb\"", "a\nb")]
    [InlineData("\"a\\rb\"", "a\rb")]
    [InlineData("\"a\\tb\"", "a\tb")]
    [InlineData("\"it\\'s\"", "it's")]
    [InlineData("\"\\u00e9\"", "é")]
    [InlineData("\"\\U0001F600\"", "😀")]
    [InlineData("\"\\U01F40Eab\"", "🐎ab")]
    [InlineData("\"\\U01F600\"", "😀")]
    [InlineData("\"\\uD83D\\uDE00\"", "😀")]
    [InlineData("\"\\d+\"", "\\d+")]
    [InlineData("\"line1\nline2\"", "line1\nline2")]
    [InlineData("\"😀 ü\"", "😀 ü")]
    public void String_UnescapesSequences(string expression, string expected)
    {
        // Act
        var value = Eval(expression);

        // Assert
        Assert.Equal(expected, Assert.IsType<FeelString>(value).Value);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Boolean_IsSharedInstance(string expression, bool expected)
    {
        // Act
        var value = Eval(expression);

        // Assert
        Assert.Same(FeelBoolean.Of(expected), value);
    }

    [Fact]
    public void Null_IsNullWithoutWarning()
    {
        // Act
        var result = Evaluate("null");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("1 // a comment", "1")]
    [InlineData("/* before */ 1 + /* inside */ 2", "3")]
    [InlineData("1 +\n// whole line\n2", "3")]
    [InlineData("/* multi\nline */ \"x\"", "\"x\"")]
    public void Comments_AreIgnored(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void TemporalLiteral_Date_ParsesThroughTemporalParser()
    {
        // Act
        var value = Eval("@\"2019-03-01\"");

        // Assert
        Assert.Equal(new FeelDate(new DateOnly(2019, 3, 1)), value);
    }

    [Fact]
    public void TemporalLiteral_Duration_ParsesThroughTemporalParser()
    {
        // Act
        var value = Eval("@\"P1Y2M\"");

        // Assert
        Assert.Equal(new FeelYearsMonthsDuration(14), value);
    }

    [Fact]
    public void TemporalLiteral_Invalid_IsSyntaxErrorAtTheLiteral()
    {
        // Act
        var ok = Engine.TryParse("1 + @\"not a date\"", out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.Equal(1, error!.Line);
        Assert.Equal(5, error.Column);
    }
}
