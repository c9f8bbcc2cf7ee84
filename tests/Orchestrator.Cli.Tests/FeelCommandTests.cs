using System.CommandLine;
using System.Text;

namespace Orchestrator.Cli.Tests;

/// <summary>The whole <c>orchestrator feel</c> verb, from arguments to exit code, with in-memory streams.</summary>
public sealed class FeelCommandTests : IDisposable
{
    private static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2024, 3, 15, 10, 30, 0, TimeSpan.Zero));

    private readonly List<string> _files = [];

    public void Dispose()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    private static ParseResult Parse(params string[] args) =>
        OrchestratorCli.Parse(args, new CliConsole(TextReader.Null, Stream.Null, TextWriter.Null), Clock);

    private static async Task<(int Exit, string Output, string Error)> Run(string[] args, string stdin = "")
    {
        using var output = new MemoryStream();
        var error = new StringWriter();
        var exit = await OrchestratorCli.RunAsync(args, new CliConsole(new StringReader(stdin), output, error), Clock);
        return (exit, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    private string TempFile(string content)
    {
        var path = Path.GetTempFileName();
        _files.Add(path);
        File.WriteAllText(path, content);
        return path;
    }

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

    [Fact]
    public async Task Run_Expression_PrintsTheValueAsJson()
    {
        // Act
        var (exit, output, error) = await Run(["feel", "amount > 100 and customer.tier = \"VIP\"", "--context", """{"amount": 120, "customer": {"tier": "VIP"}}"""]);

        // Assert
        Assert.Equal(0, exit);
        Assert.Equal("true\n", output);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Bug_TemporalLiteralArgument_IsNotReadAsAResponseFile()
    {
        // Act: System.CommandLine reads "@name" as a response file unless told not to.
        var (exit, output, _) = await Run(["feel", "@\"P1Y2M\""]);

        // Assert
        Assert.Equal(0, exit);
        Assert.Equal("\"P1Y2M\"\n", output);
    }

    [Fact]
    public async Task Run_SyntaxError_ExplainsWithLineAndColumnAndExitsOne()
    {
        // Act
        var (exit, output, error) = await Run(["feel", "if x then\n 1 else"]);

        // Assert
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.StartsWith("syntax error at line 2, column ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithoutExpressionOrBatch_ExitsOneWithTheReason()
    {
        // Act
        var (exit, _, error) = await Run(["feel"]);

        // Assert
        Assert.Equal(1, exit);
        Assert.Contains("give either an expression or --batch FILE", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BatchFromStandardInput_AnswersEachLine()
    {
        // Arrange
        const string stdin = """
            {"id": "a", "expression": "x * 2", "context": {"x": 1.25}}
            {"id": "b", "expression": "upper case(s)", "context": {"s": "ok"}}
            """;

        // Act
        var (exit, output, error) = await Run(["feel", "--batch", "-"], stdin);

        // Assert
        Assert.Equal(0, exit);
        Assert.Equal("""
            {"id":"a","type":"number","value":2.5}
            {"id":"b","type":"string","value":"OK"}

            """.ReplaceLineEndings("\n"), output);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Run_BatchFromFile_AnswersEachLine()
    {
        // Arrange
        var file = TempFile("{\"id\": 1, \"expression\": \"[1, 2, 3][item > 1]\"}\n\n{\"id\": 2, \"expression\": \"count(xs)\", \"context\": {\"xs\": [1, 2]}}\n");

        // Act
        var (exit, output, _) = await Run(["feel", "--batch", file]);

        // Assert: the blank line gets no answer; numeric ids come back as numbers.
        Assert.Equal(0, exit);
        Assert.Equal("{\"id\":1,\"type\":\"list\",\"value\":[2,3]}\n{\"id\":2,\"type\":\"number\",\"value\":2}\n", output);
    }

    [Fact]
    public async Task Run_BatchFileMissing_ExitsOneWithoutAStackTrace()
    {
        // Arrange
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".jsonl");

        // Act
        var (exit, output, error) = await Run(["feel", "--batch", missing]);

        // Assert
        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.StartsWith("cannot read the batch file: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Help_DescribesTheOptions()
    {
        // Act
        var (exit, output, _) = await Run(["feel", "--help"]);

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains("--batch", output, StringComparison.Ordinal);
        Assert.Contains("--context", output, StringComparison.Ordinal);
    }
}
