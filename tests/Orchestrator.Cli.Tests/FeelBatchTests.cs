using System.Text;
using System.Text.Json;
using Orchestrator.Cli.Commands;

namespace Orchestrator.Cli.Tests;

public class FeelBatchTests
{
    private static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2024, 3, 15, 10, 30, 0, TimeSpan.Zero));

    private static async Task<string[]> RunBatch(params string[] lines)
    {
        var evaluator = new FeelEvaluator(Clock);
        using var output = new MemoryStream();
        var exit = await evaluator.RunBatchAsync(new StringReader(string.Join("\n", lines)), output, CancellationToken.None);
        Assert.Equal(0, exit);
        return Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Theory]
    [InlineData("1 + 2", "number", "3")]
    [InlineData("1.50 * 1", "number", "1.5")]
    [InlineData("10 / 4", "number", "2.5")]
    [InlineData("12345678901234567890.123456789", "number", "12345678901234567890.123456789")]
    [InlineData("\"a\" + \"b\"", "string", "\"ab\"")]
    [InlineData("1 < 2", "boolean", "true")]
    [InlineData("null", "null", "null")]
    [InlineData("date(\"2019-01-01\")", "date", "\"2019-01-01\"")]
    [InlineData("time(\"10:30:00\")", "time", "\"10:30:00\"")]
    [InlineData("time(\"10:30:00+01:00\")", "time", "\"10:30:00+01:00\"")]
    [InlineData("time(\"10:30:00@Europe/Paris\")", "time", "\"10:30:00@Europe/Paris\"")]
    [InlineData("date and time(\"2019-01-01T10:30:00\")", "date and time", "\"2019-01-01T10:30:00\"")]
    [InlineData("date and time(\"2019-01-01T10:30:00+01:00\")", "date and time", "\"2019-01-01T10:30:00+01:00\"")]
    [InlineData("date and time(\"2019-01-01T10:30:00@Europe/Paris\")", "date and time", "\"2019-01-01T10:30:00@Europe/Paris\"")]
    [InlineData("duration(\"P1DT2H3M4S\")", "days and time duration", "\"P1DT2H3M4S\"")]
    [InlineData("-duration(\"PT1H\")", "days and time duration", "\"-PT1H\"")]
    [InlineData("duration(\"PT0S\")", "days and time duration", "\"PT0S\"")]
    [InlineData("duration(\"P1Y2M\")", "years and months duration", "\"P1Y2M\"")]
    [InlineData("duration(\"P0M\")", "years and months duration", "\"P0M\"")]
    [InlineData("@\"P1Y2M\"", "years and months duration", "\"P1Y2M\"")]
    [InlineData("@\"2019-01-01\"", "date", "\"2019-01-01\"")]
    [InlineData("@\"2019-01-01T10:30:00Z\"", "date and time", "\"2019-01-01T10:30:00Z\"")]
    [InlineData("duration(\"PT1.5S\")", "days and time duration", "\"PT1.5S\"")]
    [InlineData("\"line\\nbreak \\\"quoted\\\" 售后\"", "string", "\"line\\nbreak \\\"quoted\\\" 售后\"")]
    [InlineData("1 + \"a\"", "null", "null")]
    [InlineData("[1..2] = [1..2]", "boolean", "true")]
    [InlineData("[date(\"2019-01-01\")..date(\"2019-12-31\")]", "range", "{\"start\":\"2019-01-01\",\"end\":\"2019-12-31\",\"startIncluded\":true,\"endIncluded\":true}")]
    [InlineData("{f: function(a) a}.f", "function", "\"function\"")]
    [InlineData("[1, \"a\", [true]]", "list", "[1,\"a\",[true]]")]
    [InlineData("{a: 1, \"b c\": {d: null}}", "context", "{\"a\":1,\"b c\":{\"d\":null}}")]
    [InlineData("[1..10)", "range", "{\"start\":1,\"end\":10,\"startIncluded\":true,\"endIncluded\":false}")]
    [InlineData("> 5", "range", "{\"start\":5,\"end\":null,\"startIncluded\":false,\"endIncluded\":false}")]
    [InlineData("function(x) x", "function", "\"function\"")]
    public async Task Batch_RendersEachTypeAsSpecified(string expression, string type, string json)
    {
        // Act
        var line = (await RunBatch(JsonSerializer.Serialize(new { id = "t", expression }))).Single();

        // Assert
        Assert.Equal($"{{\"id\":\"t\",\"type\":\"{type}\",\"value\":{json}}}", line);
    }

    [Fact]
    public async Task Batch_KeepsOrderAndReportsBadLinesWithoutStopping()
    {
        // Arrange
        string[] input =
        [
            """{"id": "1", "expression": "x * 2", "context": {"x": 21}}""",
            """not json""",
            """{"id": "3", "expression": "1 +"}""",
            "",
            """{"id": "4"}""",
            """{"id": "5", "expression": "d + duration(\"P1D\")", "contextExpression": "{d: date(\"2020-02-28\")}"}""",
            """{"id": "6", "expression": "x", "context": {"x": 1}, "contextExpression": "{x: 2}"}""",
            """{"id": "7", "expression": "x", "contextExpression": "[1]"}""",
            """{"id": "8", "expression": "assert(1, false, \"no\")"}""",
            """{"id": "9", "expression": "now()"}""",
        ];

        // Act
        var lines = await RunBatch(input);

        // Assert: the parser's own words for the bad JSON line are not ours to pin down.
        Assert.StartsWith("""{"error":"the line is not valid JSON: """, lines[1], StringComparison.Ordinal);
        Assert.Equal(
        [
            """{"id":"1","type":"number","value":42}""",
            lines[1],
            """{"id":"3","error":"syntax error at line 1, column 4: expected an expression but found end of input"}""",
            """{"id":"4","error":"'expression' is missing or not a string"}""",
            """{"id":"5","type":"date","value":"2020-02-29"}""",
            """{"id":"6","type":"number","value":2}""",
            """{"id":"7","error":"contextExpression must evaluate to a context but gave list"}""",
            """{"id":"8","error":"assertion failed: no"}""",
            """{"id":"9","type":"date and time","value":"2024-03-15T10:30:00Z"}""",
        ], lines);
    }

    [Fact]
    public async Task Batch_OfAHundredThousandLines_AnswersEveryLineInOrder()
    {
        // Arrange
        var input = Enumerable.Range(0, 100_000)
            .Select(i => JsonSerializer.Serialize(new { id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), expression = "x + " + (i % 100), context = new { x = i } }))
            .ToArray();

        // Act
        var lines = await RunBatch(input);

        // Assert
        Assert.Equal(100_000, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.Equal($$"""{"id":"{{i}}","type":"number","value":{{i + (i % 100)}}}""", lines[i]);
        }
    }

    [Fact]
    public async Task Batch_MalformedRequests_EachGetTheirOwnError()
    {
        // Arrange
        string[] input =
        [
            """[1, 2]""",
            """{"id": "b", "expression": 42}""",
            """{"id": "c", "expression": "x", "context": [1]}""",
            """{"id": "d", "expression": "x", "context": "x = 1"}""",
            """{"id": "e", "expression": "x", "contextExpression": "{x: "}""",
            """{"id": "f", "expression": "x", "contextExpression": 1}""",
            """{"expression": "1"}""",
            """{"id": "h", "expression": "x", "context": null, "contextExpression": null}""",
        ];

        // Act
        var lines = await RunBatch(input);

        // Assert
        Assert.Equal(
        [
            """{"error":"the line must be a JSON object"}""",
            """{"id":"b","error":"'expression' is missing or not a string"}""",
            """{"id":"c","error":"the context must be a JSON object but is an array"}""",
            """{"id":"d","error":"the context must be a JSON object but is a string"}""",
            """{"id":"e","error":"contextExpression: syntax error at line 1, column 5: expected an expression but found end of input"}""",
            """{"id":"f","error":"'contextExpression' must be a string"}""",
            """{"type":"number","value":1}""",
            """{"id":"h","type":"null","value":null}""",
        ], lines);
    }

    [Fact]
    public async Task Batch_ContextExpression_SeesTheJsonContext()
    {
        // Act
        var line = (await RunBatch("""{"id": "1", "expression": "due - created", "context": {"created": "2024-03-01"}, "contextExpression": "{created: date(created), due: date(\"2024-03-15\")}"}""")).Single();

        // Assert
        Assert.Equal("""{"id":"1","type":"days and time duration","value":"P14D"}""", line);
    }

    [Fact]
    public async Task Bug_ValueTooDeepForJson_IsAnErrorLineAndTheBatchGoesOn()
    {
        // Arrange: recursion builds a list nested 999 deep, beyond what the JSON writer accepts inside the answer object.
        const string deep = "{f: function(n) if n = 0 then [] else [f(n - 1)]}.f(999)";

        // Act
        var lines = await RunBatch(
            JsonSerializer.Serialize(new { id = "deep", expression = deep }),
            JsonSerializer.Serialize(new { id = "next", expression = "1" }));

        // Assert
        Assert.StartsWith("""{"id":"deep","error":"the value cannot be written as JSON: """, lines[0], StringComparison.Ordinal);
        Assert.Equal("""{"id":"next","type":"number","value":1}""", lines[1]);
    }

    [Fact]
    public void Single_WritesTheValueAndExitsZero()
    {
        // Arrange
        var evaluator = new FeelEvaluator(Clock);
        using var output = new MemoryStream();
        var error = new StringWriter();

        // Act
        var exit = evaluator.EvaluateOne("amount > 100 and customer.tier = \"VIP\"", """{"amount": 120, "customer": {"tier": "VIP"}}""", output, error);

        // Assert
        Assert.Equal(0, exit);
        Assert.Equal("true\n", Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(string.Empty, error.ToString());
    }

    [Theory]
    [InlineData("1 +", null, "syntax error at line 1, column 4")]
    [InlineData("x", "[1]", "the context must be a JSON object")]
    [InlineData("x", "{bad", "the context is not valid JSON")]
    public void Single_WithBadInput_ExplainsOnStandardErrorAndExitsOne(string expression, string? context, string message)
    {
        // Arrange
        var evaluator = new FeelEvaluator(Clock);
        using var output = new MemoryStream();
        var error = new StringWriter();

        // Act
        var exit = evaluator.EvaluateOne(expression, context, output, error);

        // Assert
        Assert.Equal(1, exit);
        Assert.Equal(0, output.Length);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Single_WithAMissingVariable_PrintsNullAndWarns()
    {
        // Arrange
        var evaluator = new FeelEvaluator(Clock);
        using var output = new MemoryStream();
        var error = new StringWriter();

        // Act
        var exit = evaluator.EvaluateOne("missing", null, output, error);

        // Assert
        Assert.Equal(0, exit);
        Assert.Equal("null\n", Encoding.UTF8.GetString(output.ToArray()));
        Assert.Contains("NoVariableFound", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Single_ValueTooDeepForJson_ExplainsAndExitsOne()
    {
        // Arrange
        var evaluator = new FeelEvaluator(Clock);
        using var output = new MemoryStream();
        var error = new StringWriter();

        // Act
        var exit = evaluator.EvaluateOne("[{f: function(n) if n = 0 then [] else [f(n - 1)]}.f(999)]", null, output, error);

        // Assert
        Assert.Equal(1, exit);
        Assert.Equal(0, output.Length);
        Assert.StartsWith("the value cannot be written as JSON: ", error.ToString(), StringComparison.Ordinal);
    }
}
