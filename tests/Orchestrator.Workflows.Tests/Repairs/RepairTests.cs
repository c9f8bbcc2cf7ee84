using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.Repairs;

/// <summary>repair: RMA, pickup or on-site visit with the 24 h response and 48 h on-site promises, diagnosis, quote approval by message, repair, replacement or refund.</summary>
public sealed class RepairTests(WorkflowServer server) : IClassFixture<WorkflowServer>
{
    // Wednesday 9 December 2026, 09:30 in Shanghai.
    private static readonly DateTimeOffset Start = new(2026, 12, 9, 1, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_device_picked_up_and_repaired_under_warranty_goes_back_to_the_customer() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("P-1", "pickup");
            await CompleteAsync(instance, "diagnose", new { diagnosis = "repair", quoteAmount = 0 });
            await CompleteAsync(instance, "repairIt", new { });

            Assert.True(await DriveToAsync(instance, "done"));
            Assert.Single(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "shipBack", state = "COMPLETED" }));
        });

    [Fact]
    public async Task A_late_on_site_booking_alerts_the_managers_and_a_replacement_is_sent() =>
        await server.RunAtAsync(Start, async () =>
        {
            var instance = await StartAsync("P-2", "onsite");
            Assert.True(await DriveToAsync(instance, "bookVisit"));

            await server.PinAsync(Start.AddHours(25));
            Assert.True(await DriveToAsync(instance, "responseAlerted"), "the 24 h response promise did not alert the managers");
            await CompleteAsync(instance, "bookVisit", new { });
            await CompleteAsync(instance, "diagnose", new { diagnosis = "replace", quoteAmount = 0 });

            Assert.True(await DriveAsync(instance, async () => (await server.CompleteJobsAsync("warehouse.reship", instance, new { reshipment = new { shipmentId = "SH-R" } })).Count > 0));
            Assert.True(await DriveToAsync(instance, "done"));
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "onSiteLate" }));
        });

    [Fact]
    public async Task A_quote_the_customer_approves_is_repaired_and_one_left_unanswered_is_sent_back_unrepaired() =>
        await server.RunAtAsync(Start, async () =>
        {
            var approved = await StartAsync("P-3", "pickup");
            var ignored = await StartAsync("P-4", "pickup");
            await CompleteAsync(approved, "diagnose", new { diagnosis = "repair", quoteAmount = 300 });
            await CompleteAsync(ignored, "diagnose", new { diagnosis = "repair", quoteAmount = 300 });
            Assert.True(await DriveToAsync(approved, "awaitAnswer"));
            Assert.True(await DriveToAsync(ignored, "awaitAnswer"));

            await server.PostOkAsync("/v2/messages/publication", new { name = "repair.quote-answer", correlationKey = "P-3", variables = new { quoteApproved = true } });
            await CompleteAsync(approved, "repairIt", new { });
            await server.PinAsync(Start.AddDays(6));

            Assert.True(await DriveToAsync(approved, "done"));
            Assert.True(await DriveToAsync(ignored, "done"));
            Assert.Empty(await server.SearchAsync("element-instances", new { processInstanceKey = ignored, elementId = "repairIt" }));
        });

    private static object Label(JsonNode job) => new { label = new { shipmentId = "SH-" + job["orderId"], trackingCode = "TRK-" + job["orderId"], labelUrl = "https://labels.example/r.pdf" } };

    private async Task<string> StartAsync(string orderId, string serviceType) =>
        await server.StartAsync("repair", new
        {
            orderId, customerId = "CUST-" + orderId, serviceType, productSku = "SKU-VACUUM", issue = "does not turn on", amount = 899, language = "zh-CN",
            address = new { name = "Wang Fang", street = "5 Huaihai Road", city = "Shanghai", postalCode = "200001", country = "CN" },
        });

    private async Task CompleteAsync(string instance, string elementId, object variables)
    {
        Assert.True(await DriveToAsync(instance, elementId), $"the repair never reached {elementId}");
        var task = await server.TaskAsync(instance, elementId);
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/completion", new { variables }));
    }

    private Task<bool> DriveAsync(string instance, Func<Task<bool>> reached) =>
        Poll.Until(async () =>
        {
            await server.CompleteJobsAsync("warehouse.createRma", instance, job => new { rma = new { rmaId = "RMA-" + job["orderId"], reference = "REF-" + job["orderId"] } });
            await server.CompleteJobsAsync("carrier.schedulePickup", instance, new { pickup = new { pickupId = "P" } });
            await server.CompleteJobsAsync("carrier.createLabel", instance, Label);
            await server.CompleteJobsAsync("notify.send", instance);
            return await reached();
        });

    private Task<bool> DriveToAsync(string instance, string elementId) =>
        DriveAsync(instance, async () => (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId })).Count > 0);
}
