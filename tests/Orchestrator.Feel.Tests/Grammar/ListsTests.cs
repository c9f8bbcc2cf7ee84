using Orchestrator.Feel.Values;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Grammar;

public class ListsTests
{
    [Theory]
    [InlineData("[]", "[]")]
    [InlineData("[1]", "[1]")]
    [InlineData("[1, \"a\", true, null]", "[1, \"a\", true, null]")]
    [InlineData("[[1, 2], [3]]", "[[1, 2], [3]]")]
    [InlineData("[1 + 1, 2 * 3]", "[2, 6]")]
    [InlineData("[{a: 1}]", "[{a:1}]")]
    [InlineData("[< 5, > 10]", "[(null..5), (10..null)]")]
    public void ListLiteral_EvaluatesItems(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void EmptyList_IsShared()
    {
        // Act
        var value = Eval("[]");

        // Assert
        Assert.Same(FeelList.Empty, value);
    }

    [Fact]
    public void ListLiteral_UnclosedIsSyntaxError()
    {
        // Act
        var ok = Engine.TryParse("[1, 2", out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.Equal("expected ',' or ']' but found end of input", error!.Message);
    }
}
