using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;

namespace Orchestrator.Engine.Tests.Elements.MultiInstanceBodies;

public class MultiInstanceTests
{
    private const string Model = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">
          <bpmn:process id="quotes" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="ask" />
            <bpmn:serviceTask id="ask">
              <bpmn:extensionElements><zeebe:taskDefinition type="quote" /></bpmn:extensionElements>
              <bpmn:multiInstanceLoopCharacteristics isSequential="true">
                <bpmn:extensionElements>
                  <zeebe:loopCharacteristics inputCollection="=carriers" inputElement="carrier" outputCollection="prices" outputElement="=price" />
                </bpmn:extensionElements>
                <bpmn:completionCondition>=cheapEnough</bpmn:completionCondition>
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f2" sourceRef="ask" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public void A_completion_condition_that_is_not_a_boolean_raises_an_incident_on_the_inner_instance_and_resolving_it_goes_on()
    {
        // Arrange: the condition reads a variable the first worker does not set
        var h = new EngineHarness();
        h.DeployXml("quotes.bpmn", Model);
        var instance = h.Start("quotes", """{"carriers": ["sf", "jd", "ems"]}""");

        // Act
        h.CompleteJob("quote", """{"price": 30}""");

        // Assert: Zeebe's incident, on the inner instance, which has not completed
        var incident = Assert.Single(h.Store.Incidents, i => i.ProcessInstanceKey == instance.Key && i.State == LifecycleState.Active);
        Assert.Equal("ask", incident.ElementId);
        Assert.Equal(IncidentType.ExtractValueError, incident.Type);
        Assert.Equal("Expected result of the expression '=cheapEnough' to be 'BOOLEAN', but was 'NULL'.", incident.ErrorMessage);
        Assert.DoesNotContain(h.Store.Jobs, j => j.ProcessInstanceKey == instance.Key && j.State == JobState.Activatable);
        Assert.Equal(["start"], h.Completed(instance));

        // Act: the variable is set and the incident resolved; the second carrier is cheap enough
        h.Engine.SetVariables(instance.Key, EngineHarness.Vars("""{"cheapEnough": false}"""), local: true);
        h.Engine.ResolveIncident(incident.Key);
        h.CompleteJob("quote", """{"price": 20, "cheapEnough": true}""");

        // Assert: two quotes collected in order, the third never asked, the output collection kept its empty slot
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("[30,20,null]", EngineHarness.Variable(instance, "prices"));
        Assert.Equal(2, h.Engine.History(instance.Key).Count(r => r.ValueType == RecordValueType.Job && r.Intent == RecordIntent.Created));
    }

    [Theory]
    [InlineData("=numberOfCompletedInstances >= 2", 2)]
    [InlineData("=numberOfActiveInstances <= 1", 3)]
    [InlineData("=numberOfCompletedInstances / numberOfInstances > 0.5 and numberOfTerminatedInstances = 0", 3)]
    public void A_completion_condition_sees_the_body_s_counts_as_Zeebe_gives_them(string condition, int answeredBeforeDone)
    {
        // Arrange: four carriers asked at once; the condition decides after how many answers the rest is not waited for
        var h = new EngineHarness();
        h.DeployXml("quotes.bpmn", Model.Replace("isSequential=\"true\"", "isSequential=\"false\"", StringComparison.Ordinal)
            .Replace("=cheapEnough", condition.Replace(">", "&gt;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal), StringComparison.Ordinal));
        var instance = h.Start("quotes", """{"carriers": ["sf", "jd", "ems", "yto"], "numberOfCompletedInstances": 100}""");
        var jobs = h.Engine.ActivateJobs("quote", "w", TimeSpan.FromMinutes(1), 10);
        Assert.Equal(4, jobs.Count);

        // Act
        var answered = 0;
        while (instance.State == LifecycleState.Active)
        {
            h.Engine.CompleteJob(jobs[answered++].Key, EngineHarness.Vars("""{"price": 10}"""));
        }

        // Assert: a process variable of the same name does not shadow the count
        Assert.Equal(answeredBeforeDone, answered);
        Assert.Equal(4 - answeredBeforeDone, h.Store.Jobs.Count(j => j.ProcessInstanceKey == instance.Key && j.State == JobState.Canceled));
    }
}
