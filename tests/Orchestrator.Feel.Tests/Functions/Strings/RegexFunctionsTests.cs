using Orchestrator.Feel.Evaluation;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Functions.Strings;

public class RegexFunctionsTests
{
    private const string Smiley = "\U0001F600";

    [Theory]
    [InlineData("foobar", "^fo*b", true)]
    [InlineData("foobar", "^fo*bar", true)]
    [InlineData("foobar", "ob", true)]
    [InlineData("foobar", "^ob", false)]
    [InlineData("foobar", "bar$", true)]
    [InlineData("abracadabra", "^a.*a$", true)]
    [InlineData("abracadabra", "^bra", false)]
    [InlineData("abcd", "(ab)|(a)", true)]
    public void Matches_FindsThePatternAnywhere(string input, string pattern, bool expected)
    {
        // Act
        var result = Call("matches", S(input), S(pattern));

        // Assert
        Assert.Equal(B(expected), result);
    }

    [Theory]
    [InlineData("abc\n", "abc$", "", false)]
    [InlineData("abc\n", "abc$", "m", true)]
    [InlineData("abc", "abc$", "", true)]
    [InlineData("a\nb", "^b", "", false)]
    [InlineData("a\nb", "^b", "m", true)]
    [InlineData("a\nb", "a.b", "", false)]
    [InlineData("a\rb", "a.b", "", false)]
    [InlineData("a\nb", "a.b", "s", true)]
    [InlineData("FooBar", "foobar", "", false)]
    [InlineData("FooBar", "foobar", "i", true)]
    [InlineData("abc", "a b c", "x", true)]
    [InlineData("a b", "a[ ]b", "x", true)]
    [InlineData("abc", "a b c", "", false)]
    [InlineData("a.c", "a.c", "q", true)]
    [InlineData("abc", "a.c", "q", false)]
    [InlineData("A.C", "a.c", "qi", true)]
    [InlineData("a\nb", "^b$", "sm", true)]
    public void Matches_Flags(string input, string pattern, string flags, bool expected)
    {
        // Act
        var result = Call("matches", S(input), S(pattern), S(flags));

        // Assert
        Assert.Equal(B(expected), result);
    }

    [Theory]
    [InlineData("e", "^[a-z-[aeiou]]$", false)]
    [InlineData("x", "^[a-z-[aeiou]]$", true)]
    [InlineData("u", "^[a-z-[aeiou-[u]]]$", true)]
    [InlineData("A", "^[^a-z-[A]]$", false)]
    [InlineData("B", "^[^a-z-[A]]$", true)]
    [InlineData("-", "^[a-]$", true)]
    [InlineData("-", "^[-a]$", true)]
    [InlineData("^", "^[a^]$", true)]
    [InlineData("b", "^[^a]$", true)]
    [InlineData("a", "^[^a]$", false)]
    [InlineData("abc", "^\\p{IsBasicLatin}+$", true)]
    [InlineData("\u00e9", "^\\p{IsBasicLatin}$", false)]
    [InlineData("\u00e9", "^\\P{IsBasicLatin}$", true)]
    [InlineData("Ab", "^\\p{Lu}\\p{Ll}$", true)]
    [InlineData("A", "^\\p{L}$", true)]
    [InlineData("1", "^\\P{L}$", true)]
    [InlineData("1", "^\\D$", false)]
    [InlineData("x", "^\\D$", true)]
    [InlineData("\u0663", "^\\d$", true)]
    public void Matches_CharacterClasses(string input, string pattern, bool expected)
    {
        // Act
        var result = Call("matches", S(input), S(pattern));

        // Assert
        Assert.Equal(B(expected), result);
    }

