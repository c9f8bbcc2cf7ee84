using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Grammar;

public class InstanceOfTests
{
    [Theory]
    [InlineData("1 instance of number", "true")]
    [InlineData("\"a\" instance of number", "false")]
    [InlineData("\"a\" instance of string", "true")]
    [InlineData("true instance of boolean", "true")]
    [InlineData("[1] instance of list", "true")]
    [InlineData("{} instance of context", "true")]
    [InlineData("[1..2] instance of range", "true")]
    [InlineData("(function() 1) instance of function", "true")]
    [InlineData("null instance of Null", "true")]
    [InlineData("null instance of number", "false")]
    [InlineData("null instance of Any", "false")]
    [InlineData("1 instance of Any", "true")]
    [InlineData("[1, 2] instance of list<number>", "true")]
    [InlineData("[1, \"a\"] instance of list<number>", "false")]
    [InlineData("[] instance of list<string>", "true")]
    [InlineData("[[1]] instance of list<list<number>>", "true")]
    [InlineData("{a: 1, b: \"x\"} instance of context<a: number>", "true")]
    [InlineData("{a: 1, b: \"x\"} instance of context<a: number, b: number>", "false")]
    [InlineData("{a: 1} instance of context<a: number, c: string>", "false")]
    [InlineData("[1..2] instance of range<number>", "true")]
    [InlineData("[\"a\"..\"b\"] instance of range<number>", "false")]
    [InlineData("(function(a) a) instance of function<number>->number", "true")]
    [InlineData("(function(a) a) instance of function<number, number>->number", "false")]
    [InlineData("1 instance of number and true", "true")]
    [InlineData("1 + 1 instance of number", "true")]
    public void InstanceOf_ChecksType(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void InstanceOf_MultiWordTypeNames_Parse()
    {
        // Act
        var ok = Engine.TryParse("x instance of date and time or x instance of years and months duration or x instance of days and time duration", out _, out var error);

        // Assert
        Assert.True(ok, error?.ToString());
    }

    [Fact]
    public void InstanceOf_UnknownType_IsSyntaxError()
    {
        // Act
        var ok = Engine.TryParse("1 instance of integer", out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.Equal("unknown type 'integer'", error!.Message);
    }
}
