using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.Policies;

/// <summary>
/// A process owner changes a row of a shipped decision and redeploys it: returns started from then on decide by the new version,
/// what a return decided before stays decided. A server of its own, since the redeploy changes the latest version for every test on it.
/// </summary>
public sealed class PolicyRedeployTests(WorkflowServer server) : IClassFixture<WorkflowServer>
{
    // Monday 7 December 2026, 10:00 in Shanghai.
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_return_window_changed_from_30_to_45_days_and_redeployed_applies_to_returns_started_after_it() =>
        await server.RunAtAsync(Start, async () =>
        {
            // Arrange: under the shipped policy a return 40 days after delivery is refused
            var before = await StartReturnAsync("P-BEFORE");
            Assert.True(await LookedUpAsync(before));
            Assert.True(await server.PassedAsync(before, "eligible"));
            var shipped = await File.ReadAllTextAsync(Path.Combine(WorkflowServer.WorkflowsFolder, "return-policy.dmn"));
            const string Row = "<outputEntry id=\"return-window-quality-days\">\n          <text>30</text>";
            Assert.Contains(Row, shipped, StringComparison.Ordinal);

            // Act: the process owner gives quality faults 45 days and deploys the model again
            await server.DeployXmlAsync("return-policy.dmn", shipped.Replace(Row, Row.Replace(">30<", ">45<", StringComparison.Ordinal), StringComparison.Ordinal));
            var after = await StartReturnAsync("P-AFTER");
            Assert.True(await LookedUpAsync(after));

            // Assert: the new return is eligible by version 2; the one before keeps its refusal by version 1
            Assert.True(await server.PassedAsync(after, "eligible"));
            Assert.Equal("", (await server.VariableAsync(after, "ineligibleReason"))!.GetValue<string>());
            Assert.True(await Poll.Until(async () => (await server.SearchAsync("element-instances", new { processInstanceKey = after, elementId = "createRma" })).Count > 0));
            Assert.Equal("the 30-day return window has closed", (await server.VariableAsync(before, "ineligibleReason"))!.GetValue<string>());
            Assert.Equal(1, (await server.DecisionAsync(before, "return-window"))["decisionDefinitionVersion"]!.GetValue<int>());
            Assert.Equal(2, (await server.DecisionAsync(after, "return-window"))["decisionDefinitionVersion"]!.GetValue<int>());
            var latest = Assert.Single(await server.SearchAsync("decision-definitions", new { decisionDefinitionId = "return-window", isLatestVersion = true }))!;
            Assert.Equal(2, latest["version"]!.GetValue<int>());
        });

    /// <summary>Stands in for orders.get and customers.get until the instance has passed both lookups.</summary>
    private async Task<bool> LookedUpAsync(string instance) =>
        await Poll.Until(async () =>
        {
            await server.CompleteJobsAsync("orders.get", instance, job => new
            {
                order = new
                {
                    orderId = job["orderId"]!.DeepClone(), customerId = "CUST-" + job["orderId"], channel = "web", country = "CN", currency = "CNY", orderValue = 120, paidAmount = 120,
                    placedAt = Start.AddDays(-45), deliveredAt = Start.AddDays(-40), lines = new[] { new { sku = "SKU-KETTLE", name = "Kettle", category = "kitchen", quantity = 1, unitPrice = 120, paidAmount = 120 } },
                },
            });
            await server.CompleteJobsAsync("customers.get", instance, job => new
            {
                customer = new { customerId = job["customerId"]!.DeepClone(), name = "Li Wei", tier = "standard", trustLevel = "normal", trustScore = 55, language = "en", preferredChannel = "email", country = "CN" },
            });
            return (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "lookupCustomer", state = "COMPLETED" })).Count > 0;
        });

    private async Task<string> StartReturnAsync(string orderId) =>
        await server.StartAsync("return-and-refund", new
        {
            orderId, customerId = "CUST-" + orderId, customerTier = "standard", kind = "refund", category = "kitchen", language = "en", amount = 120, currency = "CNY",
            deliveredAt = Start.AddDays(-40).ToString("O", System.Globalization.CultureInfo.InvariantCulture), returnReason = "arrived broken",
            items = new[] { new { sku = "SKU-KETTLE", quantity = 1 } },
            address = new { name = "Li Wei", street = "1 Nanjing Road", city = "Shanghai", postalCode = "200000", country = "CN" },
        });
}
