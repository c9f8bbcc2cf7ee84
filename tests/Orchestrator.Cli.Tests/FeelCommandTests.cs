using System.CommandLine;
using Orchestrator.Cli.Commands;

namespace Orchestrator.Cli.Tests;

public class FeelCommandTests
{
    private static ParseResult Parse(params string[] args) => new RootCommand { FeelCommand.Create() }.Parse(args);

    [Fact]
    public void Parse_ExpressionWithContext_IsAccepted()
    {
        // Act
        var result = Parse("feel", "x + 1", "--context", "{\"x\": 1}");

        // Assert
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Parse_Batch_IsAccepted()
    {
        // Act
        var result = Parse("feel", "--batch", "-");

        // Assert
        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("feel")]
    [InlineData("feel", "1", "--batch", "-")]
    [InlineData("feel", "--batch", "-", "--context", "{}")]
    public void Parse_WrongCombination_IsRefusedWithAReason(params string[] args)
    {
        // Act
        var result = Parse(args);

        // Assert
        Assert.NotEmpty(result.Errors);
    }
}
