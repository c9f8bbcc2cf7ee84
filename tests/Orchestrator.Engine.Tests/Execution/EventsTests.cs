using Orchestrator.Engine.Execution;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;

namespace Orchestrator.Engine.Tests.Execution;

public class EventsTests
{
    [Fact]
    public void NonInterruptingCycle_RemindsTwice_ThenInterruptingSlaEscalatesToTier2()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/escalation-tiers.bpmn");
        var instance = h.Start("complaint", """{"caseId": "C-1"}""");

        // Act: 20 minutes pass
        h.Advance(TimeSpan.FromMinutes(20));

        // Assert: a reminder job, tier 1 still open
        Assert.Equal(["sendReminder", "tier1"], EngineHarness.Active(instance));
        h.CompleteJob("notify.reminder");

        // Act: 40 minutes, the second (last) reminder
        h.Advance(TimeSpan.FromMinutes(20));
        h.CompleteJob("notify.reminder");
        h.Advance(TimeSpan.FromMinutes(19));

        // Assert: no third reminder (R2)
        Assert.Equal(["tier1"], EngineHarness.Active(instance));

        // Act: the 1 h SLA passes
        h.Advance(TimeSpan.FromMinutes(1));

        // Assert: tier 1 was interrupted and its task canceled
        Assert.Equal(["tier2"], EngineHarness.Active(instance));
        Assert.Contains(h.Store.UserTasks, t => t.ElementId == "tier1" && t.State == UserTaskState.Canceled);
        Assert.DoesNotContain(h.Store.Subscriptions, s => s.ProcessInstanceKey == instance.Key);
    }

    [Fact]
    public void Bug_a_scheduler_firing_the_sla_before_an_earlier_reminder_lost_the_reminder()
    {
        // Arrange: the reminder (20 minutes) and the interrupting SLA (1 hour) both came due while no timer fired — a
        // server down for an hour, or a busy scheduler — and the scheduler's trigger for the SLA comes first.
        var h = new EngineHarness();
        h.Deploy("Execution/escalation-tiers.bpmn");
        var instance = h.Start("complaint", """{"caseId": "C-4"}""");
        h.Clock.Advance(TimeSpan.FromMinutes(61));
        var sla = Assert.Single(h.Store.Subscriptions, s => s.ProcessInstanceKey == instance.Key && s.CatchElement.Id == "sla");

        // Act
        Assert.True(h.Engine.FireTimerIfDue(sla.Key));

        // Assert: the reminder due first was sent, then the SLA escalated.
        Assert.Equal(["sendReminder", "tier2"], EngineHarness.Active(instance));
        var fired = h.Engine.History(instance.Key).Where(r => r.Intent == RecordIntent.ElementCompleted && r.ElementId is "remind" or "sla").Select(r => r.ElementId);
        Assert.Equal(["remind", "sla"], fired);
        Assert.False(h.Engine.FireTimerIfDue(sla.Key));
    }

    [Fact]
    public void Bug_a_timer_fed_a_duration_past_the_year_9999_threw_out_of_the_engine_instead_of_raising_an_incident()
    {
        // Arrange
        var h = new EngineHarness();
        h.DeployXml("wait.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
              <bpmn:process id="wait" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pause" />
                <bpmn:intermediateCatchEvent id="pause"><bpmn:timerEventDefinition><bpmn:timeDuration>=duration(wait)</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="pause" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """);

        // Act
        var instance = h.Start("wait", """{"wait": "P9999Y"}""");

        // Assert
        var incident = Assert.Single(h.Store.Incidents, i => i.ProcessInstanceKey == instance.Key);
        Assert.Equal("invalid timer of 'pause': 'P9999Y' from now would be after the year 9999", incident.ErrorMessage);
    }

    [Fact]
    public void Bug_a_correlation_key_variable_name_or_assignee_too_long_for_a_database_index_was_stored_and_failed_the_commit()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/escalation-tiers.bpmn");
        var longKey = new string('k', TextLimits.MaxCorrelationKeyLength + 1);

        // Act: publishing is refused; an instance whose key is too long gets an incident at the catch event instead of a subscription.
        var published = Assert.Throws<EngineException>(() => h.Engine.PublishMessage("customer-reply", longKey));
        var instance = h.Start("complaint", $$"""{"caseId": "{{longKey}}"}""");
        h.Engine.CompleteUserTask(h.OpenTask(instance, "tier1").Key);

        // Assert
        Assert.Equal(EngineError.InvalidArgument, published.Error);
        Assert.Equal("the correlation key is 401 characters long; the limit is 400", published.Message);
        var incident = Assert.Single(h.Store.Incidents, i => i.ProcessInstanceKey == instance.Key);
        Assert.Equal("the message of 'reply': the correlation key is 401 characters long; the limit is 400", incident.ErrorMessage);
        Assert.DoesNotContain(h.Store.Subscriptions, s => s.CorrelationKey == longKey);
        Assert.Throws<EngineException>(() => h.Start("complaint", $$"""{"{{new string('n', VariableLimits.MaxNameLength + 1)}}": 1}"""));
        var assign = Assert.Throws<EngineException>(() => h.Engine.AssignUserTask(h.OpenTask(h.Start("complaint", """{"caseId": "C-5"}"""), "tier1").Key, new string('a', 257)));
        Assert.Equal("the assignee is 257 characters long; the limit is 256", assign.Message);
    }

    [Fact]
    public void EventGateway_MessageBeforeTimeout_TakesTheMessagePathWithItsVariables()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/escalation-tiers.bpmn");
        var instance = h.Start("complaint", """{"caseId": "C-2"}""");
        h.Engine.CompleteUserTask(h.OpenTask(instance, "tier1").Key);

        // Act
        var correlated = h.Engine.CorrelateMessage("customer-reply", "C-2", EngineHarness.Vars("""{"reply": "ok"}"""));

        // Assert
        Assert.Equal(instance.Key, correlated);
        Assert.Equal(["label"], EngineHarness.Active(instance));
        Assert.Equal("\"ok\"", EngineHarness.Variable(instance, "reply"));
        Assert.DoesNotContain(h.Store.Subscriptions, s => s.ProcessInstanceKey == instance.Key);
    }

    [Fact]
    public void EventGateway_Timeout_ClosesTheCase()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/escalation-tiers.bpmn");
        var instance = h.Start("complaint", """{"caseId": "C-3"}""");
        h.Engine.CompleteUserTask(h.OpenTask(instance, "tier1").Key);

        // Act
        h.Advance(TimeSpan.FromDays(3));

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Contains("closed", h.Completed(instance));
        Assert.Null(h.Engine.CorrelateMessage("customer-reply", "C-3"));
    }

    [Fact]
    public void BufferedMessage_CorrelatesToASubscriptionOpenedLater_AndItsIdIsAcceptedOnce()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/escalation-tiers.bpmn");
        var instance = h.Start("complaint", """{"caseId": "C-4"}""");
        h.Engine.PublishMessage("customer-reply", "C-4", TimeSpan.FromHours(1), "delivery-1", EngineHarness.Vars("""{"reply": "early"}"""));

        // Act: a duplicate delivery, then the instance reaches the catch event
        var duplicate = Assert.Throws<Engine.Execution.EngineException>(() => h.Engine.PublishMessage("customer-reply", "C-4", TimeSpan.FromHours(1), "delivery-1"));
        h.Engine.CompleteUserTask(h.OpenTask(instance, "tier1").Key);

        // Assert
        Assert.Equal(Engine.Execution.EngineError.InvalidState, duplicate.Error);
        Assert.Equal(["label"], EngineHarness.Active(instance));
        Assert.Equal("\"early\"", EngineHarness.Variable(instance, "reply"));
    }

    [Fact]
    public void AMessageIdKeptLongerThanItsTimeToLive_RefusesARedelivery_ButNeverCorrelatesLater()
    {
        // Arrange: the complaint waits for the customer's reply
        var h = new EngineHarness();
        h.Deploy("Execution/escalation-tiers.bpmn");
        var waiting = h.Start("complaint", """{"caseId": "C-9"}""");
        h.Engine.CompleteUserTask(h.OpenTask(waiting, "tier1").Key);

        // Act: a reply with no time to live, its id kept for an hour; the same delivery again; a second case reaches the catch event
        h.Engine.PublishMessage("customer-reply", "C-9", TimeSpan.Zero, "mq:reply-1", EngineHarness.Vars("""{"reply": "first"}"""), keepIdFor: TimeSpan.FromHours(1));
        var again = Assert.Throws<Engine.Execution.EngineException>(() =>
            h.Engine.PublishMessage("customer-reply", "C-9", TimeSpan.Zero, "mq:reply-1", EngineHarness.Vars("""{"reply": "again"}"""), keepIdFor: TimeSpan.FromHours(1)));
        var later = h.Start("complaint", """{"caseId": "C-9"}""");
        h.Engine.CompleteUserTask(h.OpenTask(later, "tier1").Key);

        // Assert: one correlation; the kept id correlates nothing later
        Assert.Equal(Engine.Execution.EngineError.InvalidState, again.Error);
        Assert.Equal("\"first\"", EngineHarness.Variable(waiting, "reply"));
        Assert.Null(EngineHarness.Variable(later, "reply"));

        // Act: the hour passes and the kept id is purged
        h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, h.Engine.PurgeExpiredMessages());

        // Assert: the id is free again
        h.Engine.PublishMessage("customer-reply", "C-9", TimeSpan.Zero, "mq:reply-1", EngineHarness.Vars("""{"reply": "much later"}"""), keepIdFor: TimeSpan.FromHours(1));
        Assert.Equal("\"much later\"", EngineHarness.Variable(later, "reply"));
    }

    [Fact]
    public void ExpiredMessages_ArePurgedEarliestFirst_InBoundedCommands_AndLeaveTheStore()
    {
        // Arrange
        var h = new EngineHarness();
        var published = h.Clock.GetUtcNow();
        h.Engine.PublishMessage("customer-reply", "C-6", TimeSpan.FromMinutes(2), "late-reply");
        h.Engine.PublishMessage("customer-reply", "C-7", TimeSpan.FromMinutes(1), "early-reply");
        h.Engine.PublishMessage("customer-reply", "C-8", TimeSpan.FromHours(1), "kept-reply");
        h.Clock.Advance(TimeSpan.FromMinutes(5));

        // Act
        var first = h.Engine.PurgeExpiredMessages(max: 1);
        var early = h.Store.FindMessageById("early-reply", published);
        var late = h.Store.FindMessageById("late-reply", published);
        var rest = h.Engine.PurgeExpiredMessages();

        // Assert: the earliest expiry went first; asked as of before they expired, the store no longer has either
        Assert.Equal((1, 1), (first, rest));
        Assert.Null(early);
        Assert.NotNull(late);
        Assert.Null(h.Store.FindMessageById("late-reply", published));
        Assert.NotNull(h.Store.FindMessageById("kept-reply", published));
        Assert.Empty(h.Store.ExpiredMessages(h.Clock.GetUtcNow()));
    }

    [Fact]
    public void MessageWithoutTimeToLive_DoesNotWaitForLaterSubscriptions()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/escalation-tiers.bpmn");
        var instance = h.Start("complaint", """{"caseId": "C-5"}""");
        h.Engine.PublishMessage("customer-reply", "C-5");

        // Act
        h.Engine.CompleteUserTask(h.OpenTask(instance, "tier1").Key);

        // Assert
        Assert.Equal(["wait"], EngineHarness.Active(instance));
    }

    [Fact]
    public void ThrownErrorCode_IsCaughtByTheMatchingBoundary()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/escalation-tiers.bpmn");
        var instance = h.Start("complaint", """{"caseId": "C-6"}""");
        h.Engine.CompleteUserTask(h.OpenTask(instance, "tier1").Key);
        h.Engine.CorrelateMessage("customer-reply", "C-6");
        var job = Assert.Single(h.Engine.ActivateJobs("carrier.label", "w", TimeSpan.FromMinutes(1), 1));

        // Act
        h.Engine.ThrowJobError(job.Key, "LABEL_REJECTED", "address invalid", EngineHarness.Vars("""{"reason": "address"}"""));

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(["rejected", "manual", "done"], h.Completed(instance)[^3..]);
        Assert.Equal("\"address\"", EngineHarness.Variable(instance, "reason"));
    }

    [Fact]
    public void UncaughtErrorCode_RaisesUnhandledErrorIncident()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/escalation-tiers.bpmn");
        var instance = h.Start("complaint", """{"caseId": "C-7"}""");
        h.Engine.CompleteUserTask(h.OpenTask(instance, "tier1").Key);
        h.Engine.CorrelateMessage("customer-reply", "C-7");
        var job = Assert.Single(h.Engine.ActivateJobs("carrier.label", "w", TimeSpan.FromMinutes(1), 1));

        // Act
        h.Engine.ThrowJobError(job.Key, "SOMETHING_ELSE");

        // Assert
        var incident = Assert.Single(h.Store.Incidents);
        Assert.Equal(IncidentType.UnhandledErrorEvent, incident.Type);
        Assert.Equal(job.Key, incident.JobKey);
        Assert.Equal(LifecycleState.Active, instance.State);

        // Act: resolving makes the job activatable again
        h.Engine.ResolveIncident(incident.Key);
        h.CompleteJob("carrier.label");

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void CancelInstance_TerminatesTasksAndTimers()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/escalation-tiers.bpmn");
        var instance = h.Start("complaint", """{"caseId": "C-8"}""");

        // Act
        h.Engine.CancelInstance(instance.Key);

        // Assert
        Assert.Equal(LifecycleState.Terminated, instance.State);
        Assert.Empty(instance.Elements);
        Assert.All(h.Store.UserTasks, t => Assert.Equal(UserTaskState.Canceled, t.State));
        Assert.Empty(h.Store.Subscriptions);
        Assert.Equal(0, h.Engine.FireDueTimers());
    }
}
