using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Grammar;

public class FiltersTests
{
    [Theory]
    [InlineData("[1, 2, 3, 4][item > 2]", "[3, 4]")]
    [InlineData("[1, 2, 3, 4][item > 10]", "[]")]
    [InlineData("[1, 2, 3, 4][1]", "1")]
    [InlineData("[1, 2, 3, 4][4]", "4")]
    [InlineData("[1, 2, 3, 4][-1]", "4")]
    [InlineData("[1, 2, 3, 4][-4]", "1")]
    [InlineData("[1, 2, 3, 4][5]", "null")]
    [InlineData("[1, 2, 3, 4][0]", "null")]
    [InlineData("[1, 2, 3, 4][-5]", "null")]
    [InlineData("[][item > 1]", "[]")]
    [InlineData("[][1]", "null")]
    [InlineData("[1, 2, 3][1 + 1]", "2")]
    [InlineData("[1, null, 3][item > 1]", "[3]")]
    [InlineData("[1, \"a\", 3][item > 1]", "[3]")]
    [InlineData("[[1, 2], [3]][1][2]", "2")]
    [InlineData("[true, false, true][item]", "[true, true]")]
    [InlineData("[1, 2, 3][item != 2]", "[1, 3]")]
    public void Filter_ByConditionOrIndex(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Filter_ContextItems_SeeTheirEntries()
    {
        // Act
        var result = Show("[{x: 1, y: 2}, {x: 2, y: 3}][x > 1 and item.y = 3]");

        // Assert
        Assert.Equal("[{x:2, y:3}]", result);
    }

    [Fact]
    public void Filter_IndexFromVariable()
    {
        // Arrange
        var scope = C(("i", N(2)), ("list", L(S("a"), S("b"))));

        // Act
        var result = Show("list[i]", scope);

        // Assert
        Assert.Equal("\"b\"", result);
    }

    [Theory]
    [InlineData("5[1]", "5")]
    [InlineData("5[item > 3]", "[5]")]
    [InlineData("5[item > 6]", "[]")]
    [InlineData("\"a\"[1]", "\"a\"")]
    [InlineData("null[1]", "null")]
    public void Filter_OnNonList_TreatsValueAsSingletonList(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Filter_OuterVariablesStayVisible()
    {
        // Arrange
        var scope = C(("min", N(2)));

        // Act
        var result = Show("[1, 2, 3][item >= min]", scope);

        // Assert
        Assert.Equal("[2, 3]", result);
    }
}
