using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>Ad-hoc subprocesses through the API: the element instance, activating inner elements with their variables, refusals.</summary>
public sealed class AdHocTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string[] PhotoOnly = ["photo"];

    [Fact]
    public async Task Inner_elements_are_activated_through_the_API_with_their_variables_and_their_outputs_collected()
    {
        // Arrange: nothing listed, so the ad-hoc subprocess waits
        await server.DeployAsync("Api/ad-hoc.bpmn");
        var instance = await server.StartAsync("api-ad-hoc", new { checks = Array.Empty<string>() });
        var adHoc = Assert.Single(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "checks", state = "ACTIVE" }))!;
        Assert.Equal("AD_HOC_SUB_PROCESS", adHoc["type"]!.GetValue<string>());

        // Act
        await ApiAssert.NoContent(await server.PostAsync($"/v2/element-instances/ad-hoc-activities/{adHoc["elementInstanceKey"]}/activation",
            new { elements = new[] { new { elementId = "invoice", variables = new { invoiceNo = "INV-7" } } } }));

        // Assert
        var job = Assert.Single(await server.ActivateAsync("api-ad-hoc.invoice"))!;
        Assert.Equal("INV-7", job["variables"]!["invoiceNo"]!.GetValue<string>());
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job["jobKey"]}/completion", new { variables = new { result = "paid" } }));
        var ended = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}"));
        Assert.Equal("COMPLETED", ended["state"]!.GetValue<string>());
        var results = Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = instance, scopeKey = instance, name = "results" }))!;
        Assert.Equal("""["paid"]""", results["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Activating_what_cannot_be_activated_is_a_problem_that_says_what()
    {
        // Arrange
        await server.DeployAsync("Api/ad-hoc.bpmn");
        var instance = await server.StartAsync("api-ad-hoc", new { checks = PhotoOnly });
        var adHoc = Assert.Single(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "checks", state = "ACTIVE" }))!;
        var path = $"/v2/element-instances/ad-hoc-activities/{adHoc["elementInstanceKey"]}/activation";

        // Act
        var unknown = await server.PostAsync(path, new { elements = new[] { new { elementId = "x-ray" } } });
        var none = await server.PostAsync(path, new { elements = Array.Empty<object>() });
        var noId = await server.PostAsync(path, new { elements = new[] { new { variables = new { a = 1 } } } });
        var notAdHoc = await server.PostAsync($"/v2/element-instances/ad-hoc-activities/{instance}/activation", new { elements = new[] { new { elementId = "photo" } } });
        var badKey = await server.PostAsync("/v2/element-instances/ad-hoc-activities/abc/activation", new { elements = new[] { new { elementId = "photo" } } });

        // Assert
        Assert.Contains("x-ray", await ApiAssert.Problem(unknown, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        Assert.Contains("elements", await ApiAssert.Problem(none, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        Assert.Contains("elements[0].elementId", await ApiAssert.Problem(noId, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        Assert.Contains("not an ad-hoc subprocess", await ApiAssert.Problem(notAdHoc, 404, "NOT_FOUND"), StringComparison.Ordinal);
        Assert.Contains("adHocSubProcessInstanceKey", await ApiAssert.Problem(badKey, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        Assert.Single(await server.ActivateAsync("api-ad-hoc.photo"));
    }

    [Fact]
    public async Task A_worker_decides_an_ad_hoc_subprocess_through_job_results_as_Camunda_s_clients_send_them()
    {
        // Arrange
        await server.DeployAsync("Api/ad-hoc.bpmn");
        var instance = await server.StartAsync("api-agent");

        // Act: the first turn activates the lookup
        var turn = Assert.Single(await server.ActivateAsync("api-agent.think"))!;
        Assert.Equal("lookup", turn["variables"]!["adHocSubProcessElements"]![0]!["elementId"]!.GetValue<string>());
        var wrongType = await server.PostAsync($"/v2/jobs/{turn["jobKey"]}/completion", new { result = new { type = "userTask", denied = true } });
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{turn["jobKey"]}/completion", new
        {
            variables = new { memory = 1 },
            result = new { type = "adHocSubProcess", activateElements = new[] { new { elementId = "lookup", variables = new { orderId = "O-9" } } } },
        }));
        var lookup = Assert.Single(await server.ActivateAsync("api-agent.lookup"))!;
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{lookup["jobKey"]}/completion", new { variables = new { toolResult = "delivered" } }));

        // Assert: the next turn sees the answer; ending the subprocess completes the instance
        var next = Assert.Single(await server.ActivateAsync("api-agent.think"))!;
        Assert.Equal("delivered", next["variables"]!["toolCallResults"]![0]!.GetValue<string>());
        Assert.Equal("O-9", lookup["variables"]!["orderId"]!.GetValue<string>());
        Assert.Contains("not a task listener's job, so it takes no userTask result", await ApiAssert.Problem(wrongType, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{next["jobKey"]}/completion",
            new { result = new { type = "adHocSubProcess", isCompletionConditionFulfilled = true, isCancelRemainingInstances = true } }));
        var ended = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}"));
        Assert.Equal("COMPLETED", ended["state"]!.GetValue<string>());
    }
}
