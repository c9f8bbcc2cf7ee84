using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>Messages (correlation now, publication with buffering and de-duplication) and signals.</summary>
public sealed class MessagingTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Correlation_answers_the_instance_that_took_the_message()
    {
        await server.DeployAsync("Api/parcel-wait.bpmn");
        var instance = await server.StartAsync("parcel-wait", new { parcelId = "P-1" });

        var correlated = await server.PostOkAsync("/v2/messages/correlation", new { name = "parcel", correlationKey = "P-1", variables = new { signedBy = "Kim" }, tenantId = "<default>" });

        Assert.Equal(instance, correlated["processInstanceKey"]!.GetValue<string>());
        Assert.Matches("^[0-9]+$", correlated["messageKey"]!.GetValue<string>());
        Assert.Equal("<default>", correlated["tenantId"]!.GetValue<string>());
        Assert.Equal("COMPLETED", await StateAsync(instance));
        Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = instance, name = "signedBy" }));
    }

    [Fact]
    public async Task Correlation_that_nothing_waits_for_is_a_404()
    {
        await server.DeployAsync("Api/parcel-wait.bpmn");

        var detail = await ApiAssert.Problem(await server.PostAsync("/v2/messages/correlation", new { name = "parcel", correlationKey = "nobody-waits" }), 404, "NOT_FOUND");

        Assert.Contains("parcel", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_published_with_a_time_to_live_waits_for_the_subscription()
    {
        await server.DeployAsync("Api/parcel-wait.bpmn");
        var published = await server.PostOkAsync("/v2/messages/publication", new { name = "parcel", correlationKey = "P-ttl", timeToLive = 60_000, variables = new { early = true } });
        Assert.Matches("^[0-9]+$", published["messageKey"]!.GetValue<string>());

        var instance = await server.StartAsync("parcel-wait", new { parcelId = "P-ttl" });

        Assert.True(await Poll.Until(async () => await StateAsync(instance) == "COMPLETED"), "the buffered message did not correlate when the subscription opened");
        Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = instance, name = "early" }));
    }

    [Fact]
    public async Task A_message_without_a_time_to_live_is_not_buffered()
    {
        await server.DeployAsync("Api/parcel-wait.bpmn");
        await server.PostOkAsync("/v2/messages/publication", new { name = "parcel", correlationKey = "P-no-ttl", timeToLive = 0 });

        var instance = await server.StartAsync("parcel-wait", new { parcelId = "P-no-ttl" });

        Assert.Equal("ACTIVE", await StateAsync(instance));
        await server.PostOkAsync("/v2/messages/publication", new { name = "parcel", correlationKey = "P-no-ttl" });
        Assert.Equal("COMPLETED", await StateAsync(instance));
    }

    [Fact]
    public async Task A_message_id_still_buffered_is_refused_and_correlates_once()
    {
        await server.DeployAsync("Api/parcel-wait.bpmn");
        var message = new { name = "parcel", correlationKey = "P-dup", timeToLive = 60_000, messageId = "dup-" + Guid.NewGuid().ToString("N") };
        await server.PostOkAsync("/v2/messages/publication", message);

        await ApiAssert.Problem(await server.PostAsync("/v2/messages/publication", message), 409, "INVALID_STATE");
        await server.PostOkAsync("/v2/messages/publication", message with { messageId = "other-" + Guid.NewGuid().ToString("N") });
    }

    [Fact]
    public async Task A_signal_broadcast_starts_an_instance_at_the_signal_start_event()
    {
        await server.DeployAsync("Api/signal-start.bpmn");
        var before = (await server.SearchAsync("process-instances", new { processDefinitionId = "signal-start" })).Count;

        var broadcast = await server.PostOkAsync("/v2/signals/broadcast", new { signalName = "recall", variables = new { batch = "B-7" }, tenantId = "<default>" });

        Assert.Matches("^[0-9]+$", broadcast["signalKey"]!.GetValue<string>());
        var started = await server.SearchAsync("process-instances", new { processDefinitionId = "signal-start" });
        Assert.Equal(before + 1, started.Count);
        var instance = started.Select(i => i!["processInstanceKey"]!.GetValue<string>()).MaxBy(k => long.Parse(k, System.Globalization.CultureInfo.InvariantCulture))!;
        var batch = Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = instance, name = "batch" }))!;
        Assert.Equal("\"B-7\"", batch["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_signal_nobody_listens_to_is_still_accepted()
    {
        var broadcast = await server.PostOkAsync("/v2/signals/broadcast", new { signalName = "nobody-listens" });

        Assert.Equal("<default>", broadcast["tenantId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bug_buffered_messages_stayed_in_the_database_after_they_expired()
    {
        var start = DateTimeOffset.UtcNow.AddDays(3);
        await server.RunAtAsync(start, async () =>
        {
            var minute = await PublishAsync("P-expiring", 60_000);
            var hour = await PublishAsync("P-expiring", 3_600_000);
            Assert.Equal([minute, hour], await StoredAsync(minute, hour));

            await server.PinAsync(start.AddMinutes(2));

            Assert.True(await Poll.Until(async () => (await StoredAsync(minute, hour)).Count == 1), "the expired message's row stayed");
            Assert.Equal([hour], await StoredAsync(minute, hour));
        });
    }

    private async Task<long> PublishAsync(string correlationKey, long timeToLive) =>
        long.Parse((await server.PostOkAsync("/v2/messages/publication", new { name = "parcel", correlationKey, timeToLive }))["messageKey"]!.GetValue<string>(),
            System.Globalization.CultureInfo.InvariantCulture);

    private async Task<List<long>> StoredAsync(params long[] keys)
    {
        await using var context = server.Services.GetRequiredService<OrchestratorDatabase>().CreateContext();
        return await context.Messages.Where(m => keys.Contains(m.Key)).Select(m => m.Key).OrderBy(k => k).ToListAsync();
    }

    private async Task<string> StateAsync(string instance) =>
        (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}")))["state"]!.GetValue<string>();
}
