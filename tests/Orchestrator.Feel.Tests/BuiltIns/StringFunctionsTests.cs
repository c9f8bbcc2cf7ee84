using Orchestrator.Feel.Evaluation;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.BuiltIns;

public class StringFunctionsTests
{
    [Theory]
    [InlineData("substring(\"foobar\", 3)", "\"obar\"")]
    [InlineData("substring(\"foobar\", 3, 3)", "\"oba\"")]
    [InlineData("substring(\"foobar\", -2, 1)", "\"a\"")]
    [InlineData("substring(\"foobar\", 10)", "null")]
    [InlineData("substring(\"foobar\", 2, 100)", "\"oobar\"")]
    [InlineData("substring(\"\U0001F600ab\", 2)", "\"ab\"")]
    [InlineData("substring(string: \"foobar\", start position: 3, length: 2)", "\"ob\"")]
    [InlineData("string length(\"foo\")", "3")]
    [InlineData("string length(\"\U0001F600\")", "1")]
    [InlineData("upper case(\"aBc4\")", "\"ABC4\"")]
    [InlineData("lower case(\"aBc4\")", "\"abc4\"")]
    [InlineData("substring before(\"foobar\", \"bar\")", "\"foo\"")]
    [InlineData("substring before(\"foobar\", \"xyz\")", "\"\"")]
    [InlineData("substring after(\"foobar\", \"ob\")", "\"ar\"")]
    [InlineData("substring after(\"\", \"a\")", "\"\"")]
    [InlineData("contains(\"foobar\", \"of\")", "false")]
    [InlineData("contains(\"foobar\", \"ob\")", "true")]
    [InlineData("starts with(\"foobar\", \"fo\")", "true")]
    [InlineData("ends with(\"foobar\", \"r\")", "true")]
    [InlineData("trim(\"  hello \")", "\"hello\"")]
    [InlineData("is blank(\"  \")", "true")]
    [InlineData("is blank(\"a\")", "false")]
    [InlineData("to base64(\"FEEL\")", "\"RkVFTA==\"")]
    [InlineData("string join([\"a\", \"b\", \"c\"])", "\"abc\"")]
    [InlineData("string join([\"a\", \"b\", \"c\"], \", \")", "\"a, b, c\"")]
    [InlineData("string join([\"a\", null, \"c\"], \"-\")", "\"a-c\"")]
    [InlineData("string join([\"a\", \"b\"], \", \", \"[\", \"]\")", "\"[a, b]\"")]
    [InlineData("string join([], \", \")", "\"\"")]
    [InlineData("string join([1, 2], \", \")", "null")]
    [InlineData("string length(1)", "null")]
    [InlineData("upper case(null)", "null")]
    public void Function_GivesTheSpecResult(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("matches(\"foobar\", \"^fo*b\")", "true")]
    [InlineData("matches(\"foobar\", \"^FO*B\", \"i\")", "true")]
    [InlineData("matches(\"abc\\n\", \"c$\")", "false")]
    [InlineData("matches(\"abc\\ndef\", \"c$\", \"m\")", "true")]
    [InlineData("matches(\"a\\nb\", \"a.b\")", "false")]
    [InlineData("matches(\"a\\nb\", \"a.b\", \"s\")", "true")]
    [InlineData("matches(\"a b\", \"a b\", \"x\")", "false")]
    [InlineData("matches(\"ab\", \"a b\", \"x\")", "true")]
    [InlineData("matches(\"a.c\", \".\", \"q\")", "true")]
    [InlineData("matches(\"abc\", \".\", \"q\")", "false")]
    [InlineData("matches(\"e\", \"[a-z-[aeiou]]\")", "false")]
    [InlineData("matches(\"b\", \"[a-z-[aeiou]]\")", "true")]
    [InlineData("matches(\"abc\", \"[\")", "null")]
    [InlineData("matches(\"abc\", \"a\", \"k\")", "null")]
    [InlineData("replace(\"abcd\", \"(ab)|(a)\", \"[1=$1][2=$2]\")", "\"[1=ab][2=]cd\"")]
    [InlineData("replace(\"abracadabra\", \"bra\", \"*\")", "\"a*cada*\"")]
    [InlineData("replace(\"abracadabra\", \"a.*a\", \"*\")", "\"*\"")]
    [InlineData("replace(\"abracadabra\", \"a.*?a\", \"*\")", "\"*c*bra\"")]
    [InlineData("replace(\"abracadabra\", \"a\", \"\")", "\"brcdbr\"")]
    [InlineData("replace(\"abracadabra\", \"a(.)\", \"a$1$1\")", "\"abbraccaddabbra\"")]
    [InlineData("replace(\"AAAA\", \"A+\", \"b\")", "\"b\"")]
    [InlineData("replace(\"darted\", \"^(.*?)d(.*)$\", \"$1c$2\")", "\"carted\"")]
    [InlineData("replace(\"price\", \"price\", \"\\\\$5\")", "\"$5\"")]
    [InlineData("replace(\"abc\", \"b\", \"$\")", "null")]
    [InlineData("replace(\"abracadabra\", \".*?\", \"$1\")", "null")]
    [InlineData("replace(\"Abc\", \"a\", \"x\", \"i\")", "\"xbc\"")]
    [InlineData("split(\"John Doe\", \"\\\\s\")", "[\"John\", \"Doe\"]")]
    [InlineData("split(\"a;b;c;;\", \";\")", "[\"a\", \"b\", \"c\", \"\", \"\"]")]
    [InlineData("split(\"a1b2c\", \"([0-9])\")", "[\"a\", \"b\", \"c\"]")]
    [InlineData("split(\"abc\", \"x*\")", "null")]
    [InlineData("extract(\"references are 1234, 1256, 1378\", \"12[0-9]*\")", "[\"1234\", \"1256\"]")]
    public void Regex_FollowsXmlSchemaSemantics(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void CatastrophicPattern_TimesOutToNullInsteadOfHanging()
    {
        // Arrange
        var input = new string('a', 40) + "!";

        // Act
        var result = Evaluate($"matches(\"{input}\", \"^(a+)+$\")");

        // Assert
        Assert.Equal("null", result.Value.ToString());
        Assert.Contains(result.Warnings, w => w.Kind == FeelWarningKind.FunctionInvocationFailure && w.Message.Contains("longer", StringComparison.Ordinal));
    }

    [Fact]
    public void Uuid_IsAFreshUuidEachTime()
    {
        // Act
        var first = Show("uuid()");
        var second = Show("uuid()");

        // Assert
        Assert.Matches("^\"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\"$", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void WrongArgumentType_WarnsNamingTheFunction()
    {
        // Act
        var result = Evaluate("substring(123, 1)");

        // Assert
        Assert.Equal("null", result.Value.ToString());
        Assert.Contains(result.Warnings, w => w.Message.StartsWith("substring: expected string", StringComparison.Ordinal));
    }
}