    [Theory]
    [InlineData("_", "^\\w$", false)]
    [InlineData("+", "^\\w$", true)]
    [InlineData("a", "^\\w$", true)]
    [InlineData("!", "^\\W$", true)]
    [InlineData("\u00a0", "\\s", false)]
    [InlineData("\u00a0", "^\\S$", true)]
    [InlineData(" \t\r\n", "^\\s+$", true)]
    [InlineData("x1", "^\\i\\c*$", true)]
    [InlineData("1x", "^\\i", false)]
    [InlineData("1", "^\\I$", true)]
    [InlineData(" ", "^\\C$", true)]
    [InlineData("a.b", "^a\\.b$", true)]
    [InlineData("a$", "^a\\$$", true)]
    public void Matches_XmlSchemaEscapesDifferFromDotNet(string input, string pattern, bool expected)
    {
        // Act
        var result = Call("matches", S(input), S(pattern));

        // Assert
        Assert.Equal(B(expected), result);
    }

    [Theory]
    [InlineData(Smiley, "^.$", true)]
    [InlineData(Smiley, "^..$", false)]
    [InlineData("a" + Smiley + "b", "^a[^x]b$", true)]
    [InlineData("a" + Smiley + "b", "^a[^x][^x]b$", false)]
    [InlineData(Smiley + Smiley, "^" + Smiley + "{2}$", true)]
    [InlineData(Smiley, "^[\U0001F600-\U0001F64F]$", true)]
    [InlineData("\U0001F650", "^[\U0001F600-\U0001F64F]$", false)]
    [InlineData("\U0001F650", "^[^\U0001F600-\U0001F64F]$", true)]
    [InlineData(Smiley, "^\\S$", true)]
    [InlineData(Smiley, "^\\w$", true)]
    [InlineData(Smiley, "^\\W$", false)]
    [InlineData(Smiley, "^\\P{L}$", true)]
    [InlineData(Smiley, "^[a-z\\w]$", true)]
    [InlineData("\U00010000", "^\\i$", true)]
    public void Matches_CountsCodePoints(string input, string pattern, bool expected)
    {
        // Act
        var result = Call("matches", S(input), S(pattern));

        // Assert
        Assert.Equal(B(expected), result);
    }

    [Theory]
    [InlineData("abab", "^(ab)\\1$", true)]
    [InlineData("abba", "^(ab)\\1$", false)]
    [InlineData("aa", "^(?:a)(a)\\1?$", true)]
    [InlineData("aaa", "^a{2,3}?$", true)]
    [InlineData("aaaa", "^a{2,3}$", false)]
    [InlineData("aaaa", "^a{2,}$", true)]
    [InlineData("", "^$", true)]
    [InlineData("a", "^(a|)$", true)]
    public void Matches_XPathAdditions(string input, string pattern, bool expected)
    {
        // Act
        var result = Call("matches", S(input), S(pattern));

        // Assert
        Assert.Equal(B(expected), result);
    }

