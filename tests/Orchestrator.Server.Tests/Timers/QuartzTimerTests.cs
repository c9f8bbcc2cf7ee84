using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Testing;
using Orchestrator.Server.Timers;
using Quartz;

namespace Orchestrator.Server.Tests.Timers;

/// <summary>A server without clock control: Quartz alone fires timers.</summary>
public sealed class QuartzOnlyServer : ServerFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Engine:ClockControl"] = "false";
        return settings;
    }
}

/// <summary>Timers go through Quartz's persistent store: one trigger per open timer, removed when the timer ends, and a trigger that fires early or twice does nothing.</summary>
public sealed class QuartzTimerTests(QuartzOnlyServer server) : IClassFixture<QuartzOnlyServer>
{
    [Fact]
    public async Task A_timer_gets_a_persistent_trigger_that_goes_away_when_its_instance_is_canceled()
    {
        await server.DeployAsync("Timers/timers.bpmn");
        var instance = await server.StartAsync("wait-an-hour");
        var scheduler = await server.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var timerKey = await TimerKeyAsync(instance);

        Assert.True(await Eventually(() => scheduler.Exists(QuartzTimerBridge.TriggerOf(timerKey)).AsTask()), "no Quartz trigger for the timer");

        await ApiAssert.NoContent(await server.PostAsync($"/v2/process-instances/{instance}/cancellation", null));
        Assert.True(await Eventually(async () => !await scheduler.Exists(QuartzTimerBridge.TriggerOf(timerKey))), "the trigger outlived its timer");
    }

    [Fact]
    public async Task A_trigger_that_fires_before_the_timer_is_due_does_nothing()
    {
        await server.DeployAsync("Timers/timers.bpmn");
        var instance = await server.StartAsync("wait-an-hour");
        var scheduler = await server.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var timerKey = await TimerKeyAsync(instance);

        await scheduler.TriggerJob(FireTimerJob.Key, new JobDataMap { [FireTimerJob.TimerKey] = timerKey });
        await Task.Delay(500);

        Assert.Single(await server.SearchAsync("process-instances", new { processInstanceKey = instance, state = "ACTIVE" }));
    }

    [Fact]
    public async Task Quartz_fires_a_due_timer_and_the_instance_moves_on()
    {
        await server.DeployAsync("Timers/timers.bpmn");
        var instance = await server.StartAsync("overdue");

        Assert.True(await Eventually(async () =>
            (await server.SearchAsync("process-instances", new { processInstanceKey = instance, state = "COMPLETED" })).Count == 1), "Quartz did not fire the overdue timer");
    }

    private async Task<long> TimerKeyAsync(string instance)
    {
        var key = long.Parse(instance, System.Globalization.CultureInfo.InvariantCulture);
        await using var context = server.Services.GetRequiredService<Persistence.OrchestratorDatabase>().CreateContext();
        return context.Subscriptions.Where(s => s.ProcessInstanceKey == key && s.Kind == "Timer").Select(s => s.Key).Single();
    }

    private static async Task<bool> Eventually(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
