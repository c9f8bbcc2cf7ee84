using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Functions;
using Orchestrator.Feel.Values;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Grammar;

public class FunctionsTests
{
    [Theory]
    [InlineData("(function(a, b) a + b)(1, 2)", "3")]
    [InlineData("(function() 42)()", "42")]
    [InlineData("{f: function(a, b) a - b}.f(b: 1, a: 5)", "4")]
    [InlineData("{f: function(a, b) a - b, r: f(b: 1, a: 5)}.r", "4")]
    [InlineData("{f: function(a, b) [a, b], r: f(b: 1)}.r", "[null, 1]")]
    [InlineData("{f: function(x: number, y: string) y + string(x)}.f", "function anonymous")]
    [InlineData("{add: function(x) function(y) x + y, add2: add(2), r: add2(3)}.r", "5")]
    [InlineData("{twice: function(f, x) f(f(x)), r: twice(function(n) n * 3, 2)}.r", "18")]
    [InlineData("{f: function(first name) \"Hi \" + first name, r: f(\"Ann\")}.r", "\"Hi Ann\"")]
    [InlineData("{f: function(first name) \"Hi \" + first name, r: f(first name: \"Bo\")}.r", "\"Hi Bo\"")]
    public void UserFunctions_DefineAndInvoke(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Closure_SeesVariablesOfItsDefinition()
    {
        // Arrange
        var scope = C(("rate", N(0.2m)));

        // Act
        var result = Show("{tax: function(amount) amount * rate, r: tax(100)}.r", scope);

        // Assert
        Assert.Equal("20", result);
    }

    [Fact]
    public void UserFunction_WrongArgumentCount_IsNullWithWarning()
    {
        // Act
        var result = Evaluate("(function(a) a)(1, 2)");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Equal(FeelWarningKind.FunctionInvocationFailure, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void UserFunction_UnknownNamedParameter_IsNullWithWarning()
    {
        // Act
        var result = Evaluate("(function(a) a)(b: 1)");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Equal(FeelWarningKind.FunctionInvocationFailure, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void UnboundedRecursion_StopsWithLimitWarning()
    {
        // Act
        var result = Evaluate("{f: function(n) f(n + 1), r: f(1)}.r");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Contains(result.Warnings, w => w.Kind == FeelWarningKind.LimitExceeded);
    }

    [Fact]
    public void UnboundedRecursion_InArithmetic_StopsWithBoundedWarnings()
    {
        // Act
        var result = Evaluate("{f: function(n) 1 + f(n + 1), r: f(1)}.r");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.InRange(result.Warnings.Count, 1, 100);
    }

    [Fact]
    public void DeepButBoundedRecursion_Works()
    {
        // Act
        var result = Show("{sum: function(n) if n = 0 then 0 else n + sum(n - 1), r: sum(500)}.r");

        // Assert
        Assert.Equal("125250", result);
    }

    [Fact]
    public void UnknownFunction_IsNullWithWarning()
    {
        // Act
        var result = Evaluate("no such thing(1)");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Equal(FeelWarningKind.NoFunctionFound, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void InvokingNonFunction_IsNullWithWarning()
    {
        // Act
        var result = Evaluate("{a: 1}.a(2)");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Equal(FeelWarningKind.InvalidType, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void Builtin_PositionalAndNamedArguments()
    {
        // Arrange
        var engine = EngineWith(r => r.Register("minus", ["a", "b"], (args, _) => N(((FeelNumber)args[0]).Value - ((FeelNumber)args[1]).Value)));

        // Act
        var positional = engine.Evaluate("minus(10, 3)").Value;
        var named = engine.Evaluate("minus(b: 3, a: 10)").Value;

        // Assert
        Assert.Equal(N(7), positional);
        Assert.Equal(N(7), named);
    }

    [Fact]
    public void Builtin_NamedParameterWithSpaces()
    {
        // Arrange
        var engine = EngineWith(r => r.Register("sub", ["string", "start position"], (args, _) => S(((FeelString)args[0]).Value[(int)((FeelNumber)args[1]).Value..])));

        // Act
        var value = engine.Evaluate("sub(start position: 2, string: \"abcd\")").Value;

        // Assert
        Assert.Equal(S("cd"), value);
    }

    [Fact]
    public void Builtin_PassedAsValue_CanBeCalledByUserFunction()
    {
        // Arrange
        var engine = EngineWith(r => r.Register("double", ["x"], (args, _) => N(((FeelNumber)args[0]).Value * 2)));

        // Act
        var value = engine.Evaluate("{apply: function(f, v) f(v), r: apply(double, 21)}.r").Value;

        // Assert
        Assert.Equal(N(42), value);
    }

    [Fact]
    public void LocalFunction_ShadowsBuiltin_ButNonFunctionVariableDoesNot()
    {
        // Arrange
        var engine = EngineWith(r => r.Register("double", ["x"], (args, _) => N(((FeelNumber)args[0]).Value * 2)));

        // Act
        var shadowed = engine.Evaluate("{double: function(x) x * 3, r: double(2)}.r").Value;
        var notShadowed = engine.Evaluate("double(2)", C(("double", N(1)))).Value;

        // Assert
        Assert.Equal(N(6), shadowed);
        Assert.Equal(N(4), notShadowed);
    }

    [Fact]
    public void ThrowingHostFunction_BecomesNullWithWarning()
    {
        // Arrange
        var engine = EngineWith(r => r.Register("boom", [], (_, _) => throw new NotSupportedException("boom")));

        // Act
        var result = engine.Evaluate("boom()");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Single(result.Warnings);
    }

    [Fact]
    public void FunctionDefinition_DuplicateParameter_IsSyntaxError()
    {
        // Act
        var ok = Engine.TryParse("function(a, a) a", out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.Contains("twice", error!.Message, StringComparison.Ordinal);
    }

    private static FeelEngine EngineWith(Action<FeelFunctionRegistry> register)
    {
        var registry = new FeelFunctionRegistry();
        register(registry);
        return new FeelEngine(new FeelEngineOptions { Functions = registry, Clock = Clock });
    }
}
