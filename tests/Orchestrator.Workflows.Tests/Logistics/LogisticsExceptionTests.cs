using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.Logistics;

/// <summary>logistics-exception: started by the carrier's signed tracking webhook for exception statuses only; claim, decision, reship, refund or wait until delivered.</summary>
public sealed class LogisticsExceptionTests(WorkflowServer server) : IClassFixture<WorkflowServer>
{
    // Tuesday 8 December 2026, 11:00 in Shanghai.
    private static readonly DateTimeOffset Start = new(2026, 12, 8, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_lost_parcel_gets_a_claim_and_the_customer_is_refunded() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await ExceptionAsync("TRK-LOST-1", "L-1", "Lost", "failure");
            var claims = new List<JsonNode>();
            Assert.True(await DriveAsync(instance, async () => (claims = await server.CompleteJobsAsync("carrier.fileClaim", instance, new { claim = new { claimId = "CL-1", status = "APPROVED" } })).Count > 0));
            Assert.Equal("lost", claims[0]["reason"]!.GetValue<string>());

            await DecideAsync(instance, "refund");
            Assert.True(await DriveAsync(instance, async () => (await server.CompleteJobsAsync("payment.refund", instance, new { refund = new { refundId = "RF-L1", amount = 100 } })).Count > 0));

            Assert.True(await DriveToAsync(instance, "compensated"));
        });

    [Fact]
    public async Task A_denied_claim_still_reaches_the_agent_who_reships() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await ExceptionAsync("TRK-DMG-1", "L-2", "Damaged", "failure");
            JsonArray claims = [];
            Assert.True(await DriveAsync(instance, async () => (claims = await server.ActivateAsync("carrier.fileClaim")).Count > 0));
            await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{claims[0]!["jobKey"]}/error", new { errorCode = "CLAIM_DENIED", errorMessage = "delivered in good order" }));

            await DecideAsync(instance, "reship");
            Assert.True(await DriveAsync(instance, async () => (await server.CompleteJobsAsync("warehouse.reship", instance, new { reshipment = new { shipmentId = "SH-9", trackingCode = "TRK-NEW" } })).Count > 0));

            Assert.True(await DriveToAsync(instance, "compensated"));
        });

    [Fact]
    public async Task A_delayed_parcel_the_agent_waits_for_closes_when_the_carrier_reports_it_delivered() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await ExceptionAsync("TRK-LATE-1", "L-3", "Delayed", "in_transit");
            await DecideAsync(instance, "wait");
            Assert.True(await DriveToAsync(instance, "awaitNews"));

            Assert.Equal(HttpStatusCode.Accepted, (await server.CarrierTrackingAsync(Update("TRK-LATE-1", "L-3", "Delivered", "delivered"))).StatusCode);

            Assert.True(await DriveToAsync(instance, "closedDelivered"));
        });

    [Theory]
    [InlineData("InTransit", "in_transit")]
    [InlineData("Delivered", "delivered")]
    public async Task Routine_tracking_updates_and_deliveries_nobody_waits_for_start_nothing(string status, string carrierStatus)
    {
        var trackingCode = "TRK-FINE-" + status;
        var response = await server.CarrierTrackingAsync(Update(trackingCode, "L-4", status, carrierStatus));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Task.Delay(300);
        Assert.Empty(await server.SearchAsync("variables", new { name = "trackingCode", value = $"\"{trackingCode}\"" }));
    }

    private async Task<string> ExceptionAsync(string trackingCode, string orderId, string status, string carrierStatus)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await server.CarrierTrackingAsync(Update(trackingCode, orderId, status, carrierStatus))).StatusCode);
        JsonNode? variable = null;
        Assert.True(await Poll.Until(async () =>
            (variable = (await server.SearchAsync("variables", new { name = "trackingCode", value = $"\"{trackingCode}\"" })).FirstOrDefault()) is not null));
        return variable!["processInstanceKey"]!.GetValue<string>();
    }

    private static object Update(string trackingCode, string orderId, string status, string carrierStatus) =>
        new { trackingCode, orderId, status, carrierStatus, at = Start };

    private async Task DecideAsync(string instance, string action)
    {
        Assert.True(await DriveToAsync(instance, "decide"));
        var task = await server.TaskAsync(instance, "decide");
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/completion", new { variables = new { action } }));
    }

    private Task<bool> DriveAsync(string instance, Func<Task<bool>> reached) =>
        Poll.Until(async () =>
        {
            await server.CompleteJobsAsync("notify.send", instance);
            return await reached();
        });

    private Task<bool> DriveToAsync(string instance, string elementId) =>
        DriveAsync(instance, async () => (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId })).Count > 0);
}
