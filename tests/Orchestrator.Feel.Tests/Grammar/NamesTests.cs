using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Functions;
using static Orchestrator.Feel.Tests.Support.Feel;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Tests.Grammar;

public class NamesTests
{
    [Fact]
    public void Variable_ResolvesFromScope()
    {
        // Arrange
        var scope = C(("amount", N(150)));

        // Act
        var value = Eval("amount", scope);

        // Assert
        Assert.Equal(N(150), value);
    }

    [Fact]
    public void Variable_WithSpaces_IsOneName()
    {
        // Arrange
        var scope = C(("order amount", N(150)));

        // Act
        var result = Show("order amount > 100 and order   amount < 200", scope);

        // Assert
        Assert.Equal("true", result);
    }

    [Fact]
    public void Variable_Missing_IsNullWithWarning()
    {
        // Act
        var result = Evaluate("missing");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(FeelWarningKind.NoVariableFound, warning.Kind);
        Assert.Contains("missing", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BacktickName_MayContainAnyCharacter()
    {
        // Arrange
        var scope = C(("name-with.dots", N(1)), ("a b", N(2)));

        // Act
        var result = Show("`name-with.dots` + `a b`", scope);

        // Assert
        Assert.Equal("3", result);
    }

    [Fact]
    public void NameWithApostrophe_IsOneName()
    {
        // Arrange
        var scope = C(("applicant's age", N(30)));

        // Act
        var result = Show("applicant's age", scope);

        // Assert
        Assert.Equal("30", result);
    }

    [Fact]
    public void Name_WithUnicodeLettersAndDigits_IsOneName()
    {
        // Arrange
        var scope = C(("größe2", N(7)), ("_x$", N(1)));

        // Act
        var result = Show("größe2 + _x$", scope);

        // Assert
        Assert.Equal("8", result);
    }

    [Fact]
    public void LocalBinding_ShadowsScopeVariable()
    {
        // Arrange
        var scope = C(("x", N(100)));

        // Act
        var result = Show("for x in [1, 2] return x", scope);

        // Assert
        Assert.Equal("[1, 2]", result);
    }

    [Fact]
    public void FunctionNameWithKeyword_IsMatchedAgainstRegistry()
    {
        // Arrange
        var engine = EngineWith("date and time", "get or else");

        // Act
        var result = engine.Evaluate("date and time(\"x\") + get or else(1)").Value;

        // Assert
        Assert.Equal(S("date and time:1get or else:1"), result);
    }

    [Fact]
    public void FunctionNameWithSpaces_NotRegistered_StillJoinsWords()
    {
        // Arrange
        var engine = EngineWith("string length");

        // Act
        var result = engine.Evaluate("string length(\"abc\")").Value;

        // Assert
        Assert.Equal(S("string length:1"), result);
    }

    [Fact]
    public void FunctionName_WithoutCall_IsFunctionValue()
    {
        // Arrange
        var engine = EngineWith("string length");

        // Act
        var result = engine.Evaluate("string length").Value;

        // Assert
        Assert.IsType<BuiltinFunction>(result);
    }

    [Fact]
    public void ContextKeyWithKeyword_IsKnownNameLaterInTheExpression()
    {
        // Act
        var result = Show("{rate and fee: 3, total: rate and fee * 2}.total");

        // Assert
        Assert.Equal("6", result);
    }

    [Fact]
    public void Keywords_EndAMultiWordName()
    {
        // Arrange
        var scope = C(("credit score", N(700)), ("limit", N(650)));

        // Act
        var result = Show("if credit score > limit then \"ok\" else \"no\"", scope);

        // Assert
        Assert.Equal("\"ok\"", result);
    }

    [Theory]
    [InlineData("{\"order-id\": 7, next: order-id + 1}.next", "8")]
    [InlineData("{\"a/b\": 6, r: a/b * 2}.r", "12")]
    [InlineData("{\"x.y\": 1, r: x.y}.r", "1")]
    [InlineData("{\"a+b\": 2, \"a*b\": 3, r: a+b + a*b}.r", "5")]
    [InlineData("{a: 10, b: 4, \"a-b2\": 0, r: a-b}.r", "6")]
    [InlineData("{f: function(item-count) item-count * 2, r: f(4)}.r", "8")]
    [InlineData("{f: function(item-count) item-count * 2, r: f(item-count: 5)}.r", "10")]
    [InlineData("{order-id: 3}.order-id", "3")]
    public void DeclaredNameWithSymbols_IsOneName(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Comment_BetweenWords_SeparatesNames()
    {
        // Act
        var ok = Engine.TryParse("a /* x */ b", out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.NotNull(error);
    }

    [Fact]
    public void ScopeFromHost_IsQueriedByFullName()
    {
        // Arrange
        var scope = new RecordingScope();

        // Act
        Eval("first name + last name", scope);

        // Assert
        Assert.Equal(["first name", "last name"], scope.Requested);
    }

    private static FeelEngine EngineWith(params string[] names)
    {
        var registry = new FeelFunctionRegistry();
        foreach (var name in names)
        {
            registry.Register(name, ["x"], (args, _) => S(name + ":1"));
        }

        return new FeelEngine(new FeelEngineOptions { Functions = registry, Clock = Clock });
    }

    private sealed class RecordingScope : IFeelScope
    {
        public List<string> Requested { get; } = [];

        public bool TryGetVariable(string name, out FeelValue value)
        {
            Requested.Add(name);
            value = S(name);
            return true;
        }
    }
}
