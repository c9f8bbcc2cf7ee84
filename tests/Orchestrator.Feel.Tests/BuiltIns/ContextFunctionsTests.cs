using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.BuiltIns;

public class ContextFunctionsTests
{
    [Theory]
    [InlineData("get value({key1: \"value1\"}, \"key1\")", "\"value1\"")]
    [InlineData("get value({key1: \"value1\"}, \"unexistent-key\")", "null")]
    [InlineData("get value({a: {b: 1}}, [\"a\", \"b\"])", "1")]
    [InlineData("get value({a: {b: 1}}, [\"a\", \"x\"])", "null")]
    [InlineData("get value(m: {\"full name\": 1}, key: \"full name\")", "1")]
    [InlineData("get entries({key1: \"value1\", key2: \"value2\"})", "[{key:\"key1\", value:\"value1\"}, {key:\"key2\", value:\"value2\"}]")]
    [InlineData("get entries({})", "[]")]
    [InlineData("context put({x: 1}, \"y\", 2)", "{x:1, y:2}")]
    [InlineData("context put({x: 1, y: 0}, \"y\", 2)", "{x:1, y:2}")]
    [InlineData("context put({x: 1, y: {z: 0}}, [\"y\", \"z\"], 2)", "{x:1, y:{z:2}}")]
    [InlineData("context put({x: 1}, [\"y\", \"z\"], 2)", "{x:1, y:{z:2}}")]
    [InlineData("context put({x: 1}, [], 2)", "null")]
    [InlineData("context merge([{x: 1}, {y: 2}])", "{x:1, y:2}")]
    [InlineData("context merge([{x: 1, y: 0}, {y: 2}])", "{x:1, y:2}")]
    [InlineData("context merge([{x: 1}, 2])", "null")]
    [InlineData("context([{key: \"a\", value: 1}, {key: \"b\", value: 2}])", "{a:1, b:2}")]
    [InlineData("context([{key: \"a\", value: 1}, {key: \"a\", value: 2}])", "{a:2}")]
    [InlineData("context([{key: 1, value: 1}])", "null")]
    [InlineData("context([{value: 1}])", "null")]
    [InlineData("context(get entries({a: 1, b: [2]}))", "{a:1, b:[2]}")]
    [InlineData("get value(\"not a context\", \"a\")", "null")]
    public void Function_GivesTheSpecResult(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }
}
