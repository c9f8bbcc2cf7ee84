using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>
/// Task listeners through Camunda's API: the request that started a change is answered once the listeners decided it (204, or
/// 409 with the listener's reason), the listener's job carries the task, and its result corrects or denies.
/// </summary>
public sealed class TaskListenerTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>Waits (long-poll) for the one job of a type.</summary>
    private async Task<JsonNode> NextJobAsync(string type) =>
        Assert.Single((await server.PostOkAsync("/v2/jobs/activation", new { type, worker = "listener", timeout = 60_000, maxJobsToActivate = 1, requestTimeout = 20_000 }))["jobs"]!.AsArray())!;

    private async Task<(string Instance, string Task)> StartedAsync()
    {
        await server.DeployAsync("Api/task-listeners.bpmn");
        var instance = await server.StartAsync("api-task-listeners");
        var task = Assert.Single(await server.SearchAsync("user-tasks", new { processInstanceKey = instance }))!;
        return (instance, task["userTaskKey"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_completion_is_answered_when_its_listener_decides_409_with_the_reason_when_denied_and_204_when_approved()
    {
        // Arrange
        var (instance, task) = await StartedAsync();

        // Act: an agent completes; the request waits for the listener, which denies
        var completing = server.PostAsync($"/v2/user-tasks/{task}/completion", new { variables = new { refund = 120 } });
        var job = await NextJobAsync("api-tl.complete");
        var during = Assert.Single(await server.SearchAsync("user-tasks", new { processInstanceKey = instance }))!;
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job["jobKey"]}/completion", new { result = new { type = "userTask", denied = true, deniedReason = "refund above limit" } }));
        var denied = await completing;

        // Assert: the job carried the task; the agent is told why; the task is open again
        Assert.Equal(("TASK_LISTENER", "COMPLETING"), (job["kind"]!.GetValue<string>(), job["listenerEventType"]!.GetValue<string>()));
        Assert.Equal(("complete", task), (job["userTask"]!["action"]!.GetValue<string>(), job["userTask"]!["userTaskKey"]!.GetValue<string>()));
        Assert.Equal("COMPLETING", during["state"]!.GetValue<string>());
        var problem = await ApiAssert.Problem(denied, 409, "INVALID_STATE");
        Assert.Contains($"Completion of the User Task with key '{task}' was denied by Task Listener. Reason to deny: 'refund above limit'", problem, StringComparison.Ordinal);
        Assert.Equal("CREATED", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/user-tasks/{task}")))["state"]!.GetValue<string>());

        // Act: completed again with a smaller refund; the listener agrees
        var again = server.PostAsync($"/v2/user-tasks/{task}/completion", new { variables = new { refund = 80 } });
        var second = await NextJobAsync("api-tl.complete");
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{second["jobKey"]}/completion", new { result = new { denied = false } }));

        // Assert
        await ApiAssert.NoContent(await again);
        var ended = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}"));
        Assert.Equal("COMPLETED", ended["state"]!.GetValue<string>());
        var refund = Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = instance, name = "refund" }))!;
        Assert.Equal("80", refund["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_assigning_listener_corrects_the_assignee_and_a_result_Camunda_refuses_is_a_400()
    {
        // Arrange
        var (_, task) = await StartedAsync();

        // Act
        var assigning = server.PostAsync($"/v2/user-tasks/{task}/assignment", new { assignee = "bo" });
        var job = await NextJobAsync("api-tl.assign");
        var both = await server.PostAsync($"/v2/jobs/{job["jobKey"]}/completion", new { result = new { denied = true, corrections = new { assignee = "cai" } } });
        var variables = await server.PostAsync($"/v2/jobs/{job["jobKey"]}/completion", new { variables = new { x = 1 } });
        var badDate = await server.PostAsync($"/v2/jobs/{job["jobKey"]}/completion", new { result = new { corrections = new { dueDate = "soon" } } });
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job["jobKey"]}/completion", new { result = new { corrections = new { assignee = "cai", priority = 80 } } }));

        // Assert
        Assert.Equal("bo", job["userTask"]!["assignee"]!.GetValue<string>());
        Assert.Equal(["assignee"], job["userTask"]!["changedAttributes"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains("The corrections would be reverted by the denial", await ApiAssert.Problem(both, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        Assert.Contains("variables payload provided is not yet supported", await ApiAssert.Problem(variables, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        Assert.Contains("result.corrections.dueDate", await ApiAssert.Problem(badDate, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        await ApiAssert.NoContent(await assigning);
        var assigned = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/user-tasks/{task}"));
        Assert.Equal(("cai", 80), (assigned["assignee"]!.GetValue<string>(), assigned["priority"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_local_variable_on_the_task_waits_for_the_updating_listener_and_a_denial_is_a_409_that_sets_nothing()
    {
        // Arrange
        var (instance, task) = await StartedAsync();
        var element = Assert.Single(await server.SearchAsync("user-tasks", new { processInstanceKey = instance }))!["elementInstanceKey"]!.GetValue<string>();

        // Act
        var setting = server.Client.PutAsJsonAsync($"/v2/element-instances/{element}/variables", new { variables = new { note = "call back" }, local = true });
        var job = await NextJobAsync("api-tl.update");
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job["jobKey"]}/completion", new { result = new { denied = true, deniedReason = "notes go in the case" } }));

        // Assert
        Assert.Equal(["variables"], job["userTask"]!["changedAttributes"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains($"Variable update for user task instance with key '{element}' was denied by Task Listener. Reason to deny: 'notes go in the case'",
            await ApiAssert.Problem(await setting, 409, "INVALID_STATE"), StringComparison.Ordinal);
        Assert.Empty(await server.SearchAsync("variables", new { processInstanceKey = instance, name = "note" }));
        Assert.Equal("CREATED", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/user-tasks/{task}")))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_cancelled_instance_ends_once_its_canceling_listener_is_done_and_that_listener_may_not_deny()
    {
        // Arrange
        var (instance, task) = await StartedAsync();

        // Act: the instance is cancelled; the task waits for its canceling listener
        await ApiAssert.NoContent(await server.PostAsync($"/v2/process-instances/{instance}/cancellation", new { }));
        var job = await NextJobAsync("api-tl.cancel");
        var during = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/user-tasks/{task}"));
        var stillActive = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}"));
        var completing = await server.PostAsync($"/v2/user-tasks/{task}/completion", new { });
        var denial = await server.PostAsync($"/v2/jobs/{job["jobKey"]}/completion", new { result = new { type = "userTask", denied = true } });
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job["jobKey"]}/completion", new { }));

        // Assert
        Assert.Equal(("TASK_LISTENER", "CANCELING"), (job["kind"]!.GetValue<string>(), job["listenerEventType"]!.GetValue<string>()));
        Assert.Equal(("CANCELING", "ACTIVE"), (during["state"]!.GetValue<string>(), stillActive["state"]!.GetValue<string>()));
        Assert.Contains("CANCELING", await ApiAssert.Problem(completing, 409, "INVALID_STATE"), StringComparison.Ordinal);
        Assert.Contains("Denying result is not supported for 'CANCELING' task listener jobs", await ApiAssert.Problem(denial, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        Assert.Equal("CANCELED", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/user-tasks/{task}")))["state"]!.GetValue<string>());
        Assert.Equal("TERMINATED", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}")))["state"]!.GetValue<string>());
    }
}
