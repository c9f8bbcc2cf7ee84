using System.Net.Http.Json;
using Microsoft.Playwright;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>An operator finds an instance stuck on an incident, retries it, and the instance moves on; and sees which rules an instance's decisions matched.</summary>
[Collection(ProductTests.Name)]
public sealed class OperationsTests(ProductServer product)
{
    [Fact]
    public async Task An_operator_retries_an_incident_and_the_instance_moves_on()
    {
        await product.DeployAsync("flaky.bpmn");
        var orderId = "E2E-OPS-" + Guid.NewGuid().ToString("N")[..8];
        var instance = await product.StartAsync("e2e-flaky", new { orderId });
        var job = await ActivateAsync();
        await ApiAssert.NoContent(await product.Api.PostAsJsonAsync($"/v2/jobs/{job}/failure", new { retries = 0, errorMessage = "carrier API down (503)" }));

        await product.AsUserAsync("oscar", nameof(An_operator_retries_an_incident_and_the_instance_moves_on), async page =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Operations" }).ClickAsync();
            await page.GetByLabel("Business key").FillAsync(orderId);
            await page.GetByLabel("With incidents only").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            var rows = page.GetByRole(AriaRole.Table, new() { Name = "Process instances" }).GetByRole(AriaRole.Row);
            await Assertions.Expect(rows).ToHaveCountAsync(2);
            await page.GetByRole(AriaRole.Link, new() { Name = orderId }).ClickAsync();

            var incidents = page.GetByRole(AriaRole.Region, new() { Name = "Incidents" });
            await Assertions.Expect(incidents).ToContainTextAsync("carrier API down (503)");
            await Assertions.Expect(page.Locator(".op-incident")).ToHaveCountAsync(1);
            await incidents.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
            await Assertions.Expect(incidents).ToContainTextAsync("No open incidents.");

            // The job is back with its retries raised: the worker takes it again, and this time it works.
            await ApiAssert.NoContent(await product.Api.PostAsJsonAsync($"/v2/jobs/{await ActivateAsync()}/completion", new { variables = new { labelId = "L-1" } }));
            await Assertions.Expect(page.GetByTestId("retry-outcome")).ToHaveTextAsync("Create the label ran again and succeeded.", new() { Timeout = 15_000 });
            await Assertions.Expect(page.GetByText("Completed", new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "History" })).ToContainTextAsync("Incident at Create the label resolved");
        });

        var state = (await product.SearchAsync("process-instances", new { processInstanceKey = instance })).Single()!;
        Assert.Equal("COMPLETED", state["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_operator_sees_the_inputs_and_matched_rules_of_the_decisions_an_instance_evaluated()
    {
        await product.DeployAsync("claim-routing.dmn", "claim-routing.bpmn");
        var instance = await product.StartAsync("e2e-claim-routing-process", new { spend = 1500, claimValue = 200 });

        await product.AsUserAsync("oscar", nameof(An_operator_sees_the_inputs_and_matched_rules_of_the_decisions_an_instance_evaluated), async page =>
        {
            await page.GotoAsync($"{product.Address}#/operations/{instance}");
            var decisions = page.GetByRole(AriaRole.Region, new() { Name = "Decisions" });
            var rows = decisions.GetByRole(AriaRole.Row);
            // The table the task called and the literal expression it required, oldest first.
            await Assertions.Expect(rows).ToHaveCountAsync(3);
            await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("tier");
            await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("\"gold\"");
            await Assertions.Expect(rows.Nth(2)).ToContainTextAsync("Route the claim");
            await Assertions.Expect(rows.Nth(2)).ToContainTextAsync("EVALUATED");
            await Assertions.Expect(rows.Nth(2)).ToContainTextAsync("\"priority\"");

            await decisions.GetByRole(AriaRole.Button, new() { Name = "Details of Route the claim" }).ClickAsync();
            var inputs = page.GetByRole(AriaRole.Region, new() { Name = "Inputs of Route the claim" });
            await Assertions.Expect(inputs).ToContainTextAsync("Tier");
            await Assertions.Expect(inputs).ToContainTextAsync("\"gold\"");
            await Assertions.Expect(inputs).ToContainTextAsync("Claim value");
            var rules = page.GetByRole(AriaRole.Region, new() { Name = "Matched rules of Route the claim" });
            await Assertions.Expect(rules).ToContainTextAsync("Rule 1");
            await Assertions.Expect(rules).ToContainTextAsync("route-gold");
            await Assertions.Expect(rules).ToContainTextAsync("team");
            await Assertions.Expect(rules).ToContainTextAsync("\"priority\"");
        });

        var evaluated = await product.SearchAsync("decision-instances", new { processInstanceKey = instance });
        Assert.Equal(2, evaluated.Count);
    }

    private async Task<string> ActivateAsync()
    {
        var response = await ApiAssert.OkJson(await product.Api.PostAsJsonAsync("/v2/jobs/activation",
            new { type = "e2e.label", worker = "e2e", timeout = 60_000, maxJobsToActivate = 1, requestTimeout = 10_000 }));
        return Assert.Single(response["jobs"]!.AsArray())!["jobKey"]!.GetValue<string>();
    }
}
