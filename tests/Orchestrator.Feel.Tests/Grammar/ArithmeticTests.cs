using Orchestrator.Feel.Evaluation;
using static Orchestrator.Feel.Tests.Support.Feel;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Tests.Grammar;

public class ArithmeticTests
{
    [Theory]
    [InlineData("1 + 2", "3")]
    [InlineData("5 - 7", "-2")]
    [InlineData("3 * 4", "12")]
    [InlineData("10 / 4", "2.5")]
    [InlineData("2 ** 10", "1024")]
    [InlineData("2 ** -2", "0.25")]
    [InlineData("4 ** 0.5", "2")]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("2 * 3 ** 2", "18")]
    [InlineData("10 - 4 - 3", "3")]
    [InlineData("100 / 10 / 5", "2")]
    [InlineData("2 ** 3 ** 2", "64")]
    [InlineData("-2 ** 2", "4")]
    [InlineData("-(2 ** 2)", "-4")]
    [InlineData("- -3", "3")]
    [InlineData("1 - -1", "2")]
    [InlineData("1.1 * 3", "3.3")]
    [InlineData("1 + 1 + 1 + 1 + 1 - 2", "3")]
    public void Operators_FollowPrecedenceAndAssociativity(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Division_IsDecimalNotBinary()
    {
        // Act
        var value = Assert.IsType<FeelNumber>(Eval("1 / 3"));

        // Assert
        Assert.Equal(1m / 3m, value.Value);
    }

    [Fact]
    public void StringPlusString_Concatenates()
    {
        // Act
        var result = Show("\"foo\" + \"bar\"");

        // Assert
        Assert.Equal("\"foobar\"", result);
    }

    [Theory]
    [InlineData("1 / 0")]
    [InlineData("0 ** -1")]
    [InlineData("79228162514264337593543950335 + 1")]
    [InlineData("79228162514264337593543950335 * 2")]
    [InlineData("10 ** 100")]
    public void InvalidOperation_IsNullWithWarning(string expression)
    {
        // Act
        var result = Evaluate(expression);

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Equal(FeelWarningKind.InvalidOperation, Assert.Single(result.Warnings).Kind);
    }

    [Theory]
    [InlineData("1 + null")]
    [InlineData("null - 1")]
    [InlineData("null * null")]
    [InlineData("2 / null")]
    [InlineData("-null")]
    [InlineData("null ** 2")]
    public void Null_InArithmetic_GivesNull(string expression)
    {
        // Act
        var value = Eval(expression);

        // Assert
        Assert.Same(FeelNull.Instance, value);
    }

    [Theory]
    [InlineData("1 + \"a\"")]
    [InlineData("\"a\" - \"b\"")]
    [InlineData("true * 2")]
    [InlineData("[1] + [2]")]
    [InlineData("-\"a\"")]
    public void MismatchedTypes_AreNullWithInvalidTypeWarning(string expression)
    {
        // Act
        var result = Evaluate(expression);

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Equal(FeelWarningKind.InvalidType, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void Variables_TakePartInArithmetic()
    {
        // Arrange
        var scope = C(("price", N(19.99m)), ("quantity", N(3)));

        // Act
        var result = Show("price * quantity", scope);

        // Assert
        Assert.Equal("59.97", result);
    }
}