    [Theory]
    [InlineData("(?=a)")]
    [InlineData("(?<n>a)")]
    [InlineData("(?i)a")]
    [InlineData("a{")]
    [InlineData("a{,3}")]
    [InlineData("a{3,2}")]
    [InlineData("a**")]
    [InlineData("*a")]
    [InlineData("^*")]
    [InlineData("a]")]
    [InlineData("a}")]
    [InlineData("(a")]
    [InlineData("a)")]
    [InlineData("[a")]
    [InlineData("[]")]
    [InlineData("[b-a]")]
    [InlineData("[a-c-e]")]
    [InlineData("[a[b]]")]
    [InlineData("\\x41")]
    [InlineData("\\bword")]
    [InlineData("\\Aa")]
    [InlineData("\\z")]
    [InlineData("\\0")]
    [InlineData("\\1(a)")]
    [InlineData("(a\\1)")]
    [InlineData("\\p{Foo}")]
    [InlineData("\\p{IsNoSuchBlock}")]
    [InlineData("[\\d-z]")]
    [InlineData("a\\")]
    public void Matches_PatternXmlSchemaForbids_IsNullWithWarning(string pattern)
    {
        // Act
        var result = Call("matches", [S("a"), S(pattern)], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        var warning = Assert.Single(warnings);
        Assert.Equal(FeelWarningKind.FunctionInvocationFailure, warning.Kind);
        Assert.Contains("invalid regular expression", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_UnknownFlag_IsNullWithWarning()
    {
        // Act
        var result = Call("matches", [S("a"), S("a"), S("g")], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Contains("flag 'g'", warnings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_CatastrophicPattern_TimesOutWithWarning()
    {
        // Arrange: (a+)+$ backtracks exponentially on a run of a's that ends in something else.
        var input = new string('a', 30) + "b";

        // Act
        var result = Call("matches", [S(input), S("(a+)+$")], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Contains("abandoned", warnings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_NamedArguments()
    {
        // Act
        var result = NamedCall.Invoke("matches", ("flags", S("i")), ("pattern", S("^FOO")), ("input", S("foobar")));

        // Assert
        Assert.Equal(B(true), result);
    }

    [Theory]
    [InlineData("abcd", "(ab)|(a)", "[1=$1][2=$2]", "[1=ab][2=]cd")]
    [InlineData("0123456789", "(\\d{3})(\\d{3})(\\d{4})", "($1) $2-$3", "(012) 345-6789")]
    [InlineData("a", "[b-z]", "#", "a")]
    [InlineData("a", "[a-z]", "#", "#")]
    [InlineData("abc", "def", "#", "abc")]
    [InlineData("foobar", "^fo*b*", "#", "#ar")]
    [InlineData("abc", ".^[d-z]", "#", "abc")]
    [InlineData("abracadabra", "bra", "*", "a*cada*")]
    [InlineData("abracadabra", "a.*a", "*", "*")]
    [InlineData("abracadabra", "a.*?a", "*", "*c*bra")]
    [InlineData("abracadabra", "a", "", "brcdbr")]
    [InlineData("abracadabra", "a(.)", "a$1$1", "abbraccaddabbra")]
    [InlineData("AAAA", "A+", "b", "b")]
    [InlineData("AAAA", "A+?", "b", "bbbb")]
    [InlineData("darted", "^(.*?)d(.*)$", "$1c$2", "carted")]
    [InlineData("abc", "b", "\\$", "a$c")]
    [InlineData("abc", "b", "\\\\", "a\\c")]
    [InlineData("abc", "b", "$0$0", "abbc")]
    [InlineData("abc", "b", "$1", "ac")]
    [InlineData("abc", "(b)", "$12", "ab2c")]
    [InlineData("a" + Smiley + "b", ".", "x", "xxx")]
    public void Replace_XPathSemantics(string input, string pattern, string replacement, string expected)
    {
        // Act
        var result = Call("replace", S(input), S(pattern), S(replacement));

        // Assert
        Assert.Equal(S(expected), result);
    }

    [Theory]
    [InlineData("Abc", "a", "x", "i", "xbc")]
    [InlineData("a.b.c", ".", "$", "q", "a$b$c")]
    [InlineData("a\nb", "^b", "x", "m", "a\nx")]
    [InlineData("a\nb", "a.b", "x", "s", "x")]
    public void Replace_Flags(string input, string pattern, string replacement, string flags, string expected)
    {
        // Act
        var result = Call("replace", S(input), S(pattern), S(replacement), S(flags));

        // Assert
        Assert.Equal(S(expected), result);
    }

    [Theory]
    [InlineData("x*")]
    [InlineData("^")]
    [InlineData("a?")]
    [InlineData(".*?")]
    public void Replace_PatternMatchingTheEmptyString_IsNullWithWarning(string pattern)
    {
        // Act
        var result = Call("replace", [S("abc"), S(pattern), S("-")], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Contains("FORX0003", warnings.Single().Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$")]
    [InlineData("a$b")]
    [InlineData("\\n")]
    [InlineData("x\\")]
    public void Replace_MalformedReplacement_IsNullWithWarning(string replacement)
    {
        // Act
        var result = Call("replace", [S("abc"), S("b"), S(replacement)], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Contains("invalid replacement", warnings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replace_NamedArguments()
    {
        // Act
        var result = NamedCall.Invoke(
            "replace",
            ("input", S("Hello")),
            ("pattern", S("l+")),
            ("replacement", S("L")),
            ("flags", S("")));

        // Assert
        Assert.Equal(S("HeLo"), result);
    }

    [Fact]
    public void Replace_CatastrophicPattern_TimesOutWithWarning()
    {
        // Act
        var result = Call("replace", [S(new string('a', 30) + "b"), S("(a+)+$"), S("x")], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Contains("abandoned", warnings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_SpecExamples()
    {
        // Act + Assert
        Assert.Equal(L(S("John"), S("Doe")), Call("split", S("John Doe"), S("\\s")));
        Assert.Equal(L(S("a"), S("b"), S("c"), S(""), S("")), Call("split", S("a;b;c;;"), S(";")));
    }

    [Fact]
    public void Split_DelimiterWithGroups_DoesNotReturnTheGroups()
    {
        // Act
        var result = Call("split", S("a1b22c"), S("([0-9])+"));

        // Assert
        Assert.Equal(L(S("a"), S("b"), S("c")), result);
    }

    [Fact]
    public void Split_LeadingDelimiter_GivesAnEmptyFirstItem()
    {
        // Act
        var result = Call("split", S(",a"), S(","));

        // Assert
        Assert.Equal(L(S(""), S("a")), result);
    }

    [Fact]
    public void Split_DelimiterMatchingTheEmptyString_IsNullWithWarning()
    {
        // Act
        var result = Call("split", [S("abc"), S("x*")], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Contains("FORX0003", warnings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_NamedArguments()
    {
        // Act
        var result = NamedCall.Invoke("split", ("string", S("a-b")), ("delimiter", S("-")));

        // Assert
        Assert.Equal(L(S("a"), S("b")), result);
    }

    [Fact]
    public void Extract_ReturnsAllMatches()
    {
        // Act
        var result = Call("extract", S("references are 1234, 1256, 1378"), S("12[0-9]*"));

        // Assert
        Assert.Equal(L(S("1234"), S("1256")), result);
    }

    [Fact]
    public void Extract_NoMatch_IsEmptyList()
    {
        // Act
        var result = Call("extract", S("abc"), S("[0-9]+"));

        // Assert
        Assert.Equal(L(), result);
    }

    [Fact]
    public void Extract_NamedArguments_AcceptsStringOrInput()
    {
        // Act
        var byString = NamedCall.Invoke("extract", ("string", S("a1b2")), ("pattern", S("[0-9]")));
        var byInput = NamedCall.Invoke("extract", ("input", S("a1b2")), ("pattern", S("[0-9]")));

        // Assert
        Assert.Equal(L(S("1"), S("2")), byString);
        Assert.Equal(L(S("1"), S("2")), byInput);
    }

    [Theory]
    [InlineData("matches")]
    [InlineData("split")]
    [InlineData("extract")]
    public void RegexFunctions_NullArguments_AreNullWithWarning(string function)
    {
        // Act
        var nullInput = Call(function, [Null, S("a")], out var inputWarnings);
        var nullPattern = Call(function, [S("a"), Null], out var patternWarnings);

        // Assert
        Assert.Equal(Null, nullInput);
        Assert.Equal(Null, nullPattern);
        Assert.Contains("expected string", inputWarnings.Single().Message, StringComparison.Ordinal);
        Assert.Contains("expected string", patternWarnings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replace_NonStringReplacement_IsNullWithWarning()
    {
        // Act
        var result = Call("replace", [S("abc"), S("b"), N(1)], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Single(warnings);
    }

    [Fact]
    public void Matches_SamePatternTwice_GivesTheSameAnswer()
    {
        // Act: the second call takes the compiled pattern from the cache.
        var first = Call("matches", S("x-1"), S("^[a-z]-\\d$"));
        var second = Call("matches", S("y-2"), S("^[a-z]-\\d$"));

        // Assert
        Assert.Equal(B(true), first);
        Assert.Equal(B(true), second);
    }
}
