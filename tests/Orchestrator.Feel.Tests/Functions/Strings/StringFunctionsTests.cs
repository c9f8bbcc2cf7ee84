using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Functions.Strings;

public class StringFunctionsTests
{
    // U+1F40E (horse), one code point but two UTF-16 units.
    private const string Horse = "\U0001F40E";

    [Theory]
    [InlineData("foobar", 3, "obar")]
    [InlineData("foobar", -2, "ar")]
    [InlineData("foobar", 1, "foobar")]
    [InlineData("foobar", -6, "foobar")]
    [InlineData("foobar", 6, "r")]
    [InlineData("foobar", 7, "")]
    [InlineData(Horse + "ab", 2, "ab")]
    [InlineData("a" + Horse + "b", -2, Horse + "b")]
    public void Substring_StartPosition_CountsCodePointsFromOneOrFromTheEnd(string text, int start, string expected)
    {
        // Act
        var result = Call("substring", S(text), N(start));

        // Assert
        Assert.Equal(S(expected), result);
    }

    [Theory]
    [InlineData("foobar", 3, 3, "oba")]
    [InlineData("foobar", -2, 1, "a")]
    [InlineData("foobar", -3, 2, "ba")]
    [InlineData("foobar", 3, 10, "obar")]
    [InlineData("foobar", 1, 6, "foobar")]
    [InlineData("foob r", -2, 1, " ")]
    [InlineData("foobar", 2, 0, "")]
    [InlineData(Horse + Horse + "x", 2, 1, Horse)]
    [InlineData("a" + Horse + "b", 1, 2, "a" + Horse)]
    public void Substring_WithLength_TakesThatManyCodePoints(string text, int start, int length, string expected)
    {
        // Act
        var result = Call("substring", S(text), N(start), N(length));

        // Assert
        Assert.Equal(S(expected), result);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(-7)]
    public void Substring_StartOutsideTheString_IsNullWithWarning(int start)
    {
        // Act
        var result = Call("substring", [S("foobar"), N(start)], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Contains(warnings, w => w.Kind == FeelWarningKind.FunctionInvocationFailure && w.Message.Contains("start position", StringComparison.Ordinal));
    }

    [Fact]
    public void Substring_NegativeLength_IsNullWithWarning()
    {
        // Act
        var result = Call("substring", [S("foobar"), N(2), N(-1)], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Single(warnings);
    }

    [Fact]
    public void Substring_FractionalStart_IsNullWithWarning()
    {
        // Act
        var result = Call("substring", [S("foobar"), N(1.5m)], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Contains("whole number", warnings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Substring_NamedArguments_InAnyOrder()
    {
        // Act
        var two = NamedCall.Invoke("substring", ("string", S("foobar")), ("start position", N(3)));
        var three = NamedCall.Invoke("substring", ("length", N(2)), ("start position", N(3)), ("string", S("foobar")));

        // Assert
        Assert.Equal(S("obar"), two);
        Assert.Equal(S("ob"), three);
    }

    [Theory]
    [InlineData("foo", 3)]
    [InlineData("", 0)]
    [InlineData(Horse + "ab", 3)]
    [InlineData(Horse + Horse, 2)]
    [InlineData("e\u0301", 2)]
    public void StringLength_CountsCodePoints(string text, int expected)
    {
        // Act
        var result = Call("string length", S(text));

        // Assert
        Assert.Equal(N(expected), result);
    }

    [Fact]
    public void UpperCase_SpecExample()
    {
        // Act
        var result = Call("upper case", S("aBc4"));

        // Assert
        Assert.Equal(S("ABC4"), result);
    }

    [Fact]
    public void LowerCase_SpecExample()
    {
        // Act
        var result = Call("lower case", S("aBc4"));

        // Assert
        Assert.Equal(S("abc4"), result);
    }

    [Fact]
    public void UpperCase_IsCultureInvariant()
    {
        // Act: the Turkish culture would turn "i" into a dotted capital I.
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("tr-TR");
        FeelValue result;
        try
        {
            result = Call("upper case", S("i"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }

        // Assert
        Assert.Equal(S("I"), result);
    }

    [Theory]
    [InlineData("foobar", "bar", "foo")]
    [InlineData("foobar", "o", "f")]
    [InlineData("foobar", "xyz", "")]
    [InlineData("foobar", "", "")]
    [InlineData("foobar", "foo", "")]
    public void SubstringBefore_ReturnsTextBeforeTheFirstMatch(string text, string match, string expected)
    {
        // Act
        var result = Call("substring before", S(text), S(match));

        // Assert
        Assert.Equal(S(expected), result);
    }

    [Theory]
    [InlineData("foobar", "ob", "ar")]
    [InlineData("", "a", "")]
    [InlineData("foobar", "xyz", "")]
    [InlineData("foobar", "", "foobar")]
    [InlineData("foobar", "bar", "")]
    public void SubstringAfter_ReturnsTextAfterTheFirstMatch(string text, string match, string expected)
    {
        // Act
        var result = Call("substring after", S(text), S(match));

        // Assert
        Assert.Equal(S(expected), result);
    }

    [Theory]
    [InlineData("contains", "foobar", "of", false)]
    [InlineData("contains", "foobar", "ob", true)]
    [InlineData("contains", "foobar", "", true)]
    [InlineData("contains", "Foobar", "foo", false)]
    [InlineData("starts with", "foobar", "fo", true)]
    [InlineData("starts with", "foobar", "ob", false)]
    [InlineData("ends with", "foobar", "r", true)]
    [InlineData("ends with", "foobar", "o", false)]
    public void ContainsStartsEnds_AreOrdinal(string function, string text, string match, bool expected)
    {
        // Act
        var result = Call(function, S(text), S(match));

        // Assert
        Assert.Equal(B(expected), result);
    }

    [Fact]
    public void StartsWith_NamedArguments()
    {
        // Act
        var result = NamedCall.Invoke("starts with", ("string", S("foobar")), ("match", S("foo")));

        // Assert
        Assert.Equal(B(true), result);
    }

    [Fact]
    public void StringJoin_SpecExamples()
    {
        // Act + Assert
        Assert.Equal(S("a, b, c"), Call("string join", L(S("a"), S("b"), S("c")), S(", ")));
        Assert.Equal(S("a_and_b_and_c"), Call("string join", L(S("a"), S("b"), S("c")), S("_and_")));
        Assert.Equal(S("abc"), Call("string join", L(S("a"), S("b"), S("c")), S("")));
        Assert.Equal(S("abc"), Call("string join", L(S("a"), S("b"), S("c")), Null));
        Assert.Equal(S("a"), Call("string join", L(S("a")), S("X")));
        Assert.Equal(S("aXc"), Call("string join", L(S("a"), Null, S("c")), S("X")));
        Assert.Equal(S(""), Call("string join", L(), S("X")));
        Assert.Equal(S("abc"), Call("string join", L(S("a"), S("b"), S("c"))));
    }

    [Fact]
    public void StringJoin_PrefixAndSuffix()
    {
        // Act
        var result = Call("string join", L(S("a"), S("b"), S("c")), S(", "), S("["), S("]"));
        var noDelimiter = Call("string join", L(S("a"), S("b")), Null, S("<"), S(">"));
        var empty = Call("string join", L(), S(", "), S("["), S("]"));

        // Assert
        Assert.Equal(S("[a, b, c]"), result);
        Assert.Equal(S("<ab>"), noDelimiter);
        Assert.Equal(S("[]"), empty);
    }

    [Fact]
    public void StringJoin_NonStringItem_IsNullWithWarning()
    {
        // Act
        var result = Call("string join", [L(S("a"), N(1)), S(", ")], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Contains("list of strings", warnings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StringJoin_NamedArguments()
    {
        // Act
        var result = NamedCall.Invoke("string join", ("delimiter", S("-")), ("list", L(S("x"), S("y"))));

        // Assert
        Assert.Equal(S("x-y"), result);
    }

    [Theory]
    [InlineData("  hello  ", "hello")]
    [InlineData("\t\nhello world\r\n", "hello world")]
    [InlineData("", "")]
    public void Trim_RemovesLeadingAndTrailingWhitespace(string text, string expected)
    {
        // Act
        var result = Call("trim", S(text));

        // Assert
        Assert.Equal(S(expected), result);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("  \t\n", true)]
    [InlineData(" a ", false)]
    public void IsBlank_TrueForEmptyOrWhitespace(string text, bool expected)
    {
        // Act
        var result = Call("is blank", S(text));

        // Assert
        Assert.Equal(B(expected), result);
    }

    [Theory]
    [InlineData("FEEL", "RkVFTA==")]
    [InlineData("", "")]
    [InlineData("\u00e4", "w6Q=")]
    public void ToBase64_EncodesUtf8(string text, string expected)
    {
        // Act
        var result = Call("to base64", S(text));

        // Assert
        Assert.Equal(S(expected), result);
    }

    [Fact]
    public void Uuid_IsAFreshVersion7Uuid()
    {
        // Act
        var first = Assert.IsType<FeelString>(Call("uuid"));
        var second = Assert.IsType<FeelString>(Call("uuid"));

        // Assert
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", first.Value);
        Assert.NotEqual(first.Value, second.Value);
    }

    [Theory]
    [InlineData("string length")]
    [InlineData("upper case")]
    [InlineData("lower case")]
    [InlineData("trim")]
    [InlineData("is blank")]
    [InlineData("to base64")]
    public void SingleStringFunctions_NullOrNumber_IsNullWithWarning(string function)
    {
        // Act
        var fromNull = Call(function, [Null], out var nullWarnings);
        var fromNumber = Call(function, [N(1)], out var numberWarnings);

        // Assert
        Assert.Equal(Null, fromNull);
        Assert.Equal(Null, fromNumber);
        Assert.Contains("expected string", nullWarnings.Single().Message, StringComparison.Ordinal);
        Assert.Contains("expected string", numberWarnings.Single().Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("substring before")]
    [InlineData("substring after")]
    [InlineData("contains")]
    [InlineData("starts with")]
    [InlineData("ends with")]
    public void TwoStringFunctions_WrongTypes_AreNullWithWarning(string function)
    {
        // Act
        var first = Call(function, [Null, S("a")], out var firstWarnings);
        var second = Call(function, [S("a"), L(S("a"))], out var secondWarnings);

        // Assert
        Assert.Equal(Null, first);
        Assert.Equal(Null, second);
        Assert.Single(firstWarnings);
        Assert.Single(secondWarnings);
    }

    [Fact]
    public void Substring_WrongArity_IsNoFunctionFound()
    {
        // Act
        var result = Call("substring", [S("a")], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Equal(FeelWarningKind.NoFunctionFound, warnings.Single().Kind);
    }
}
