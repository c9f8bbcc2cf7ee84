using Orchestrator.Feel.Tests.Functions.Strings;
using Orchestrator.Feel.Values;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Functions.Conversion;

public class ConversionFunctionsTests
{
    [Theory]
    [InlineData("1500.5", "1500.5")]
    [InlineData("-12", "-12")]
    [InlineData("+7", "7")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("1e3", "1000")]
    [InlineData("1.5E-2", "0.015")]
    [InlineData("007", "7")]
    public void Number_ParsesNumberText(string text, string expected)
    {
        // Act
        var result = Call("number", S(text));

        // Assert
        Assert.Equal(expected, result.ToString());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData(" 12")]
    [InlineData("12 ")]
    [InlineData("1,5")]
    [InlineData("1e")]
    [InlineData("-")]
    [InlineData("1e400")]
    [InlineData("0x10")]
    public void Number_NotANumber_IsNullWithWarning(string text)
    {
        // Act
        var result = Call("number", [S(text)], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Contains("is not a number", warnings.Single().Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1 000,0", " ", ",", "1000")]
    [InlineData("1,000.21", ",", ".", "1000.21")]
    [InlineData("1.000,21", ".", ",", "1000.21")]
    [InlineData("1 000.5", " ", ".", "1000.5")]
    [InlineData("1,5", null, ",", "1.5")]
    [InlineData("1 000", " ", null, "1000")]
    [InlineData("12", null, null, "12")]
    public void Number_WithSeparators(string text, string? grouping, string? separator, string expected)
    {
        // Act
        var result = Call("number", S(text), grouping is null ? Null : S(grouping), separator is null ? Null : S(separator));

        // Assert
        Assert.Equal(expected, result.ToString());
    }

    [Fact]
    public void Number_SpecExample()
    {
        // Act
        var result = Call("number", S("1 000,0"), S(" "), S(","));

        // Assert
        Assert.Equal(N(1000.0m), result);
    }

    [Fact]
    public void Number_GroupingSeparatorOnly()
    {
        // Act
        var result = Call("number", S("1,000,000"), S(","));

        // Assert
        Assert.Equal(N(1000000), result);
    }

    [Theory]
    [InlineData("1 000", " ", " ")]
    [InlineData("1.000", ".", ".")]
    [InlineData("1_000", "_", ".")]
    [InlineData("1000", ",", ";")]
    [InlineData("1000", ",,", ".")]
    [InlineData("1 000.5", " ", ",")]
    public void Number_InvalidSeparators_IsNullWithWarning(string text, string grouping, string separator)
    {
        // Act
        var result = Call("number", [S(text), S(grouping), S(separator)], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Single(warnings);
    }

    [Fact]
    public void Number_NonString_IsNullWithWarning()
    {
        // Act
        var fromNull = Call("number", [Null], out var nullWarnings);
        var fromNumber = Call("number", [N(1)], out var numberWarnings);

        // Assert
        Assert.Equal(Null, fromNull);
        Assert.Equal(Null, fromNumber);
        Assert.Contains("expected string", nullWarnings.Single().Message, StringComparison.Ordinal);
        Assert.Contains("expected string", numberWarnings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Number_NamedArguments()
    {
        // Act
        var result = NamedCall.Invoke(
            "number",
            ("decimal separator", S(",")),
            ("from", S("1.234,5")),
            ("grouping separator", S(".")));
        var single = NamedCall.Invoke("number", ("from", S("42")));

        // Assert
        Assert.Equal(N(1234.5m), result);
        Assert.Equal(N(42), single);
    }

    [Theory]
    [InlineData("1.1", "1.1")]
    [InlineData("1.50", "1.5")]
    [InlineData("-0.0", "0")]
    [InlineData("1000000", "1000000")]
    [InlineData("0.000001", "0.000001")]
    public void String_Number(string n, string expected)
    {
        // Act
        var result = Call("string", N(decimal.Parse(n, System.Globalization.CultureInfo.InvariantCulture)));

        // Assert
        Assert.Equal(S(expected), result);
    }

    [Fact]
    public void String_OtherValues()
    {
        // Act + Assert
        Assert.Equal(S("abc"), Call("string", S("abc")));
        Assert.Equal(S("true"), Call("string", B(true)));
        Assert.Equal(S("[1, \"a\"]"), Call("string", L(N(1), S("a"))));
        Assert.Equal(S("{a:1, b:\"x\"}"), Call("string", C(("a", N(1)), ("b", S("x")))));
        Assert.Equal(S("[1..10)"), Call("string", new FeelRange(N(1), true, N(10), false)));
    }

    [Fact]
    public void String_Null_IsNullWithoutWarning()
    {
        // Act
        var result = Call("string", [Null], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Empty(warnings);
    }

    [Fact]
    public void String_NamedArgument()
    {
        // Act
        var result = NamedCall.Invoke("string", ("from", N(2.5m)));

        // Assert
        Assert.Equal(S("2.5"), result);
    }
}
