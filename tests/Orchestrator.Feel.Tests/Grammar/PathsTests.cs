using Orchestrator.Feel.Evaluation;
using static Orchestrator.Feel.Tests.Support.Feel;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Tests.Grammar;

public class PathsTests
{
    [Fact]
    public void Path_ReadsContextEntry()
    {
        // Arrange
        var scope = C(("customer", C(("tier", S("VIP")), ("address", C(("city", S("Berlin")))))));

        // Act
        var result = Show("customer.address.city", scope);

        // Assert
        Assert.Equal("\"Berlin\"", result);
    }

    [Fact]
    public void Path_OnContextLiteral()
    {
        // Act
        var result = Show("{a: 1, b: {c: 2}}.b.c");

        // Assert
        Assert.Equal("2", result);
    }

    [Fact]
    public void Path_KeyWithSpaces()
    {
        // Act
        var result = Show("{\"monthly income\": 3000}.monthly income");

        // Assert
        Assert.Equal("3000", result);
    }

    [Fact]
    public void Path_MissingEntry_IsNullWithWarning()
    {
        // Act
        var result = Evaluate("{a: 1}.b");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Equal(FeelWarningKind.NoContextEntryFound, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void Path_OnNull_IsNullWithWarning()
    {
        // Act
        var result = Evaluate("null.a");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Equal(FeelWarningKind.NoContextEntryFound, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void Path_OnMissingVariable_WarnsOnlyAboutTheVariable()
    {
        // Act
        var result = Evaluate("customer.address.city");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Equal(FeelWarningKind.NoVariableFound, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void Path_OnList_ProjectsEachItem()
    {
        // Act
        var result = Show("[{a: 1}, {a: 2}, {a: 3}].a");

        // Assert
        Assert.Equal("[1, 2, 3]", result);
    }

    [Fact]
    public void Path_OnRange_ReadsProperties()
    {
        // Act
        var result = Show("[[1..10).start, [1..10).end, [1..10).start included, [1..10).end included, (< 5).start]");

        // Assert
        Assert.Equal("[1, 10, true, false, null]", result);
    }

    [Fact]
    public void Path_UnknownPropertyOfNumber_IsNullWithWarning()
    {
        // Act
        var result = Evaluate("5.a");

        // Assert
        Assert.Same(FeelNull.Instance, result.Value);
        Assert.Equal(FeelWarningKind.NoPropertyFound, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void Path_BacktickKey()
    {
        // Act
        var result = Show("{`a-b`: 1}.`a-b`");

        // Assert
        Assert.Equal("1", result);
    }

    [Fact]
    public void Path_ThenFilterThenPath()
    {
        // Arrange
        var scope = C(("order", C(("items", L(C(("sku", S("A")), ("qty", N(2))), C(("sku", S("B")), ("qty", N(5))))))));

        // Act
        var result = Show("order.items[qty > 3].sku", scope);

        // Assert
        Assert.Equal("[\"B\"]", result);
    }
}
