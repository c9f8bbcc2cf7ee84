using CsCheck;
using Orchestrator.Feel;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;
using Orchestrator.Fuzz.Tests.Support;

namespace Orchestrator.Fuzz.Tests.Feel;

/// <summary>
/// FEEL never crashes, hangs or overflows the stack: parsing gives an expression or a syntax error with a line and column
/// inside the text; evaluation gives a value (null with warnings when it fails) within the budget; the value renders as
/// JSON or is refused with the documented <see cref="InvalidOperationException"/> (nested more than 1,000 levels deep).
/// </summary>
public sealed class FeelFuzzTests
{
    /// <summary>Longer than the step limit allows an evaluation to run (a few seconds), so only a real hang fails.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    private static readonly FeelEngine Engine = new(new FeelEngineOptions { Clock = new FixedClock(new DateTimeOffset(2024, 3, 15, 10, 30, 0, TimeSpan.Zero)) });

    private static readonly FeelContext Variables = (FeelContext)FeelJson.FromJson(FeelGrammar.VariablesJson);

    private static readonly Gen<string> Mutated =
        Gen.Select(Gen.Int[0, FeelCorpus.Expressions.Count - 1], Gen.Int[0, FeelCorpus.Expressions.Count - 1], TextMutation.Gen.Array[1, 4],
            (text, donor, edits) => TextMutation.Apply(FeelCorpus.Expressions[text], edits, FeelCorpus.Expressions[donor]));

    [Fact]
    public Task GeneratedExpressions_ParseAndEvaluateSafely() =>
        Fuzzer.Check(nameof(GeneratedExpressions_ParseAndEvaluateSafely), FeelGrammar.Expression, 2_000, Budget, ParsesAndEvaluatesSafely, text => text);

    [Fact]
    public Task MutatedExpressions_ParseAndEvaluateSafely() =>
        Fuzzer.Check(nameof(MutatedExpressions_ParseAndEvaluateSafely), Mutated, 2_000, Budget, ParsesAndEvaluatesSafely, text => text);

    [Fact]
    public Task GeneratedUnaryTests_ParseAndEvaluateSafely() =>
        Fuzzer.Check(nameof(GeneratedUnaryTests_ParseAndEvaluateSafely), Gen.Select(FeelGrammar.UnaryTests, FeelGrammar.Expression), 600, Budget,
            ((string Tests, string Input) c) => UnaryTestsEvaluateSafely(c.Tests, c.Input), c => $"{c.Item1}    with input    {c.Item2}");

    [Fact]
    public void Corpus_IsLargeEnoughToMutate()
    {
        // Act
        var count = FeelCorpus.Expressions.Count;

        // Assert: the FEEL tests hold well over a thousand expressions; far fewer means the extraction broke.
        Assert.True(count > 1_000, $"only {count} expressions found to mutate");
    }

    private static void ParsesAndEvaluatesSafely(string text)
    {
        FeelExpression expression;
        try
        {
            expression = Engine.Parse(text);
        }
        catch (FeelSyntaxException ex)
        {
            AssertInside(text, ex.Error);
            return;
        }

        var result = expression.Evaluate(Variables);
        Assert.NotNull(result.Value);
        AssertRenders(result.Value);
    }

    private static void UnaryTestsEvaluateSafely(string tests, string input)
    {
        var value = Engine.Evaluate(input, Variables).Value;
        FeelUnaryTests parsed;
        try
        {
            parsed = Engine.ParseUnaryTests(tests);
        }
        catch (FeelSyntaxException ex)
        {
            AssertInside(tests, ex.Error);
            return;
        }

        var result = parsed.Evaluate(value, Variables);
        Assert.True(result.Value is FeelBoolean or FeelNull, $"unary tests gave {result.Value.TypeName} '{result.Value}'");
    }

    private static void AssertInside(string text, FeelSyntaxError error)
    {
        var lines = text.Split('\n');
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.InRange(error.Line, 1, lines.Length);
        Assert.InRange(error.Column, 1, lines[error.Line - 1].Length + 1);
    }

    private static void AssertRenders(FeelValue value)
    {
        try
        {
            Assert.NotNull(FeelJson.ToJsonString(value));
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("depth", StringComparison.Ordinal))
        {
            // Documented: a value nested more than 1,000 levels deep is refused.
        }
    }
}
