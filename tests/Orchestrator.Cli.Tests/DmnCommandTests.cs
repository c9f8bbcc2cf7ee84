using System.Text;

namespace Orchestrator.Cli.Tests;

/// <summary>The <c>orchestrator dmn --batch</c>, <c>decide</c> and <c>validate</c> verbs on DMN models, from arguments to exit code.</summary>
public sealed class DmnCommandTests : IDisposable
{
    private static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2024, 3, 15, 10, 30, 0, TimeSpan.Zero));

    private const string Refund = """
        <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="refund-drg" name="Refund" namespace="https://example.com/refund">
          <decision id="route" name="Refund route">
            <decisionTable id="table" hitPolicy="UNIQUE">
              <input id="in" label="Amount"><inputExpression typeRef="number"><text>amount</text></inputExpression></input>
              <output id="out" name="route" typeRef="string" />
              <rule id="small"><inputEntry><text>&lt; 100</text></inputEntry><outputEntry><text>"instant"</text></outputEntry></rule>
              <rule id="large"><inputEntry><text>&gt;= 100</text></inputEntry><outputEntry><text>"review"</text></outputEntry></rule>
              <rule id="huge"><inputEntry><text>&gt;= 1000</text></inputEntry><outputEntry><text>"director"</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """;

    private readonly List<string> _files = [];

    public void Dispose()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    private static async Task<(int Exit, string Output, string Error)> Run(string[] args, string stdin = "")
    {
        using var output = new MemoryStream();
        var error = new StringWriter();
        var exit = await OrchestratorCli.RunAsync(args, new CliConsole(new StringReader(stdin), output, error), Clock);
        return (exit, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    private string Model(string xml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"refund-{Guid.NewGuid():N}.dmn");
        _files.Add(path);
        File.WriteAllText(path, xml);
        return path;
    }

    [Fact]
    public async Task A_batch_answers_each_line_in_order_with_a_value_or_an_error()
    {
        var model = Model(Refund).Replace("\\", "\\\\", StringComparison.Ordinal);
        var lines = string.Join('\n',
            $$$"""{"id": 1, "models": ["{{{model}}}"], "decision": "Refund route", "context": {"amount": 20}}""",
            $$"""{"id": 2, "models": ["{{model}}"], "model": "https://example.com/refund", "decision": "route", "contextExpression": "{amount: 150}"}""",
            $$$"""{"id": 3, "models": ["{{{model}}}"], "decision": "route", "context": {"amount": 5000}}""",
            $$"""{"id": 4, "models": ["{{model}}"], "decision": "nope"}""",
            """{"id": 5, "decision": "route"}""",
            "not json");

        var (exit, output, _) = await Run(["dmn", "--batch", "-"], lines);

        Assert.Equal(0, exit);
        var answers = output.TrimEnd('\n').Split('\n');
        Assert.Equal("""{"id":1,"type":"string","value":"instant"}""", answers[0]);
        Assert.Equal("""{"id":2,"type":"string","value":"review"}""", answers[1]);
        Assert.StartsWith("""{"id":3,"error":"decision 'Refund route': rules 2 (large) and 3 (huge) both match""", answers[2], StringComparison.Ordinal);
        Assert.StartsWith("""{"id":4,"error":"no decision, decision service or business knowledge model 'nope'""", answers[3], StringComparison.Ordinal);
        Assert.Equal("""{"id":5,"error":"'models' must be a non-empty array of file paths"}""", answers[4]);
        Assert.StartsWith("""{"error":"the line is not valid JSON""", answers[5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_prints_the_value_and_fails_with_the_reason()
    {
        var model = Model(Refund);

        var ok = await Run(["decide", model, "route", "--context", """{"amount": 20}"""]);
        var failed = await Run(["decide", model, "route", "--context", """{"amount": 5000}"""]);

        Assert.Equal((0, "\"instant\"\n"), (ok.Exit, ok.Output));
        Assert.Equal(1, failed.Exit);
        Assert.Contains("rules 2 (large) and 3 (huge) both match", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_names_each_problem_of_a_dmn_file_with_line_and_element()
    {
        var broken = Model(Refund.Replace("hitPolicy=\"UNIQUE\"", "hitPolicy=\"SOMETIMES\"", StringComparison.Ordinal));
        var valid = Model(Refund);

        var (exit, output, _) = await Run(["validate", broken]);
        var ok = await Run(["validate", valid]);

        Assert.Equal(1, exit);
        Assert.Contains($"{broken}:3: table: decision 'Refund route': unknown hit policy 'SOMETIMES'", output, StringComparison.Ordinal);
        Assert.Equal(0, ok.Exit);
        Assert.Contains(": valid (Refund route)", ok.Output, StringComparison.Ordinal);
    }
}
