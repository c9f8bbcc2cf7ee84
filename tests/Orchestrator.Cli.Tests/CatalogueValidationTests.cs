using Orchestrator.Cli.Commands;

namespace Orchestrator.Cli.Tests;

/// <summary><c>orchestrator validate</c> on BPMN files also checks the message catalogue beside them (<c>notifications/</c>).</summary>
public sealed class CatalogueValidationTests : IDisposable
{
    private const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://example.com">
          <bpmn:process id="greet" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="hello" />
            <bpmn:serviceTask id="hello">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="notify.send" />
                <zeebe:ioMapping>
                  <zeebe:input source="hello" target="template" />
                </zeebe:ioMapping>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f2" sourceRef="hello" targetRef="bye" />
            <bpmn:serviceTask id="bye">
              <bpmn:extensionElements>
                <zeebe:taskDefinition type="notify.send" />
                <zeebe:taskHeaders>
                  <zeebe:header key="template" value="goodbye" />
                </zeebe:taskHeaders>
              </bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f3" sourceRef="bye" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private readonly TempFolder _folder = new();

    [Fact]
    public void The_shipped_workflows_and_their_catalogue_are_valid_without_warnings()
    {
        // Arrange
        var output = new StringWriter();
        var workflows = Path.Combine(AppContext.BaseDirectory, "Workflows");

        // Act
        var exit = ModelValidator.Run([.. Directory.GetFiles(workflows, "*.bpmn").Order(StringComparer.Ordinal)], output);

        // Assert
        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.DoesNotContain("warning", text, StringComparison.Ordinal);
        var catalogue = Path.Combine(workflows, "notifications");
        Assert.Contains($"{catalogue}: valid ({Directory.GetDirectories(catalogue).Length} messages)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalogue_problem_or_a_template_missing_in_en_fails_and_a_missing_translation_is_a_warning()
    {
        // Arrange
        var model = _folder.Write("greet.bpmn", Process);
        _folder.Write("notifications/hello/en.txt", "subject: Hello\n\nHi {{ orderId }}");
        var german = _folder.Write("notifications/hello/de.txt", "subject: Hallo\n\nHallo {{ orderId + }}");
        _folder.Write("notifications/goodbye/de.txt", "subject: Tschüss\n\nTschüss");
        var output = new StringWriter();

        // Act
        var exit = ModelValidator.Run([model], output);

        // Assert
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, exit);
        Assert.Contains(lines, l => l.StartsWith($"{german}:3: -: the placeholder {{{{ orderId + }}}} is not valid FEEL", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{model}:", StringComparison.Ordinal) && l.EndsWith(": bye: the notification catalogue " + Path.Combine(_folder.Path, "notifications") + " has no template 'goodbye' in en", StringComparison.Ordinal));
        Assert.Contains($"warning: {Path.Combine(_folder.Path, "notifications", "hello")}: no th translation (falls back to en)", lines);
        Assert.Equal(6 + 7, lines.Count(l => l.StartsWith("warning: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Missing_translations_alone_pass_and_a_folder_stands_for_its_models()
    {
        // Arrange
        _folder.Write("greet.bpmn", Process);
        _folder.Write("notifications/hello/en.txt", "subject: Hello\n\nHi");
        _folder.Write("notifications/goodbye/en.txt", "subject: Bye\n\nBye");
        var output = new StringWriter();

        // Act
        var exit = ModelValidator.Run([_folder.Path], output);

        // Assert
        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("greet.bpmn: valid (greet)", text, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_folder.Path, "notifications") + ": valid (2 messages)", text, StringComparison.Ordinal);
        Assert.Contains($"warning: {Path.Combine(_folder.Path, "notifications", "goodbye")}: no zh-CN translation (falls back to en)", text, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
