using Orchestrator.Feel.Evaluation;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Functions.Strings;

/// <summary>The string, numeric, boolean and conversion functions called from FEEL text, through the parser.</summary>
public class BuiltinExpressionTests
{
    [Theory]
    [InlineData("string length(\"abc\")", "3")]
    [InlineData("substring(\"foobar\", 3)", "\"obar\"")]
    [InlineData("substring(\"foobar\", -2, 1)", "\"a\"")]
    [InlineData("substring(string: \"foobar\", start position: 3, length: 2)", "\"ob\"")]
    [InlineData("substring(\"\\U01F40Exy\", 2)", "\"xy\"")]
    [InlineData("string length(\"\\U01F40Exy\")", "3")]
    [InlineData("upper case(\"aBc4\")", "\"ABC4\"")]
    [InlineData("lower case(string: \"aBc4\")", "\"abc4\"")]
    [InlineData("substring before(\"foobar\", \"bar\")", "\"foo\"")]
    [InlineData("substring after(\"foobar\", \"ob\")", "\"ar\"")]
    [InlineData("contains(\"foobar\", \"of\")", "false")]
    [InlineData("starts with(\"foobar\", \"fo\")", "true")]
    [InlineData("ends with(\"foobar\", \"r\")", "true")]
    [InlineData("matches(\"foobar\", \"^fo*b\")", "true")]
    [InlineData("matches(\"FooBar\", \"^foo\", \"i\")", "true")]
    [InlineData("replace(\"abcd\", \"(ab)|(a)\", \"[1=$1][2=$2]\")", "\"[1=ab][2=]cd\"")]
    [InlineData("replace(\"0123456789\", \"(\\d{3})(\\d{3})(\\d{4})\", \"($1) $2-$3\")", "\"(012) 345-6789\"")]
    [InlineData("split(\"John Doe\", \"\\s\")", "[\"John\", \"Doe\"]")]
    [InlineData("split(\"a;b;c;;\", \";\")", "[\"a\", \"b\", \"c\", \"\", \"\"]")]
    [InlineData("extract(\"references are 1234, 1256, 1378\", \"12[0-9]*\")", "[\"1234\", \"1256\"]")]
    [InlineData("string join([\"a\", \"b\", \"c\"], \", \")", "\"a, b, c\"")]
    [InlineData("string join([\"a\", null, \"c\"])", "\"ac\"")]
    [InlineData("string join([\"a\", \"b\"], \", \", \"[\", \"]\")", "\"[a, b]\"")]
    [InlineData("trim(\"  x  \")", "\"x\"")]
    [InlineData("is blank(\" \")", "true")]
    [InlineData("to base64(\"FEEL\")", "\"RkVFTA==\"")]
    [InlineData("string length(uuid())", "36")]
    public void StringFunctions(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("decimal(1/3, 2)", "0.33")]
    [InlineData("decimal(1.5, 0)", "2")]
    [InlineData("decimal(2.5, 0)", "2")]
    [InlineData("floor(-1.5)", "-2")]
    [InlineData("ceiling(1.5)", "2")]
    [InlineData("round up(5.5, 0)", "6")]
    [InlineData("round down(-5.5, 0)", "-5")]
    [InlineData("round half up(-5.5, 0)", "-6")]
    [InlineData("round half down(5.5, 0)", "5")]
    [InlineData("abs(-10)", "10")]
    [InlineData("modulo(12, 5)", "2")]
    [InlineData("modulo(-12, 5)", "3")]
    [InlineData("modulo(12, -5)", "-3")]
    [InlineData("modulo(10.1, 4.5)", "1.1")]
    [InlineData("modulo(dividend: -10.1, divisor: 4.5)", "3.4")]
    [InlineData("sqrt(16)", "4")]
    [InlineData("decimal(log(10), 12)", "2.302585092994")]
    [InlineData("decimal(exp(4), 12)", "54.598150033144")]
    [InlineData("odd(5)", "true")]
    [InlineData("even(5)", "false")]
    [InlineData("random number() < 1", "true")]
    public void NumericFunctions(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("not(true)", "false")]
    [InlineData("not(null)", "null")]
    [InlineData("not(negand: false)", "true")]
    [InlineData("is defined(1)", "true")]
    [InlineData("is defined(null)", "false")]
    [InlineData("is defined(x)", "false")]
    [InlineData("get or else(null, \"default\")", "\"default\"")]
    [InlineData("assert(4, 4 >= 0)", "4")]
    [InlineData("number(\"1 000,0\", \" \", \",\")", "1000")]
    [InlineData("number(\"1500.5\")", "1500.5")]
    [InlineData("number(from: \"1,000.5\", grouping separator: \",\", decimal separator: \".\")", "1000.5")]
    [InlineData("string(1.1)", "\"1.1\"")]
    [InlineData("string([1, \"a\"])", "\"[1, \"a\"]\"")]
    [InlineData("string(null)", "null")]
    public void BooleanAndConversionFunctions(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Assert_FailingCondition_WarnsWithTheCause()
    {
        // Act
        var result = Evaluate("assert(-1, -1 >= 0, \"'x' should be positive\")");

        // Assert
        Assert.Equal(Null, result.Value);
        Assert.Contains(result.Warnings, w => w.Message == "'x' should be positive");
    }

    [Fact]
    public void Matches_InvalidPattern_EvaluatesToNullWithWarning()
    {
        // Act
        var result = Evaluate("matches(\"a\", \"(?=a)\")");

        // Assert
        Assert.Equal(Null, result.Value);
        Assert.Contains(result.Warnings, w => w.Kind == FeelWarningKind.FunctionInvocationFailure);
    }
}
