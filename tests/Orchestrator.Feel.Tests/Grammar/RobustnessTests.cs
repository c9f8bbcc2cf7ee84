using System.Text;
using Orchestrator.Feel.Values;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Grammar;

public class RobustnessTests
{
    private static readonly string[] ValidExpressions =
    [
        "amount > 100 and customer.tier = \"VIP\"",
        "for i in 1..3, j in [1, 2] return i * j + partial[-1]",
        "{a: 1, b: function(x) x + a, c: b(2)}.c",
        "some x in [1, 2, 3] satisfies x > 2 or every y in [4] satisfies y = 4",
        "if [1, 2, 3][item > 1][1] between 1 and 5 then \"a\\n\\u00e9\" else @\"2020-01-01\"",
        "x instance of list<context<a: number>> and y in (< 5, [6..10), not(3))",
        "date and time(\"2020-01-01T10:00:00\").year + `odd-name` ** -2 / .5e1",
        "/* comment */ [(1..2], ]3..4[, > 5] // tail",
    ];

    private static readonly string Alphabet = "abcxyz019 .,:;()[]{}<>=!+-*/\"'`@?\\\n\tifthenelseforinreturnsomeeverysatisfiesandornotfunctionbetweeninstanceoftruefalsenull..**->é😀";

    [Fact]
    public void RandomInput_NeverThrows()
    {
        // Arrange
        var random = new Random(20240315);

        for (var n = 0; n < 5000; n++)
        {
            var length = random.Next(0, 60);
            var sb = new StringBuilder(length);
            for (var i = 0; i < length; i++)
            {
                sb.Append(Alphabet[random.Next(Alphabet.Length)]);
            }

            // Act + Assert
            AssertSafe(sb.ToString());
        }
    }

    [Fact]
    public void RandomTokenSequences_NeverThrow()
    {
        // Arrange
        string[] tokens = ["1", "x", "\"s\"", "(", ")", "[", "]", "{", "}", ",", ":", "..", ".", "+", "-", "*", "/", "**", "=", "!=", "<", ">=", "?",
            "if", "then", "else", "for", "in", "return", "some", "every", "satisfies", "and", "or", "not", "function", "between", "instance", "of",
            "list", "<", ">", "item", "partial", "null", "true", "@\"2020-01-01\""];
        var random = new Random(7);

        for (var n = 0; n < 5000; n++)
        {
            var count = random.Next(1, 25);
            var parts = new string[count];
            for (var i = 0; i < count; i++)
            {
                parts[i] = tokens[random.Next(tokens.Length)];
            }

            // Act + Assert
            AssertSafe(string.Join(' ', parts));
        }
    }

    [Fact]
    public void TruncatedValidExpressions_NeverThrow()
    {
        foreach (var expression in ValidExpressions)
        {
            for (var length = 0; length <= expression.Length; length++)
            {
                // Act + Assert
                AssertSafe(expression[..length]);
                AssertSafe(expression[length..]);
            }
        }
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("[", "]")]
    [InlineData("{a:", "}")]
    [InlineData("-", "")]
    [InlineData("not(", ")")]
    [InlineData("if true then ", " else 0")]
    [InlineData("f(", ")")]
    [InlineData("x in (", ")")]
    [InlineData("[1..", "]")]
    public void DeepNesting_IsSyntaxErrorNotStackOverflow(string open, string close)
    {
        // Arrange
        var expression = string.Concat(Enumerable.Repeat(open, 10_000)) + "1" + string.Concat(Enumerable.Repeat(close, 10_000));

        // Act
        var ok = Engine.TryParse(expression, out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.Equal("expression nests too deeply", error!.Message);
    }

    [Fact]
    public void Bug_ContextPutWithAPathOfThousandsOfKeysOverflowedTheStack()
    {
        // Act: the path was walked recursively, one frame per key, and built a context as deep as the path is long.
        var result = Evaluate("context put({}, for i in 1..100000 return \"a\", 1)");

        // Assert
        Assert.Equal("null", result.Value.ToString());
        Assert.Contains(result.Warnings, w => w.Message.Contains("longer than 1,000", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("(?:", ")")]
    [InlineData("[a-", "]")]
    public void Bug_PatternWithDeeplyNestedGroupsOverflowedTheStack(string open, string close)
    {
        // Arrange: the pattern's translation descends one frame per group or class subtraction.
        var pattern = string.Concat(Enumerable.Repeat(open, 20_000)) + "a" + string.Concat(Enumerable.Repeat(close, 20_000));

        // Act
        var result = Evaluate($"matches(\"a\", \"{pattern}\")");

        // Assert
        Assert.Equal("null", result.Value.ToString());
        Assert.Contains(result.Warnings, w => w.Message.Contains("nest more than 100 deep", StringComparison.Ordinal));
    }

    [Fact]
    public void DeepNesting_WithinLimit_Parses()
    {
        // Arrange
        var expression = new string('(', 50) + "1" + new string(')', 50);

        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal("1", result);
    }

    [Fact]
    public void LongFlatChains_DoNotNestTheTree()
    {
        // Arrange
        var sum = string.Join(" + ", Enumerable.Repeat("1", 20_000));
        var conjunction = string.Join(" and ", Enumerable.Repeat("true", 20_000));

        // Act
        var total = Show(sum);
        var all = Show(conjunction);

        // Assert
        Assert.Equal("20000", total);
        Assert.Equal("true", all);
    }

    [Fact]
    public void LongPathChain_IsLimited()
    {
        // Arrange
        var expression = "x" + string.Concat(Enumerable.Repeat(".a", 5_000));

        // Act
        var ok = Engine.TryParse(expression, out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.Equal("expression nests too deeply", error!.Message);
    }

    [Theory]
    [InlineData("\"unterminated")]
    [InlineData("\"ends with backslash\\")]
    [InlineData("/* never closed")]
    [InlineData("@\"2020-01-01")]
    [InlineData("@")]
    [InlineData("`")]
    [InlineData("99999999999999999999999999999999999999999")]
    [InlineData("1e100000000000000000000")]
    [InlineData("\"\\UFFFFFFFF\"")]
    [InlineData("\"\\U0000D800\"")]
    [InlineData("\0")]
    [InlineData("\uFFFF")]
    [InlineData("\uD800")]
    public void MalformedLiterals_AreSyntaxErrors(string expression)
    {
        // Act
        var ok = Engine.TryParse(expression, out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.NotNull(error);
    }

    [Fact]
    public void HugeInput_ParsesOrFailsQuickly()
    {
        // Arrange
        var list = "[" + string.Join(",", Enumerable.Range(0, 100_000)) + "]";

        // Act
        var value = Assert.IsType<FeelList>(Eval(list));

        // Assert
        Assert.Equal(100_000, value.Count);
    }

    [Fact]
    public void HugeRangeValue_IsFineUntilIterated()
    {
        // Act
        var inRange = Show("5 in [1..100000000000000]");

        // Assert
        Assert.Equal("true", inRange);
    }

    private static void AssertSafe(string expression)
    {
        var parsed = Engine.TryParse(expression, out var compiled, out var error);
        Assert.True(parsed ^ error is not null, expression);
        if (parsed)
        {
            var result = compiled!.Evaluate(C(("x", N(1)), ("y", L(N(1)))));
            Assert.NotNull(result.Value);
        }

        if (Engine.TryParseUnaryTests(expression, out var tests, out _))
        {
            Assert.NotNull(tests.Evaluate(N(1)).Value);
        }
        var evaluated = Engine.Evaluate(expression);
        Assert.NotNull(evaluated.Value);
    }
}
