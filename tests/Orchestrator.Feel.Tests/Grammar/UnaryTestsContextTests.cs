using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Grammar;

/// <summary>Unary tests evaluated in a caller's context, and the constants they and expressions fold at parse time.</summary>
public class UnaryTestsContextTests
{
    public static TheoryData<string, FeelValue> Cases()
    {
        string[] tests =
        [
            "-", "\"a\", \"b\"", "not(\"a\")", "> 100", "<= 5", "!= 5", "[0..30]", "(0..30]", "]1..10[", "[1, 2, 5]", "< 3, > 7",
            "< 10, \"a\"", "not([1..5])", "true", "null", "not(null)", "[\"a\"..\"m\"]", "@\"2024-01-01\"", "< limit", "allowed",
            "? > 3", "date(\"2024-01-01\")", "[1..\"a\"]", "[1..limit]",
        ];
        FeelValue[] inputs = [N(5), N(100.5m), S("a"), S("dog"), B(true), Null, Call("date", S("2024-01-01")), L(N(1))];
        var data = new TheoryData<string, FeelValue>();
        foreach (var test in tests)
        {
            foreach (var input in inputs)
            {
                data.Add(test, input);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void InCallersContext_GivesTheValueAndWarningsOfItsOwn(string tests, FeelValue input)
    {
        // Arrange
        var unary = Engine.ParseUnaryTests(tests);
        var scope = C(("limit", N(100)), ("allowed", L(S("a"), S("b"))));
        var context = new FeelEvaluationContext(Clock, Engine.Functions);

        // Act
        var alone = unary.Evaluate(input, scope);
        var shared = unary.Evaluate(input, scope, context);

        // Assert
        Assert.Same(alone.Value, shared);
        Assert.Equal(alone.Warnings, context.Warnings);
    }

    [Theory]
    [InlineData("-", true)]
    [InlineData("\"a\", \"b\"", true)]
    [InlineData("not(\"x\")", true)]
    [InlineData("> 100", true)]
    [InlineData("[0..30]", true)]
    [InlineData("[1, 2]", true)]
    [InlineData("< 10, \"a\"", true)]
    [InlineData("< limit", false)]
    [InlineData("[1..limit]", false)]
    [InlineData("? > 3", false)]
    [InlineData("date(\"2024-01-01\")", false)]
    [InlineData("[1..\"a\"]", false)]
    public void ReadsInputOnly_WhenTheTestsCompareWithConstants(string tests, bool expected)
    {
        // Act
        var unary = Engine.ParseUnaryTests(tests);

        // Assert
        Assert.Equal(expected, unary.ReadsInputOnly);
    }

    [Theory]
    [InlineData("-", true)]
    [InlineData("", true)]
    [InlineData("not(-)", false)]
    [InlineData("\"-\"", false)]
    [InlineData("null", false)]
    public void AcceptsAnyInput_OnlyForTheDash(string tests, bool expected)
    {
        // Act
        var ok = Engine.TryParseUnaryTests(tests, out var unary, out _);

        // Assert
        Assert.Equal(expected, ok && unary!.AcceptsAnyInput);
    }

    [Fact]
    public void SharedContext_CollectsTheWarningsOfEveryEvaluation()
    {
        // Arrange
        var context = new FeelEvaluationContext(Clock, Engine.Functions);

        // Act
        var first = Engine.ParseUnaryTests("> 100").Evaluate(S("a"), null, context);
        var second = Engine.ParseUnaryTests("\"a\"").Evaluate(N(1), null, context);

        // Assert
        Assert.Same(FeelNull.Instance, first);
        Assert.Same(FeelNull.Instance, second);
        Assert.Equal(2, context.Warnings.Count);
        Assert.All(context.Warnings, warning => Assert.Equal(FeelWarningKind.NotComparable, warning.Kind));
    }

    [Theory]
    [InlineData("\"full refund\"", "\"full refund\"")]
    [InlineData("100", "100")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("null", "null")]
    [InlineData("[1, \"a\"]", "[1, \"a\"]")]
    [InlineData("[1..10)", "[1..10)")]
    [InlineData("@\"2024-01-01\"", "2024-01-01")]
    public void Constant_OfALiteralListOrRange_IsItsValue(string expression, string expected)
    {
        // Act
        var parsed = Engine.Parse(expression);

        // Assert
        Assert.NotNull(parsed.Constant);
        Assert.Equal(expected, Render(parsed.Constant));
        Assert.Equal(parsed.Evaluate().Value, parsed.Constant);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("1 + 2")]
    [InlineData("today()")]
    [InlineData("[1, x]")]
    [InlineData("[1..\"a\"]")]
    public void Constant_IsNull_WhenTheExpressionReadsComputesOrWarns(string expression)
    {
        // Act
        var parsed = Engine.Parse(expression);

        // Assert
        Assert.Null(parsed.Constant);
    }
}
