using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;

namespace Orchestrator.Engine.Tests.Execution;

public class MoreEventsTests
{
    private static (EngineHarness H, ProcessInstance Instance) StartRepair(string variables)
    {
        var h = new EngineHarness();
        h.Deploy("Execution/more-events.bpmn");
        var instance = h.Start("repair", variables);
        return (h, instance);
    }

    private static void ReachClaim(EngineHarness h)
    {
        h.Engine.CorrelateMessage("pickup-booked", "RMA-1");
        h.Engine.BroadcastSignal("stock-arrived");
    }

    [Fact]
    public void NonInterruptingMessageBoundary_RunsAlongside_ReceiveTaskAndSignalCatchMoveOn()
    {
        // Arrange
        var (h, instance) = StartRepair("""{"rma": "RMA-1"}""");

        // Act
        h.Engine.CorrelateMessage("address-changed", "RMA-1", EngineHarness.Vars("""{"street": "Main 1"}"""));

        // Assert
        Assert.Equal(["updateLabel", "waitPickup"], EngineHarness.Active(instance));
        Assert.Equal("\"Main 1\"", EngineHarness.Variable(instance, "street"));

        // Act
        h.Engine.CorrelateMessage("pickup-booked", "RMA-1");
        Assert.Equal(["updateLabel", "waitStock"], EngineHarness.Active(instance));
        h.Engine.BroadcastSignal("stock-arrived");

        // Assert
        Assert.Equal(["claim", "file", "updateLabel"], EngineHarness.Active(instance));
    }

    [Fact]
    public void ErrorEndEventInSubprocess_IsCaughtByCatchAllBoundary()
    {
        // Arrange
        var (h, instance) = StartRepair("""{"rma": "RMA-1"}""");
        ReachClaim(h);

        // Act
        h.CompleteJob("carrier.claim", """{"accepted": false}""");

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Contains("deniedByCarrier", h.Completed(instance));
        Assert.DoesNotContain("end", h.Completed(instance));
    }

    [Fact]
    public void EscalationEndEventInSubprocess_InterruptsItAndGoesToTheDirector()
    {
        // Arrange
        var (h, instance) = StartRepair("""{"rma": "RMA-1"}""");
        ReachClaim(h);

        // Act
        h.CompleteJob("carrier.claim", """{"accepted": true, "amount": 5000}""");

        // Assert
        Assert.Equal(["director"], EngineHarness.Active(instance));
        Assert.DoesNotContain("end", h.Completed(instance));
    }

    [Fact]
    public void SubprocessEndingNormally_ContinuesAfterIt()
    {
        // Arrange
        var (h, instance) = StartRepair("""{"rma": "RMA-1"}""");
        ReachClaim(h);

        // Act
        h.CompleteJob("carrier.claim", """{"accepted": true, "amount": 10}""");

        // Assert
        Assert.Equal(["cEnd", "claim", "end"], h.Completed(instance).Where(id => id is "cEnd" or "claim" or "end").ToArray());
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void SequentialMultiInstance_RunsOneAfterAnother_AndStopsOnTheCompletionCondition()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/more-events.bpmn");
        var instance = h.Start("reminders", """{"customers": ["ann", "stop", "bob"], "owner": "lee"}""");

        // Act / Assert: one at a time
        var first = h.CompleteJob("notify");
        Assert.Equal("\"ann\"", Feel.Json.FeelJson.ToJsonString(first.Variables["customer"]));
        Assert.Equal("1", first.Variables["loopCounter"].ToString());
        var second = h.CompleteJob("notify");
        Assert.Equal("2", second.Variables["loopCounter"].ToString());

        // Assert: "stop" ended the loop before bob
        Assert.Empty(h.Engine.ActivateJobs("notify", "w", TimeSpan.FromMinutes(1), 5));
        Assert.Equal("""["ann","stop",null]""", EngineHarness.Variable(instance, "sent"));
    }

    [Fact]
    public void UserTaskWithoutZeebeUserTask_IsAJobWithAssignmentHeaders_ThenATimerDateFires()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/more-events.bpmn");
        var instance = h.Start("reminders", """{"customers": [], "owner": "lee"}""");

        // Act
        var job = h.CompleteJob("io.camunda.zeebe:userTask");

        // Assert
        Assert.Equal("lee", job.CustomHeaders["io.camunda.zeebe:assignee"]);
        Assert.Equal("""["agents"]""", job.CustomHeaders["io.camunda.zeebe:candidateGroups"]);
        Assert.Equal(["at"], EngineHarness.Active(instance));

        // Act: the timer is due 2024-03-20T09:00Z, five days after the harness's start
        h.Advance(TimeSpan.FromDays(4));
        Assert.Equal(LifecycleState.Active, instance.State);
        h.Advance(TimeSpan.FromDays(1));

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void LongRunningInstance_CommandCostStaysWithActiveState_NotHistory()
    {
        // Arrange: many reminders accumulate history on one instance
        var h = new EngineHarness();
        h.Deploy("Execution/escalation-tiers.bpmn");
        var instance = h.Start("complaint", """{"caseId": "C-9"}""");

        // Act
        for (var i = 0; i < 2; i++)
        {
            h.Advance(TimeSpan.FromMinutes(20));
            h.CompleteJob("notify.reminder");
        }

        // Assert: history grew, the active state did not
        Assert.True(h.Engine.History(instance.Key).Count > 20);
        Assert.Equal(2, instance.Elements.Count);
    }
}
