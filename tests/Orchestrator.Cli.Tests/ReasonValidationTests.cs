using Orchestrator.Cli.Commands;

namespace Orchestrator.Cli.Tests;

/// <summary><c>orchestrator validate</c> on BPMN files also checks the VOC reason catalogue beside them (<c>voc/reasons.json</c>).</summary>
public sealed class ReasonValidationTests : IDisposable
{
    private const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://example.com">
          <bpmn:process id="noop" isExecutable="true">
            <bpmn:startEvent id="start" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string AllLabels = """{"zh-CN": "x", "en": "x", "id": "x", "th": "x", "vi": "x", "ms": "x", "es": "x", "de": "x"}""";

    private readonly TempFolder _folder = new();

    [Fact]
    public void The_shipped_reason_catalogue_is_valid()
    {
        // Arrange
        var output = new StringWriter();
        var workflows = Path.Combine(AppContext.BaseDirectory, "Workflows");

        // Act
        var exit = ModelValidator.Run([.. Directory.GetFiles(workflows, "*.bpmn").Order(StringComparer.Ordinal)], output);

        // Assert
        Assert.Equal(0, exit);
        Assert.Matches(@"voc[/\\]reasons\.json: valid \(\d+ reason codes\)", output.ToString());
    }

    [Fact]
    public void A_duplicate_code_a_child_outside_its_parent_and_a_missing_label_each_fail_naming_the_code()
    {
        // Arrange
        var model = _folder.Write("noop.bpmn", Process);
        var reasons = _folder.Write("voc/reasons.json", $$$"""
            {"reasons": [
              {"code": "quality", "labels": {{{AllLabels}}}, "children": [
                {"code": "quality/defect", "labels": {{{AllLabels}}}},
                {"code": "logistics/late", "labels": {{{AllLabels}}}}
              ]},
              {"code": "quality/defect", "labels": {{{AllLabels}}}},
              {"code": "service", "labels": {"en": "Service", "de": "Service"}}
            ]}
            """);
        var output = new StringWriter();

        // Act
        var exit = ModelValidator.Run([model], output);

        // Assert
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, exit);
        Assert.Contains($"{reasons}:4: logistics/late: a child of quality must start with 'quality/'", lines);
        Assert.Contains($"{reasons}:3: quality/defect: the code is listed more than once", lines);
        Assert.Contains($"{reasons}:7: service: no zh-CN label", lines);
        Assert.Contains($"{reasons}:7: service: no th label", lines);
        Assert.Equal(2 + 6, lines.Count(l => l.StartsWith(reasons, StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains("reason codes)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_catalogue_that_is_not_JSON_fails_with_its_line()
    {
        // Arrange
        var model = _folder.Write("noop.bpmn", Process);
        var reasons = _folder.Write("voc/reasons.json", "{\"reasons\": [\n  {\"code\": \"quality\",\n}");
        var output = new StringWriter();

        // Act
        var exit = ModelValidator.Run([model], output);

        // Assert
        Assert.Equal(1, exit);
        Assert.StartsWith($"{reasons}:3: -: not valid JSON", output.ToString().Split(Environment.NewLine).Single(l => l.StartsWith(reasons, StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_catalogue_counts_its_codes_at_every_level()
    {
        // Arrange
        var model = _folder.Write("noop.bpmn", Process);
        var reasons = _folder.Write("voc/reasons.json", $$$"""
            {"reasons": [{"code": "quality", "labels": {{{AllLabels}}}, "children": [{"code": "quality/defect", "labels": {{{AllLabels}}}}]}]}
            """);
        var output = new StringWriter();

        // Act
        var exit = ModelValidator.Run([model], output);

        // Assert
        Assert.Equal(0, exit);
        Assert.Contains($"{reasons}: valid (2 reason codes)", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
