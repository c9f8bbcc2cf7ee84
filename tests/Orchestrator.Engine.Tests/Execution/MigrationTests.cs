using Orchestrator.Engine.Execution;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;

namespace Orchestrator.Engine.Tests.Execution;

public class MigrationTests
{
    private const string Head = """<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0">""";

    // v1: review (user task, with a 1-day reminder timer) → ship (service task) → end.
    private const string V1 = Head + """
          <bpmn:process id="claim" isExecutable="true">
            <bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <bpmn:userTask id="review" name="Review the claim"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="agents" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:boundaryEvent id="remind" attachedToRef="review" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="ship" />
            <bpmn:serviceTask id="ship" name="Ship"><bpmn:extensionElements><zeebe:taskDefinition type="ship" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:sequenceFlow id="f3" sourceRef="ship" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    // v2: review keeps its id but the reminder is gone and an escalation timer is new; a check task follows it; ship was renamed dispatch.
    private const string V2 = Head + """
          <bpmn:process id="claim" isExecutable="true">
            <bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <bpmn:userTask id="review" name="Review the claim (v2)"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="agents" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:boundaryEvent id="escalate" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="e1" sourceRef="escalate" targetRef="escalated" />
            <bpmn:endEvent id="escalated" />
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="check" />
            <bpmn:serviceTask id="check" name="Check stock"><bpmn:extensionElements><zeebe:taskDefinition type="check" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:sequenceFlow id="f4" sourceRef="check" targetRef="dispatch" />
            <bpmn:serviceTask id="dispatch" name="Dispatch"><bpmn:extensionElements><zeebe:taskDefinition type="ship" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:sequenceFlow id="f3" sourceRef="dispatch" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public void Migrate_WaitingUserTask_KeepsKeyAndAssignee_FollowsTheTargetFlow_AndSwapsBoundaryTimers()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("claim.bpmn", V1);
        var instance = h.Start("claim", """{"amount": 120}""");
        var task = h.OpenTask(instance, "review");
        h.Engine.AssignUserTask(task.Key, "alice");
        var v2 = h.DeployXml("claim.bpmn", V2).Processes[0];
        var reminder = Assert.Single(h.Store.Subscriptions, s => s.ProcessInstanceKey == instance.Key);

        // Act
        h.Engine.MigrateProcessInstance(instance.Key, v2.Key, []);

        // Assert: on v2, the same task (key, assignee) under v2's name; the reminder gone, the escalation timer open
        Assert.Equal(2, instance.Definition.Version);
        Assert.Equal(v2.Key, task.Definition.Key);
        Assert.Equal("alice", task.Assignee);
        Assert.Equal("Review the claim (v2)", task.Name);
        Assert.Equal(LifecycleState.Terminated, reminder.State);
        var escalation = Assert.Single(h.Store.Subscriptions, s => s.ProcessInstanceKey == instance.Key);
        Assert.Equal("escalate", escalation.CatchElement.Id);
        Assert.Contains(h.Engine.History(instance.Key), r => r.Intent == RecordIntent.Migrated && r.Key == instance.Key);

