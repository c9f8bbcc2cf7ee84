using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Grammar;

public class ConditionalsTests
{
    [Theory]
    [InlineData("if true then 1 else 2", "1")]
    [InlineData("if false then 1 else 2", "2")]
    [InlineData("if null then 1 else 2", "2")]
    [InlineData("if 5 then 1 else 2", "2")]
    [InlineData("if \"true\" then 1 else 2", "2")]
    [InlineData("if 1 > 0 and 2 > 1 then \"yes\" else \"no\"", "\"yes\"")]
    [InlineData("if false then 1 else if true then 2 else 3", "2")]
    [InlineData("if true then if false then 1 else 2 else 3", "2")]
    [InlineData("(if true then 1 else 2) + 10", "11")]
    [InlineData("if true then 1 else 2 + 10", "1")]
    [InlineData("[if true then 1 else 2, 3]", "[1, 3]")]
    [InlineData("1 + if true then 1 else 2", "2")]
    public void If_ChoosesBranch(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void If_EvaluatesOnlyTheChosenBranch()
    {
        // Act
        var result = Evaluate("if true then 1 else missing");

        // Assert
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void If_NonBooleanCondition_WarnsAndTakesElse()
    {
        // Act
        var result = Evaluate("if 5 then 1 else 2");

        // Assert
        Assert.Equal("2", result.Value.ToString());
        Assert.Equal(Evaluation.FeelWarningKind.InvalidType, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void If_WithVariables()
    {
        // Arrange
        var scope = C(("amount", N(1200)), ("tier", S("VIP")));

        // Act
        var result = Show("if amount > 1000 and tier = \"VIP\" then \"director\" else \"agent\"", scope);

        // Assert
        Assert.Equal("\"director\"", result);
    }
}
