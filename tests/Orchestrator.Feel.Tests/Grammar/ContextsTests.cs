using Orchestrator.Feel.Values;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Grammar;

public class ContextsTests
{
    [Theory]
    [InlineData("{}", "{}")]
    [InlineData("{a: 1}", "{a:1}")]
    [InlineData("{a: 1, b: a + 1}", "{a:1, b:2}")]
    [InlineData("{a: 1, b: a + 1}.b", "2")]
    [InlineData("{\"b c\": 1, d: `b c` * 2}", "{b c:1, d:2}")]
    [InlineData("{first name: \"Ann\", greeting: \"Hi \" + first name}.greeting", "\"Hi Ann\"")]
    [InlineData("{a: {b: {c: 3}}}.a.b.c", "3")]
    [InlineData("{a: 1, a: 2}.a", "2")]
    [InlineData("{if: 1, then: 2}.then", "2")]
    [InlineData("{a: [1, 2], b: a[2]}.b", "2")]
    [InlineData("{x: 1, y: {x: 2, z: x}}.y.z", "2")]
    [InlineData("{x: 1, y: {z: x}}.y.z", "1")]
    public void ContextLiteral_EntriesSeeEarlierEntries(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void ContextLiteral_KeepsEntryOrder()
    {
        // Act
        var context = Assert.IsType<FeelContext>(Eval("{z: 1, a: 2, m: 3}"));

        // Assert
        Assert.Equal(["z", "a", "m"], context.Keys);
    }

    [Fact]
    public void ContextLiteral_EntryShadowsScopeVariable()
    {
        // Arrange
        var scope = C(("a", N(10)));

        // Act
        var result = Show("{a: 1, b: a}.b + a", scope);

        // Assert
        Assert.Equal("11", result);
    }

    [Fact]
    public void ContextLiteral_FunctionEntry_CanRecurseThroughContext()
    {
        // Act
        var result = Show("{fact: function(n) if n <= 1 then 1 else n * fact(n - 1), r: fact(5)}.r");

        // Assert
        Assert.Equal("120", result);
    }

    [Fact]
    public void ContextLiteral_QualifiedInvocation()
    {
        // Act
        var result = Show("{calc: {add: function(a, b) a + b}}.calc.add(2, 3)");

        // Assert
        Assert.Equal("5", result);
    }
}
