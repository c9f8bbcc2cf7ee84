using Orchestrator.Engine.Execution;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;

namespace Orchestrator.Engine.Tests.Execution;

public class ModificationTests
{
    // wait (message catch) → pack → ship; a side task "audit" runs only when activated by hand.
    private const string Model = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
          <bpmn:message id="m" name="paid"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>
          <bpmn:process id="order" isExecutable="true">
            <bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <bpmn:intermediateCatchEvent id="wait" name="Payment received"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="pack" />
            <bpmn:serviceTask id="pack" name="Pack"><bpmn:extensionElements><zeebe:taskDefinition type="pack" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:sequenceFlow id="f3" sourceRef="pack" targetRef="end" />
            <bpmn:endEvent id="end" />
            <bpmn:userTask id="audit" name="Audit"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public void Move_TerminatesTheCatchEvent_AndActivatesTheTarget_WithVariables()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("order.bpmn", Model);
        var instance = h.Start("order", """{"orderId": "A-1"}""");

        // Act
        h.Engine.ModifyProcessInstance(instance.Key, new ProcessInstanceModification(
            Move: [new ModificationMove("wait", null, "pack", [new ModificationVariables(EngineHarness.Vars("""{"paidBy": "phone"}"""))])]), "olga");

        // Assert: the message subscription is gone, pack runs, the variable is global
        Assert.Equal(["pack"], EngineHarness.Active(instance));
        Assert.DoesNotContain(h.Store.Subscriptions, s => s.ProcessInstanceKey == instance.Key);
        Assert.Equal("\"phone\"", EngineHarness.Variable(instance, "paidBy"));
        Assert.Contains(h.Engine.History(instance.Key), r => r.Intent == RecordIntent.Modified && r.Detail!.StartsWith("olga: activated Pack (pack)", StringComparison.Ordinal));
        h.CompleteJob("pack");
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void Activate_AddsAToken_WithLocalVariables_AndTerminate_OfTheLastToken_TerminatesTheInstance()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("order.bpmn", Model);
        var instance = h.Start("order", """{"orderId": "A-2"}""");
        var wait = Assert.Single(instance.Elements.Values, e => e.Node.Id == "wait");

        // Act: an extra audit task beside the waiting catch event
        h.Engine.ModifyProcessInstance(instance.Key, new ProcessInstanceModification(
            Activate: [new ModificationActivation("audit", null, [new ModificationVariables(EngineHarness.Vars("""{"reason": "spot check"}"""), "audit")])]));

        // Assert
        Assert.Equal(["audit", "wait"], EngineHarness.Active(instance));
        var audit = Assert.Single(instance.Elements.Values, e => e.Node.Id == "audit");
        Assert.True(audit.Variables!.ContainsKey("reason"));
        Assert.Null(EngineHarness.Variable(instance, "reason"));

        // Act: terminate both: nothing is left, so the instance ends as terminated (nothing completes by a modification)
        h.Engine.ModifyProcessInstance(instance.Key, new ProcessInstanceModification(Terminate: [wait.Key, audit.Key]));

        // Assert
        Assert.Equal(LifecycleState.Terminated, instance.State);
        Assert.Equal(UserTaskState.Canceled, Assert.Single(h.Store.UserTasks).State);
    }

    [Fact]
    public void Modify_RefusesBadInstructions_AllOrNothing()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("order.bpmn", Model);
        var instance = h.Start("order", """{"orderId": "A-3"}""");
        var wait = Assert.Single(instance.Elements.Values, e => e.Node.Id == "wait");

        // Act: a good termination with a bad activation
        var unknown = Assert.Throws<EngineException>(() => h.Engine.ModifyProcessInstance(instance.Key,
            new ProcessInstanceModification(Activate: [new ModificationActivation("nope")], Terminate: [wait.Key])));

        // Assert: refused, naming the field and the element; nothing changed
        Assert.Equal(EngineError.InvalidArgument, unknown.Error);
        Assert.Contains("activateInstructions[0].elementId: 'nope'", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(["wait"], EngineHarness.Active(instance));

        Assert.Contains("start event", Assert.Throws<EngineException>(() => h.Engine.ModifyProcessInstance(instance.Key,
            new ProcessInstanceModification(Activate: [new ModificationActivation("start")]))).Message, StringComparison.Ordinal);
        Assert.Contains("terminateInstructions[0]", Assert.Throws<EngineException>(() => h.Engine.ModifyProcessInstance(instance.Key,
            new ProcessInstanceModification(Terminate: [12345]))).Message, StringComparison.Ordinal);
        Assert.Contains("at least one", Assert.Throws<EngineException>(() => h.Engine.ModifyProcessInstance(instance.Key,
            new ProcessInstanceModification())).Message, StringComparison.Ordinal);
        Assert.Contains("scopeId", Assert.Throws<EngineException>(() => h.Engine.ModifyProcessInstance(instance.Key,
            new ProcessInstanceModification(Activate: [new ModificationActivation("audit", null, [new ModificationVariables(EngineHarness.Vars("{}"), "pack")])]))).Message, StringComparison.Ordinal);

        h.Engine.CancelInstance(instance.Key);
        Assert.Equal(EngineError.InvalidState, Assert.Throws<EngineException>(() => h.Engine.ModifyProcessInstance(instance.Key,
            new ProcessInstanceModification(Activate: [new ModificationActivation("audit")]))).Error);
    }
}
