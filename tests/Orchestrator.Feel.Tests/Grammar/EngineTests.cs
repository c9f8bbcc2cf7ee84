using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Functions;
using Orchestrator.Feel.Values;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Grammar;

public class EngineTests
{
    [Fact]
    public void Expression_EvaluatesConcurrently()
    {
        // Arrange
        var expression = Engine.Parse("for i in 1..50 return {x: i, y: if i > 25 then missing else i * factor}.y");
        var failures = 0;

        // Act
        Parallel.For(0, 200, n =>
        {
            var result = expression.Evaluate(C(("factor", N(n))));
            var list = (FeelList)result.Value;
            if (!list[1].Equals(N(2 * n)) || list[30] is not FeelNull || result.Warnings.Count != 25)
            {
                Interlocked.Increment(ref failures);
            }
        });

        // Assert
        Assert.Equal(0, failures);
    }

    [Fact]
    public void Parse_ConcurrentlyFromManyThreads()
    {
        // Arrange
        var engine = new FeelEngine(new FeelEngineOptions { CacheSize = 50 });

        // Act
        var results = new FeelValue[500];
        Parallel.For(0, results.Length, n => results[n] = engine.Evaluate($"{n % 100} + 1").Value);

        // Assert
        for (var n = 0; n < results.Length; n++)
        {
            Assert.Equal(N((n % 100) + 1), results[n]);
        }
    }

    [Fact]
    public void NestingAtTheLimit_ParsesAndEvaluates()
    {
        // Arrange
        var engine = new FeelEngine();
        var depth = engine.Options.MaxNestingDepth - 1;
        var expression = new string('[', depth) + "1" + new string(']', depth);

        // Act
        var result = engine.Evaluate(expression);

        // Assert
        Assert.IsType<FeelList>(result.Value);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void MaxNestingDepth_IsConfigurable()
    {
        // Arrange
        var engine = new FeelEngine(new FeelEngineOptions { MaxNestingDepth = 5 });

        // Act
        var shallow = engine.TryParse("((1))", out _, out _);
        var deep = engine.TryParse("((((((1))))))", out _, out var error);

        // Assert
        Assert.True(shallow);
        Assert.False(deep);
        Assert.Equal("expression nests too deeply", error!.Message);
    }

    [Fact]
    public void FunctionsRegisteredAfterEngineCreation_AreRecognisedAsNames()
    {
        // Arrange
        var registry = new FeelFunctionRegistry();
        var engine = new FeelEngine(new FeelEngineOptions { Functions = registry });
        engine.Parse("1");
        registry.Register("is or not", ["x"], (args, _) => args[0]);

        // Act
        var value = engine.Evaluate("is or not(5)").Value;

        // Assert
        Assert.Equal(N(5), value);
    }

    [Fact]
    public void Clock_ComesFromOptions()
    {
        // Arrange
        var registry = new FeelFunctionRegistry();
        registry.Register("now year", [], (_, context) => N(context.Clock.GetUtcNow().Year));
        var engine = new FeelEngine(new FeelEngineOptions { Functions = registry, Clock = Clock });

        // Act
        var value = engine.Evaluate("now year()").Value;

        // Assert
        Assert.Equal(N(2024), value);
    }

    [Fact]
    public void Warnings_AreCappedForRunawayEvaluations()
    {
        // Act
        var result = Evaluate("for i in 1..1000 return missing");

        // Assert
        Assert.Equal(100, result.Warnings.Count);
        Assert.All(result.Warnings, w => Assert.Equal(FeelWarningKind.NoVariableFound, w.Kind));
    }

    [Fact]
    public void Default_HasRangeConversion()
    {
        // Act
        var value = FeelEngine.Default.Evaluate("range(\"(1..5]\")").Value;

        // Assert
        Assert.Equal(new FeelRange(N(1), false, N(5), true), value);
    }

    [Theory]
    [InlineData("range(\"1 + 2\")")]
    [InlineData("range(\"[1..\")")]
    [InlineData("range(5)")]
    [InlineData("range(\"[x..5]\")")]
    public void RangeConversion_Invalid_IsNullWithWarning(string expression)
    {
        // Act
        var result = FeelEngine.Default.Evaluate(expression);

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.NotEmpty(result.Warnings);
    }

    [Fact]
    public void Emoji_OutsideStrings_IsSyntaxError()
    {
        // Act
        var ok = Engine.TryParse("1 + 😀", out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.StartsWith("unexpected character", error!.Message, StringComparison.Ordinal);
    }
}
