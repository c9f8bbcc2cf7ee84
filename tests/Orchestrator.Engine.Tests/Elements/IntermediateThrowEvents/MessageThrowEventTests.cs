using Orchestrator.Engine.Execution;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;

namespace Orchestrator.Engine.Tests.Elements.IntermediateThrowEvents;

/// <summary>Message throw and end events with only a task definition (no message reference): Zeebe runs them as jobs.</summary>
public class MessageThrowEventTests
{
    private static EngineHarness Deployed()
    {
        var h = new EngineHarness();
        h.Deploy("Elements/IntermediateThrowEvents/message-throw.bpmn");
        return h;
    }

    [Fact]
    public void Message_throw_and_end_events_with_only_a_task_definition_run_as_jobs_with_their_headers_and_inputs()
    {
        // Arrange
        var h = Deployed();

        // Act
        var instance = h.Start("notify", """{"orderId": "O-7"}""");
        var mail = h.CompleteJob("mail.send");

        // Assert
        Assert.Equal("return-received", mail.CustomHeaders["template"]);
        Assert.Equal("O-7", mail.Variables["reference"].ToString());
        Assert.Equal(["tellCarrier"], EngineHarness.Active(instance));
        h.CompleteJob("carrier.notify");
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(["start", "tellCustomer", "tellCarrier"], h.Completed(instance));
    }

    [Fact]
    public void Cancelling_the_instance_while_the_throw_event_waits_for_its_worker_cancels_the_job()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("notify", """{"orderId": "O-7"}""");
        var job = Assert.Single(h.Store.Jobs, j => j.ProcessInstanceKey == instance.Key);

        // Act
        h.Engine.CancelInstance(instance.Key);

        // Assert
        Assert.Equal(LifecycleState.Terminated, instance.State);
        Assert.Equal(JobState.Canceled, job.State);
        Assert.Single(h.Engine.History(instance.Key), r => r.ElementId == "tellCustomer" && r.Intent == RecordIntent.ElementTerminated);
        var error = Assert.Throws<EngineException>(() => h.Engine.CompleteJob(job.Key));
        Assert.Equal(EngineError.NotFound, error.Error);
    }

    [Fact]
    public void A_worker_out_of_retries_raises_an_incident_on_the_throw_event_and_resolving_it_lets_the_worker_try_again()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("notify", """{"orderId": "O-7"}""");
        var job = Assert.Single(h.Store.Jobs, j => j.ProcessInstanceKey == instance.Key);

        // Act
        h.Engine.FailJob(job.Key, retries: 0, "mail server down");

        // Assert
        var incident = Assert.Single(h.Store.Incidents, i => i.ProcessInstanceKey == instance.Key && i.State == LifecycleState.Active);
        Assert.Equal("tellCustomer", incident.ElementId);
        h.Engine.UpdateJobRetries(job.Key, 1);
        h.Engine.ResolveIncident(incident.Key);
        h.CompleteJob("mail.send");
        Assert.Equal(["tellCarrier"], EngineHarness.Active(instance));
    }

    [Fact]
    public void A_message_throw_event_without_a_task_definition_is_refused_by_its_id()
    {
        // Arrange
        var h = new EngineHarness();

        // Act
        var error = Assert.Throws<DeploymentException>(() => h.DeployXml("silent.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <bpmn:process id="silent" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="tell" />
                <bpmn:intermediateThrowEvent id="tell"><bpmn:messageEventDefinition /></bpmn:intermediateThrowEvent>
              </bpmn:process>
            </bpmn:definitions>
            """));

        // Assert
        Assert.Contains("tell", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs a task type", error.Message, StringComparison.Ordinal);
    }
}
