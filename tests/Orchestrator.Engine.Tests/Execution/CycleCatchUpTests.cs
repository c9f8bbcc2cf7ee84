using Orchestrator.Engine.Model;
using Orchestrator.Engine.Tests.Support;

namespace Orchestrator.Engine.Tests.Execution;

/// <summary>A timer cycle that fell far behind fires once for all it missed and goes on from now, as Zeebe does.</summary>
public class CycleCatchUpTests
{
    [Fact]
    public void Bug_a_cycle_far_behind_fired_once_per_missed_period()
    {
        // Arrange: an hourly reminder, then the clock 40 days on (960 missed hours).
        var h = new EngineHarness();
        h.Deploy("Execution/cycle.bpmn");
        var instance = h.Start("cycle");
        h.Clock.Advance(TimeSpan.FromDays(40));

        // Act
        var fired = h.Engine.FireDueTimers();

        // Assert
        Assert.Equal(1, fired);
        Assert.Single(h.Completed(instance), id => id == "reminded");
        var timer = Assert.Single(h.Store.Subscriptions, s => s.Kind == EventKind.Timer);
        Assert.Equal(h.Clock.GetUtcNow().AddHours(1), timer.DueDate);
    }

    [Fact]
    public void A_cycle_on_time_keeps_its_beat()
    {
        // Arrange
        var h = new EngineHarness();
        h.Deploy("Execution/cycle.bpmn");
        var instance = h.Start("cycle");
        var start = h.Clock.GetUtcNow();

        // Act: each firing a little late, as schedulers are.
        for (var hour = 1; hour <= 3; hour++)
        {
            h.Clock.Advance(start.AddHours(hour).AddSeconds(5) - h.Clock.GetUtcNow());
            Assert.Equal(1, h.Engine.FireDueTimers());
        }

        // Assert: the next is still on the hour, not drifting by the lateness.
        Assert.Equal(3, h.Completed(instance).Count(id => id == "reminded"));
        Assert.Equal(start.AddHours(4), Assert.Single(h.Store.Subscriptions, s => s.Kind == EventKind.Timer).DueDate);
    }
}
