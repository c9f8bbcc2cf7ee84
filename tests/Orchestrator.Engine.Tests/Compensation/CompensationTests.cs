using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;

namespace Orchestrator.Engine.Tests.Compensation;

/// <summary>Compensation boundary events, handlers, and compensation throw and end events, as Camunda 8 runs them.</summary>
public class CompensationTests
{
    private static EngineHarness Deployed()
    {
        var h = new EngineHarness();
        h.Deploy("Compensation/compensation.bpmn");
        return h;
    }

    private static string[] OpenJobTypes(EngineHarness h, ProcessInstance instance) =>
        h.Store.Jobs.Where(j => j.ProcessInstanceKey == instance.Key && j.State is JobState.Activatable or JobState.Activated).Select(j => j.Type).Order(StringComparer.Ordinal).ToArray();

    private static ProcessInstance TripWithFailedCharge(EngineHarness h)
    {
        var instance = h.Start("trip");
        h.CompleteJob("book.hotel");
        h.CompleteJob("book.flight");
        var charge = Assert.Single(h.Engine.ActivateJobs("charge", "w", TimeSpan.FromMinutes(1), 1));
        h.Engine.ThrowJobError(charge.Key, "payment-failed");
        return instance;
    }

    [Fact]
    public void A_throw_event_starts_the_handlers_of_every_completed_activity_at_once_and_waits_for_all()
    {
        // Arrange
        var h = Deployed();

        // Act: both bookings made, then the charge fails
        var instance = TripWithFailedCharge(h);

        // Assert: both handlers run at once (the flight's is a subprocess); the throw event waits
        Assert.Equal(["cancel.hotel", "cancel.seat"], OpenJobTypes(h, instance));
        Assert.Equal(["cancelFlight", "cancelHotel", "cancelSeat", "undoAll"], EngineHarness.Active(instance));

        // Act: the hotel's handler completes, then the flight's two steps
        h.CompleteJob("cancel.hotel");
        Assert.Contains("undoAll", EngineHarness.Active(instance));
        h.CompleteJob("cancel.seat");
        h.CompleteJob("refund.fare");

        // Assert: the throw event completed after the last handler, and the instance ended on its path
        Assert.Equal(LifecycleState.Completed, instance.State);
        var completed = h.Completed(instance);
        Assert.True(Array.IndexOf(completed, "undoAll") > Array.IndexOf(completed, "cancelFlight"));
        Assert.Equal("cancelled", completed[^1]);
        Assert.Empty(instance.Compensable);
    }

    [Fact]
    public void Without_a_failure_no_handler_runs_and_nothing_is_kept_after_the_end()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("trip");
        h.CompleteJob("book.hotel");
        h.CompleteJob("book.flight");
        Assert.Equal(["flight", "hotel"], instance.Compensable.Select(c => c.Node.Id).Order(StringComparer.Ordinal));

        // Act
        h.CompleteJob("charge");

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Empty(instance.Compensable);
        Assert.DoesNotContain(h.Store.Jobs, j => j.Type.StartsWith("cancel.", StringComparison.Ordinal));
    }

    [Fact]
    public void An_activity_that_completed_twice_is_undone_twice_and_activityRef_undoes_only_it()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("repeat");

        // Act: the loop runs the step twice
        h.CompleteJob("step");
        h.CompleteJob("other", """{"more": true}""");
        h.CompleteJob("step");
        h.CompleteJob("other", """{"more": false}""");

        // Assert: two handlers of the step, none of the other activity; the end event waits for both
        Assert.Equal(["undo.step", "undo.step"], OpenJobTypes(h, instance));
        Assert.Equal(["undoStep", "undoStep", "undoSteps"], EngineHarness.Active(instance));
        foreach (var job in h.Engine.ActivateJobs("undo.step", "w", TimeSpan.FromMinutes(1), 10))
        {
            Assert.Equal(LifecycleState.Active, instance.State);
            h.Engine.CompleteJob(job.Key);
        }

        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void Compensation_reaches_into_completed_subprocesses_multi_instance_is_undone_once_and_an_interrupted_subprocess_is_not_undone()
    {
        // Arrange: the pickup and the stock subprocess completed, the packing ran for two items, the courier is booked
        var h = Deployed();
        var instance = h.Start("nested", """{"returnId": "R-1", "items": ["A", "B"]}""");
        h.CompleteJob("label.create");
        foreach (var job in h.Engine.ActivateJobs("stock.reserve", "w", TimeSpan.FromMinutes(1), 10))
        {
            h.Engine.CompleteJob(job.Key);
        }

        foreach (var job in h.Engine.ActivateJobs("pack", "w", TimeSpan.FromMinutes(1), 10))
        {
            h.Engine.CompleteJob(job.Key);
        }

        h.CompleteJob("courier.book");

        // Act: the courier does not come; its subprocess is interrupted and the return undone
        h.Advance(TimeSpan.FromHours(1));

        // Assert: the label inside the pickup, the stock through its compensation event subprocess, the packing once;
        // the courier booking ran inside the interrupted subprocess and is not undone
        Assert.Equal(["label.void", "stock.release", "unpack"], OpenJobTypes(h, instance));
        Assert.Equal(["release", "undoReturn", "undoStock", "unpack", "voidLabel"], EngineHarness.Active(instance));
        h.CompleteJob("label.void");
        h.CompleteJob("stock.release");
        h.CompleteJob("unpack");
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("undone", h.Completed(instance)[^1]);
        Assert.DoesNotContain(h.Store.Jobs, j => j.Type == "courier.unbook");
    }

    [Fact]
    public void An_error_event_subprocess_undoes_the_scope_around_it_with_a_call_activity_handler()
    {
        // Arrange
        var h = Deployed();
        var instance = h.Start("on-error");
        h.CompleteJob("refund");

        // Act
        var notify = Assert.Single(h.Engine.ActivateJobs("notify", "w", TimeSpan.FromMinutes(1), 1));
        h.Engine.ThrowJobError(notify.Key, "mail-down");

        // Assert: the handler called its process; the end event in the event subprocess waits for it
        var child = Assert.Single(h.Store.Instances, i => i.Definition.BpmnProcessId == "reverse-refund");
        Assert.Equal(["failure", "reverseRefund", "undoEverything"], EngineHarness.Active(instance));
        h.CompleteJob("refund.reverse");
        Assert.Equal(LifecycleState.Completed, child.State);
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void A_throw_event_with_nothing_to_undo_completes_at_once()
    {
        // Arrange
        var h = Deployed();

        // Act
        var instance = h.Start("nothing-to-undo");

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(["undoNothing", "nothingEnd"], h.Completed(instance).Skip(1).ToArray());
    }

    [Fact]
    public void Cancelling_an_instance_while_handlers_run_ends_them()
    {
        // Arrange
        var h = Deployed();
        var instance = TripWithFailedCharge(h);

        // Act
        h.Engine.CancelInstance(instance.Key);

        // Assert
        Assert.Equal(LifecycleState.Terminated, instance.State);
        Assert.Empty(OpenJobTypes(h, instance));
        Assert.Empty(instance.Elements);
    }
}
