using Orchestrator.Engine.Execution;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;

namespace Orchestrator.Engine.Tests.Execution;

public class TasksAndGatewaysTests
{
    [Fact]
    public void SmallRefund_RunsServiceTaskThenScriptAndEnds()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/refund-review.bpmn");

        // Act
        var instance = h.Start("refund-review", """{"amount": 50}""");
        var job = h.CompleteJob("order.check", """{"checked": true}""");

        // Assert
        Assert.Equal("dhl", job.CustomHeaders["carrier"]);
        Assert.Equal(2, job.Retries);
        Assert.Equal("50", job.Variables["amount"].ToString());
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(["start", "check", "decide", "refund", "end"], h.Completed(instance));
        Assert.Equal("45", EngineHarness.Variable(instance, "refundAmount"));
        Assert.Equal("true", EngineHarness.Variable(instance, "checked"));
    }

    [Fact]
    public void LargeRefund_WaitsForAnAgentTaskWithDueDateGroupsAndPriority()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/refund-review.bpmn");
        var instance = h.Start("refund-review", """{"amount": 2000}""");
        h.CompleteJob("order.check");

        // Act
        var task = h.OpenTask(instance, "approve");

        // Assert
        Assert.Equal(["agents", "specialists"], task.CandidateGroups);
        Assert.Equal(h.Clock.GetUtcNow().AddHours(4), task.DueDate);
        Assert.Equal(80, task.Priority);
        Assert.Equal("Approve refund", task.Name);
        Assert.Equal(["approve"], EngineHarness.Active(instance));

        // Act: the agent completes it
        h.Engine.CompleteUserTask(task.Key, EngineHarness.Vars("""{"amount": 1500}"""));

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("1350", EngineHarness.Variable(instance, "refundAmount"));
    }

    [Fact]
    public void ConditionThatIsNotBoolean_RaisesConditionErrorAndResolvesAfterFix()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/refund-review.bpmn");
        var instance = h.Start("refund-review", """{"amount": "lots"}""");

        // Act
        h.CompleteJob("order.check");

        // Assert
        var incident = Assert.Single(h.Store.Incidents);
        Assert.Equal(IncidentType.ConditionError, incident.Type);
        Assert.Equal("decide", incident.ElementId);
        Assert.True(instance.HasIncident);

        // Act: fix the variable, resolve
        h.Engine.SetVariables(instance.Key, EngineHarness.Vars("""{"amount": 10}"""), local: false);
        h.Engine.ResolveIncident(incident.Key);

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.False(instance.HasIncident);
    }

    [Fact]
    public void ParallelJoin_WaitsForBothBranches_ThenInclusiveTakesEveryTrueFlow()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/parallel-and-inclusive.bpmn");
        var instance = h.Start("fork-join", """{"email": true, "sms": true}""");

        // Act
        h.CompleteJob("label");

        // Assert: the join waits for the pickup branch
        Assert.Equal(["pickup"], EngineHarness.Active(instance));

        // Act
        h.CompleteJob("pickup");

        // Assert: inclusive split took both true flows
        Assert.Equal(["sendEmail", "sendSms"], EngineHarness.Active(instance));

        // Act
        h.CompleteJob("email");

        // Assert: the inclusive join waits for sms, which can still arrive
        Assert.Equal(["sendSms"], EngineHarness.Active(instance));
        h.CompleteJob("sms");
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Single(h.Completed(instance), id => id == "merge");
    }

    [Fact]
    public void InclusiveWithNoTrueCondition_TakesTheDefault()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/parallel-and-inclusive.bpmn");
        var instance = h.Start("fork-join", """{"email": false, "sms": false}""");

        // Act
        h.CompleteJob("label");
        h.CompleteJob("pickup");

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.DoesNotContain("sendEmail", h.Completed(instance));
    }

    [Fact]
    public void FailedJob_WithRetries_ComesBackAfterBackOff_WithoutRetries_RaisesIncident()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/refund-review.bpmn");
        var instance = h.Start("refund-review", """{"amount": 5}""");
        var job = Assert.Single(h.Engine.ActivateJobs("order.check", "w", TimeSpan.FromMinutes(1), 5));

        // Act: fail with one retry left and a back-off
        h.Engine.FailJob(job.Key, 1, "warehouse down", TimeSpan.FromMinutes(10));

        // Assert: not activatable during the back-off
        Assert.Empty(h.Engine.ActivateJobs("order.check", "w", TimeSpan.FromMinutes(1), 5));
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        var again = Assert.Single(h.Engine.ActivateJobs("order.check", "w", TimeSpan.FromMinutes(1), 5));

        // Act: fail for good
        h.Engine.FailJob(again.Key, 0, "still down");

        // Assert
        var incident = Assert.Single(h.Store.Incidents);
        Assert.Equal(IncidentType.JobNoRetries, incident.Type);
        Assert.Equal("still down", incident.ErrorMessage);
        var refused = Assert.Throws<EngineException>(() => h.Engine.ResolveIncident(incident.Key));
        Assert.Equal(EngineError.InvalidState, refused.Error);

        // Act: raise retries, resolve, complete
        h.Engine.UpdateJobRetries(job.Key, 1);
        h.Engine.ResolveIncident(incident.Key);
        h.CompleteJob("order.check");

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void ExpiredLease_MakesTheJobActivatableAgain()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/refund-review.bpmn");
        h.Start("refund-review", """{"amount": 5}""");
        Assert.Single(h.Engine.ActivateJobs("order.check", "w1", TimeSpan.FromSeconds(30), 5));
        Assert.Empty(h.Engine.ActivateJobs("order.check", "w2", TimeSpan.FromSeconds(30), 5));

        // Act
        h.Clock.Advance(TimeSpan.FromSeconds(31));
        var job = Assert.Single(h.Engine.ActivateJobs("order.check", "w2", TimeSpan.FromSeconds(30), 5));

        // Assert
        Assert.Equal("w2", job.Worker);
    }

    [Fact]
    public void FetchVariables_ReturnsOnlyTheNamedOnes()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/refund-review.bpmn");
        h.Start("refund-review", """{"amount": 5, "customer": "c-1", "secret": "x"}""");

        // Act
        var job = Assert.Single(h.Engine.ActivateJobs("order.check", "w", TimeSpan.FromSeconds(30), 5, ["amount", "customer"]));

        // Assert
        Assert.Equal(["amount", "customer"], job.Variables.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CompletingAFinishedJob_IsRefusedAsNotFound_AsCamundaAnswers()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/refund-review.bpmn");
        h.Start("refund-review", """{"amount": 5}""");
        var job = h.CompleteJob("order.check");

        // Act
        var error = Assert.Throws<EngineException>(() => h.Engine.CompleteJob(job.Key));

        // Assert: a job that ended is gone, like one that never was
        Assert.Equal(EngineError.NotFound, error.Error);
        Assert.Equal($"Expected to complete job with key '{job.Key}', but no such job was found", error.Message);
        Assert.Equal(EngineError.NotFound, Assert.Throws<EngineException>(() => h.Engine.CompleteJob(42)).Error);
    }

    [Fact]
    public void Bug_AProcessCallingItselfStartedInstancesUntilTheStepLimit()
    {
        // Arrange: one request of a process that calls itself started 33,334 instances (1.3 GB) before the step limit stopped it.
        var h = new EngineHarness();
        h.Deploy("Execution/loop-without-wait.bpmn", "Execution/refund-review.bpmn");

        // Act
        h.Start("calls-itself");
        var other = h.Start("refund-review", """{"amount": 50}""");

        // Assert: the chain stops at the call depth limit, with an incident on the deepest call activity that says why.
        Assert.Equal(h.Engine.Options.MaxCallDepth, h.Store.Instances.Count(i => i.Definition.BpmnProcessId == "calls-itself"));
        var incident = Assert.Single(h.Store.Incidents);
        Assert.Equal(IncidentType.CalledElementError, incident.Type);
        Assert.Equal("again", incident.ElementId);
        Assert.Contains($"{h.Engine.Options.MaxCallDepth:N0} instances deep", incident.ErrorMessage, StringComparison.Ordinal);
        h.CompleteJob("order.check");
        Assert.Equal(LifecycleState.Completed, other.State);
    }

    [Theory]
    [InlineData("loop-without-wait", "a b")]
    public void Bug_ModelThatLoopsWithoutAWaitStateHeldTheEngineForever(string processId, string loopingElements)
    {
        // Arrange: the command ran the cycle until memory ran out (1.4 GB in ten seconds), holding the engine's lock.
        var h = new EngineHarness();
        h.Deploy("Execution/loop-without-wait.bpmn", "Execution/refund-review.bpmn");

        // Act
        var looping = h.Start(processId);
        var other = h.Start("refund-review", """{"amount": 50}""");

        // Assert: the looping instance is parked with an incident; the engine goes on serving others.
        var incident = Assert.Single(h.Store.Incidents, i => i.State == LifecycleState.Active);
        Assert.Equal(IncidentType.Unknown, incident.Type);
        Assert.Contains(incident.ElementId, loopingElements.Split(' '));
        Assert.Contains("100,000 steps", incident.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(LifecycleState.Active, looping.State);
        Assert.Equal(LifecycleState.Active, other.State);
        h.CompleteJob("order.check");
        Assert.Equal(LifecycleState.Completed, other.State);
    }

    [Fact]
    public void LoopIncident_Resolved_RunsTheStepAgainAndParksAgain()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/loop-without-wait.bpmn");
        h.Start("loop-without-wait");
        var first = Assert.Single(h.Store.Incidents);

        // Act
        h.Engine.ResolveIncident(first.Key);

        // Assert
        Assert.Equal(LifecycleState.Completed, first.State);
        var second = Assert.Single(h.Store.Incidents, i => i.State == LifecycleState.Active);
        Assert.Equal(IncidentType.Unknown, second.Type);
    }
}
