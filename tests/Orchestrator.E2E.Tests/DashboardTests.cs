using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>The dashboard shows an SLA breach once the clock has moved past a task's due date.</summary>
[Collection(ProductTests.Name)]
public sealed class DashboardTests(ProductServer product)
{
    [Fact]
    public async Task The_dashboard_shows_a_breach_after_the_clock_moves_past_an_sla()
    {
        await product.DeployAsync("answer.bpmn");
        var start = DateTimeOffset.UtcNow.AddDays(30);
        await product.PinAsync(start);
        try
        {
            var instance = await product.StartAsync("e2e-answer", new { orderId = "E2E-SLA-1" });

            await product.AsUserAsync("oscar", nameof(The_dashboard_shows_a_breach_after_the_clock_moves_past_an_sla), async page =>
            {
                await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
                var breaches = page.GetByRole(AriaRole.Region, new() { Name = "Recent SLA breaches" });
                await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Figures per process" })).ToContainTextAsync("e2e-answer");
                await Assertions.Expect(breaches.GetByRole(AriaRole.Link, new() { Name = instance })).ToHaveCountAsync(0);

                await product.PinAsync(start.AddHours(2));
                // The SLA sweep records the breach a moment later: refresh once the dashboard's API reports it.
                Assert.True(await Poll.Until(() => ReportsBreachAsync(instance)), $"the dashboard's API reports no breach of instance {instance}");
                await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
                await Assertions.Expect(breaches.GetByRole(AriaRole.Link, new() { Name = instance })).ToBeVisibleAsync();
                var row = page.GetByRole(AriaRole.Table, new() { Name = "Figures per process" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-answer" });
                await Assertions.Expect(row.GetByRole(AriaRole.Cell).Nth(3)).ToHaveTextAsync("1");
                await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "SLA breaches" })).ToHaveTextAsync(new Regex(@"^[1-9]\d*\s*SLA breaches$"));
            });
        }
        finally
        {
            await ApiAssert.NoContent(await product.Api.PostAsync("/v2/clock/reset", null));
        }
    }

    private async Task<bool> ReportsBreachAsync(string instance) =>
        (await ApiAssert.OkJson(await product.Api.GetAsync("/api/dashboard")))["breaches"]!.AsArray()
            .Any(e => e!["processInstanceKey"]!.GetValue<string>() == instance && e["event"]!.GetValue<string>() == "BREACHED");
}
