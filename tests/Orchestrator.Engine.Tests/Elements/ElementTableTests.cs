using Orchestrator.Engine.Elements;
using Orchestrator.Engine.Model;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Tests.Elements;

public class ElementTableTests
{
    [Fact]
    public void Every_element_kind_has_exactly_one_row_and_finds_it_by_kind()
    {
        foreach (var kind in Enum.GetValues<ElementKind>())
        {
            Assert.Equal(kind, ElementTable.For(kind).Kind);
        }
    }

    [Theory]
    [InlineData("serviceTask", ElementKind.ServiceTask)]
    [InlineData("sendTask", ElementKind.SendTask)]
    [InlineData("businessRuleTask", ElementKind.BusinessRuleTask)]
    [InlineData("scriptTask", ElementKind.ScriptTask)]
    [InlineData("userTask", ElementKind.UserTask)]
    [InlineData("receiveTask", ElementKind.ReceiveTask)]
    [InlineData("manualTask", ElementKind.ManualTask)]
    [InlineData("task", ElementKind.Task)]
    [InlineData("subProcess", ElementKind.SubProcess)]
    [InlineData("adHocSubProcess", ElementKind.AdHocSubProcess)]
    [InlineData("callActivity", ElementKind.CallActivity)]
    [InlineData("startEvent", ElementKind.StartEvent)]
    [InlineData("endEvent", ElementKind.EndEvent)]
    [InlineData("intermediateCatchEvent", ElementKind.IntermediateCatchEvent)]
    [InlineData("intermediateThrowEvent", ElementKind.IntermediateThrowEvent)]
    [InlineData("boundaryEvent", ElementKind.BoundaryEvent)]
    [InlineData("exclusiveGateway", ElementKind.ExclusiveGateway)]
    [InlineData("inclusiveGateway", ElementKind.InclusiveGateway)]
    [InlineData("parallelGateway", ElementKind.ParallelGateway)]
    [InlineData("eventBasedGateway", ElementKind.EventBasedGateway)]
    public void A_BPMN_element_name_finds_its_kind(string xmlName, ElementKind kind)
    {
        Assert.True(ElementTable.TryFind(xmlName, out var type));
        Assert.Equal(kind, type.Kind);
    }

    [Theory]
    [InlineData("process")]
    [InlineData("complexGateway")]
    [InlineData("transaction")]
    [InlineData("ServiceTask")]
    public void Names_that_are_not_element_kinds_the_engine_runs_find_nothing(string xmlName) =>
        Assert.False(ElementTable.TryFind(xmlName, out _));

    [Fact]
    public void A_subprocess_triggered_by_an_event_is_read_as_an_event_subprocess_with_its_own_checks()
    {
        // Arrange: an event subprocess with a none start event, which only its own row refuses.
        const string xml = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
              <process id="p" isExecutable="true">
                <startEvent id="start" />
                <sequenceFlow id="f1" sourceRef="start" targetRef="end" />
                <endEvent id="end" />
                <subProcess id="events" triggeredByEvent="true">
                  <startEvent id="inner" />
                </subProcess>
              </process>
            </definitions>
            """;

        // Act
        var result = BpmnParser.Parse(xml, "t.bpmn", FeelEngine.Default);

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal("events", problem.ElementId);
        Assert.Contains("an event subprocess needs exactly one start event with a message, timer, error, escalation, signal or compensation definition", problem.Message, StringComparison.Ordinal);
    }
}