        // Act: completing the task follows v2's flow
        h.Engine.CompleteUserTask(task.Key);
        h.CompleteJob("check");
        h.CompleteJob("ship");

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(["review", "check", "dispatch", "end"], h.Completed(instance).Where(id => id != "start").ToArray());
        Assert.Equal("120", EngineHarness.Variable(instance, "amount"));
    }

    [Fact]
    public void Migrate_ActivatedJob_KeepsItsKeyAndLease_UnderAnExplicitMapping()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("claim.bpmn", V1);
        var instance = h.Start("claim");
        h.Engine.CompleteUserTask(h.OpenTask(instance, "review").Key);
        var job = Assert.Single(h.Engine.ActivateJobs("ship", "worker-1", TimeSpan.FromMinutes(5), 1));
        var v2 = h.DeployXml("claim.bpmn", V2).Processes[0];

        // Act
        h.Engine.MigrateProcessInstance(instance.Key, v2.Key, [new MigrationMapping("ship", "dispatch")]);

        // Assert: the leased job now belongs to dispatch and its worker completes it
        var stored = h.Store.GetJob(job.Key)!;
        Assert.Equal("dispatch", stored.ElementId);
        Assert.Equal(JobState.Activated, stored.State);
        Assert.Equal(["dispatch"], EngineHarness.Active(instance));
        h.Engine.CompleteJob(job.Key);
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void Migrate_RefusesAnUnmappedActiveElement_NamingIt_AndChangesNothing()
    {
        // Arrange
        var h = new EngineHarness();
        var v1 = h.DeployXml("claim.bpmn", V1).Processes[0];
        var instance = h.Start("claim");
        h.Engine.CompleteUserTask(h.OpenTask(instance, "review").Key);
        var v2 = h.DeployXml("claim.bpmn", V2).Processes[0];

        // Act
        var refused = Assert.Throws<EngineException>(() => h.Engine.MigrateProcessInstance(instance.Key, v2.Key, []));

        // Assert
        Assert.Equal(EngineError.InvalidArgument, refused.Error);
        Assert.Contains("'ship'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(v1.Key, instance.Definition.Key);
        Assert.Equal("ship", Assert.Single(h.Store.Jobs).ElementId);
    }

    [Fact]
    public void Migrate_RefusesAnotherElementType_UnknownElements_AndFinishedOrUnknownInstances()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("claim.bpmn", V1);
        var instance = h.Start("claim");
        var v2 = h.DeployXml("claim.bpmn", V2).Processes[0];

        // Act / Assert: a user task cannot become a service task
        var typeChange = Assert.Throws<EngineException>(() => h.Engine.MigrateProcessInstance(instance.Key, v2.Key, [new MigrationMapping("review", "check")]));
        Assert.Equal(EngineError.InvalidArgument, typeChange.Error);
        Assert.Contains("type must stay the same", typeChange.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<EngineException>(() => h.Engine.MigrateProcessInstance(instance.Key, v2.Key, [new MigrationMapping("review", "nope")]));
        Assert.Contains("mappingInstructions[0].targetElementId", unknown.Message, StringComparison.Ordinal);

        var twice = Assert.Throws<EngineException>(() => h.Engine.MigrateProcessInstance(instance.Key, v2.Key,
            [new MigrationMapping("review", "review"), new MigrationMapping("review", "review")]));
        Assert.Contains("mapped twice", twice.Message, StringComparison.Ordinal);

        Assert.Equal(EngineError.NotFound, Assert.Throws<EngineException>(() => h.Engine.MigrateProcessInstance(instance.Key, 42, [])).Error);
        Assert.Equal(EngineError.NotFound, Assert.Throws<EngineException>(() => h.Engine.MigrateProcessInstance(42, v2.Key, [])).Error);

        h.Engine.CancelInstance(instance.Key);
        Assert.Equal(EngineError.InvalidState, Assert.Throws<EngineException>(() => h.Engine.MigrateProcessInstance(instance.Key, v2.Key, [])).Error);
    }

    [Fact]
    public void Migrate_RefusesAScopeChange()
    {
        // Arrange: in v3 the review sits inside a subprocess
        var h = new EngineHarness();
        h.DeployXml("claim.bpmn", V1);
        var instance = h.Start("claim");
        var v3 = h.DeployXml("claim.bpmn", Head + """
              <bpmn:process id="claim" isExecutable="true">
                <bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
                <bpmn:subProcess id="handle">
                  <bpmn:startEvent id="hs" /><bpmn:sequenceFlow id="h1" sourceRef="hs" targetRef="review" />
                  <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
                </bpmn:subProcess>
              </bpmn:process>
            </bpmn:definitions>
            """).Processes[0];

        // Act
        var refused = Assert.Throws<EngineException>(() => h.Engine.MigrateProcessInstance(instance.Key, v3.Key, []));

        // Assert
        Assert.Equal(EngineError.InvalidArgument, refused.Error);
        Assert.Contains("change its scope", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrate_MessageCatchEvent_KeepsItsSubscription_WhichCorrelatesOnV2()
    {
        // Arrange
        const string Catch = Head + """
              <bpmn:message id="m" name="paid"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>
              <bpmn:process id="pay" isExecutable="true">
                <bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
                <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="NEXT" />
                <bpmn:serviceTask id="NEXT"><bpmn:extensionElements><zeebe:taskDefinition type="NEXT" /></bpmn:extensionElements></bpmn:serviceTask>
              </bpmn:process>
            </bpmn:definitions>
            """;
        var h = new EngineHarness();
        h.DeployXml("pay.bpmn", Catch.Replace("NEXT", "book", StringComparison.Ordinal));
        var instance = h.Start("pay", """{"orderId": "O-1"}""");
        var subscription = Assert.Single(h.Store.Subscriptions, s => s.ProcessInstanceKey == instance.Key);
        var v2 = h.DeployXml("pay.bpmn", Catch.Replace("NEXT", "invoice", StringComparison.Ordinal)).Processes[0];

        // Act
        h.Engine.MigrateProcessInstance(instance.Key, v2.Key, []);
        h.Engine.PublishMessage("paid", "O-1", TimeSpan.Zero);

        // Assert: the same subscription, now v2's, took the message into v2's flow
        Assert.Equal(v2.Key, subscription.Definition.Key);
        Assert.Equal(["invoice"], EngineHarness.Active(instance));
    }

    [Fact]
    public void MigrationAudit_reads_back_the_detail_it_writes_and_no_other_text()
    {
        // Arrange
        var audit = new MigrationAudit("return-and-refund", 1, "return-and-refund", 12);

        // Act
        var text = audit.ToString();

        // Assert
        Assert.Equal("from return-and-refund version 1 to return-and-refund version 12", text);
        Assert.Equal(audit, MigrationAudit.Parse(text));
        Assert.Null(MigrationAudit.Parse("retries 3"));
        Assert.Null(MigrationAudit.Parse("from a version one to b version 2"));
        Assert.Null(MigrationAudit.Parse(null));
    }
}
