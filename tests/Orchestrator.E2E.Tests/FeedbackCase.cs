using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>A finished case of <c>feedback.bpmn</c> (its task's form: <c>feedback-handle.form</c>): what the report pages and a quality review look at.</summary>
public static class FeedbackCase
{
    /// <summary>The carrier of every feedback case.</summary>
    public const string Carrier = "E2E-Carrier";

    /// <summary>What alice submits with the case's task.</summary>
    public const string Resolution = "replacement sent";

    /// <summary>
    /// Starts a feedback case about a parcel damaged in transit with <see cref="Carrier"/> (plus <paramref name="extra"/>
    /// variables), has alice claim and complete its tier-3 task, which finishes the case, waits until the reports count
    /// it, and returns the instance's key.
    /// </summary>
    public static async Task<string> FinishAsync(ProductServer product, object extra)
    {
        ArgumentNullException.ThrowIfNull(product);
        await product.DeployAsync("feedback.bpmn", "feedback-handle.form");
        var before = await ClosedAsync(product);
        var variables = JsonNode.Parse(JsonSerializer.Serialize(extra))!.AsObject();
        variables["orderId"] = "E2E-VOC-" + Guid.NewGuid().ToString("N")[..8];
        variables["reasonCode"] = "logistics/damaged";
        variables["carrier"] = Carrier;
        variables["country"] = "DE";
        var instance = await product.StartAsync("e2e-feedback", variables);
        var task = await product.OpenTaskAsync(instance, "handle");
        using var alice = product.ClientFor("alice");
        await ApiAssert.NoContent(await alice.PostAsJsonAsync($"/v2/user-tasks/{task}/assignment", new { assignee = "alice", allowOverride = false }));
        await ApiAssert.NoContent(await alice.PostAsJsonAsync($"/v2/user-tasks/{task}/completion", new { variables = new { resolution = Resolution } }));
        Assert.True(await Poll.Until(async () =>
            (await product.SearchAsync("process-instances", new { processInstanceKey = instance })).Single()!["state"]!.GetValue<string>() == "COMPLETED"),
            $"the feedback case {instance} did not finish");
        Assert.True(await Poll.Until(async () => await ClosedAsync(product) > before), $"the reports did not count the feedback case {instance}");
        return instance;
    }

    /// <summary>How many feedback cases the KPI report counts as closed.</summary>
    private static async Task<long> ClosedAsync(ProductServer product) =>
        (await ApiAssert.OkJson(await product.Api.GetAsync("/api/kpis?by=process&processDefinitionId=e2e-feedback")))["totals"]!["cases"]!.GetValue<long>();
}
