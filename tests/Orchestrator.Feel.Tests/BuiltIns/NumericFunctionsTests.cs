using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.BuiltIns;

public class NumericFunctionsTests
{
    [Theory]
    [InlineData("decimal(1/3, 2)", "0.33")]
    [InlineData("decimal(1.5, 0)", "2")]
    [InlineData("decimal(2.5, 0)", "2")]
    [InlineData("decimal(1035, -2)", "1000")]
    [InlineData("floor(1.5)", "1")]
    [InlineData("floor(-1.5)", "-2")]
    [InlineData("floor(-1.56, 1)", "-1.6")]
    [InlineData("ceiling(1.5)", "2")]
    [InlineData("ceiling(-1.5)", "-1")]
    [InlineData("ceiling(-1.56, 1)", "-1.5")]
    [InlineData("round up(5.5, 0)", "6")]
    [InlineData("round up(-5.5, 0)", "-6")]
    [InlineData("round up(1.121, 2)", "1.13")]
    [InlineData("round up(-1.126, 2)", "-1.13")]
    [InlineData("round down(5.5, 0)", "5")]
    [InlineData("round down(-5.5, 0)", "-5")]
    [InlineData("round down(1.121, 2)", "1.12")]
    [InlineData("round down(-1.126, 2)", "-1.12")]
    [InlineData("round half up(5.5, 0)", "6")]
    [InlineData("round half up(-5.5, 0)", "-6")]
    [InlineData("round half up(1.121, 2)", "1.12")]
    [InlineData("round half up(-1.126, 2)", "-1.13")]
    [InlineData("round half down(5.5, 0)", "5")]
    [InlineData("round half down(-5.5, 0)", "-5")]
    [InlineData("round half down(1.121, 2)", "1.12")]
    [InlineData("round half down(-1.126, 2)", "-1.13")]
    [InlineData("abs(10)", "10")]
    [InlineData("abs(-10)", "10")]
    [InlineData("abs(@\"-PT5H\")", "PT5H")]
    [InlineData("abs(@\"-P1Y\")", "P1Y")]
    [InlineData("modulo(12, 5)", "2")]
    [InlineData("modulo(-12, 5)", "3")]
    [InlineData("modulo(12, -5)", "-3")]
    [InlineData("modulo(-12, -5)", "-2")]
    [InlineData("modulo(10.1, 4.5)", "1.1")]
    [InlineData("modulo(-10.1, 4.5)", "3.4")]
    [InlineData("modulo(10.1, -4.5)", "-3.4")]
    [InlineData("modulo(1, 0)", "null")]
    [InlineData("sqrt(16)", "4")]
    [InlineData("sqrt(-1)", "null")]
    [InlineData("decimal(log(10), 2)", "2.3")]
    [InlineData("log(0)", "null")]
    [InlineData("decimal(exp(5), 2)", "148.41")]
    [InlineData("exp(1000)", "null")]
    [InlineData("odd(5)", "true")]
    [InlineData("odd(2)", "false")]
    [InlineData("even(2)", "true")]
    [InlineData("even(-3)", "false")]
    [InlineData("even(2.5)", "false")]
    [InlineData("decimal(n: 1.234, scale: 1)", "1.2")]
    [InlineData("floor(\"1\")", "null")]
    public void Function_GivesTheSpecResult(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Sqrt_KeepsDecimalPrecision()
    {
        // Act
        var result = Show("sqrt(2)");

        // Assert: 28 significant digits, more than a double's 17.
        Assert.StartsWith("1.41421356237309504880168872", result, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomNumber_IsBetweenZeroAndOne()
    {
        // Act
        var result = Show("random number() >= 0 and random number() < 1");

        // Assert
        Assert.Equal("true", result);
    }
}
