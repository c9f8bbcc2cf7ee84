using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>An agent signs in, claims a task of her group and completes it through its form; it leaves her list at once.</summary>
[Collection(ProductTests.Name)]
public sealed class TaskListTests(ProductServer product)
{
    [Fact]
    public async Task An_agent_claims_a_task_and_completes_it_through_its_form()
    {
        await product.DeployAsync("approve.bpmn", "approve.form");
        var instance = await product.StartAsync("e2e-approval", new { orderId = "E2E-UI-1", customerId = "CUST-E2E", amount = 120, currency = "CNY" });

        await product.AsUserAsync("alice", nameof(An_agent_claims_a_task_and_completes_it_through_its_form), async page =>
        {
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Approve the refund" });
            await row.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();
            await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Unclaim" })).ToBeVisibleAsync();
            await row.GetByRole(AriaRole.Button, new() { Name = "Approve the refund" }).ClickAsync();

            var task = page.GetByRole(AriaRole.Region, new() { Name = "Task", Exact = true });
            var caseFacts = task.GetByRole(AriaRole.Region, new() { Name = "Case", Exact = true });
            await Assertions.Expect(caseFacts).ToContainTextAsync("Case E2E-UI-1");
            await Assertions.Expect(caseFacts).ToContainTextAsync("120 CNY");

            // Client-side validation first: the note is required, and nothing is sent.
            await task.GetByLabel("Approve the refund").CheckAsync();
            await task.GetByRole(AriaRole.Button, new() { Name = "Complete", Exact = true }).ClickAsync();
            await Assertions.Expect(task.GetByText("Field is required.")).ToBeVisibleAsync();
            await task.GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true }).FillAsync("refund the whole order");
            await task.GetByRole(AriaRole.Button, new() { Name = "Complete", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Approve the refund" })).ToHaveCountAsync(0);

            await page.GetByRole(AriaRole.Button, new() { Name = "Completed" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Approve the refund" })).ToHaveCountAsync(1);
        });

        var state = (await product.SearchAsync("process-instances", new { processInstanceKey = instance })).Single()!;
        Assert.Equal("COMPLETED", state["state"]!.GetValue<string>());
        var note = (await product.SearchAsync("variables", new { processInstanceKey = instance, name = "note" })).Single()!;
        Assert.Equal("\"refund the whole order\"", note["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bug_a_task_in_a_subprocess_showed_its_instances_value_instead_of_the_one_it_sees()
    {
        // The form was filled from the instance's own variables; the task sees (and its completion is checked against) its
        // subprocess's input first.
        await product.DeployAsync("scoped-approve.bpmn", "approve.form");
        await product.StartAsync("e2e-scoped-approval", new { orderId = "E2E-SCOPED-1", note = "from the case" });

        await product.AsUserAsync("alice", nameof(Bug_a_task_in_a_subprocess_showed_its_instances_value_instead_of_the_one_it_sees), async page =>
        {
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "E2E-SCOPED-1" });
            await row.GetByRole(AriaRole.Button, new() { Name = "Approve in the subprocess" }).ClickAsync();

            var task = page.GetByRole(AriaRole.Region, new() { Name = "Task", Exact = true });
            await Assertions.Expect(task.GetByRole(AriaRole.Textbox, new() { Name = "Note", Exact = true })).ToHaveValueAsync("from the subprocess");
        });
    }

    [Fact]
    public async Task Bug_a_completed_task_stayed_open_in_the_list_until_the_refresh_answered()
    {
        await product.DeployAsync("draft.bpmn", "resolve.form");
        var done = await product.OpenTaskAsync(await product.StartAsync("e2e-draft", new { orderId = "E2E-UI-3" }), "resolve");

        await product.AsUserAsync("alice", nameof(Bug_a_completed_task_stayed_open_in_the_list_until_the_refresh_answered), async page =>
        {
            // A server slow to catch up: every list asked for after the completion still has the completed task, open.
            JsonNode? before = null;
            var completed = false;
            await page.RouteAsync("**/v2/user-tasks/*/completion", async route =>
            {
                var response = await route.FetchAsync();
                completed = true;
                await route.FulfillAsync(new() { Response = response });
            });
            await page.RouteAsync("**/v2/user-tasks/search", async route =>
            {
                var response = await route.FetchAsync();
                var list = JsonNode.Parse(await response.TextAsync())!;
                var items = list["items"]!.AsArray();
                if (!completed)
                {
                    before = items.FirstOrDefault(t => t!["userTaskKey"]!.GetValue<string>() == done)?.DeepClone() ?? before;
                }
                else if (items.All(t => t!["userTaskKey"]!.GetValue<string>() != done))
                {
                    items.Add(before!.DeepClone());
                }

                await route.FulfillAsync(new() { Response = response, Body = list.ToJsonString() });
            });

            var row = page.Locator($"tr[data-task='{done}']");
            await row.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();
            await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Unclaim" })).ToBeVisibleAsync();
            await row.GetByRole(AriaRole.Button, new() { Name = "Write to the customer" }).ClickAsync();
            var task = page.GetByRole(AriaRole.Region, new() { Name = "Task", Exact = true });
            await task.GetByLabel("Note to the customer").FillAsync("Your refund is on its way.");
            await task.GetByRole(AriaRole.Button, new() { Name = "Complete", Exact = true }).ClickAsync();
            await Assertions.Expect(row).ToHaveCountAsync(0);

            // A task that arrives after the completion shows that a later, stale list was shown: the completed task stays away.
            var arrived = await product.StartAsync("e2e-draft", new { orderId = "E2E-UI-4" });
            try
            {
                await Assertions.Expect(page.Locator($"tr[data-task='{await product.OpenTaskAsync(arrived, "resolve")}']")).ToBeVisibleAsync();
                await Assertions.Expect(row).ToHaveCountAsync(0);
            }
            finally
            {
                // An open task of this process would stand in the way of the typing tests' own.
                await ApiAssert.NoContent(await product.Api.PostAsJsonAsync($"/v2/process-instances/{arrived}/cancellation", new { }));
            }
        });
    }

    [Fact]
    public async Task Bug_a_completion_that_answered_late_opened_the_next_task_after_the_agent_had_gone_back_to_the_list()
    {
        await product.DeployAsync("draft.bpmn", "resolve.form");
        var first = await product.StartAsync("e2e-draft", new { orderId = "E2E-UI-5" });
        var second = await product.StartAsync("e2e-draft", new { orderId = "E2E-UI-6" });
        var done = await product.OpenTaskAsync(first, "resolve");
        var waiting = await product.OpenTaskAsync(second, "resolve");
        try
        {
            // A phone's width: the list and an open task take turns, and the task has its way back to the list.
            await product.AsUserAsync("alice", nameof(Bug_a_completion_that_answered_late_opened_the_next_task_after_the_agent_had_gone_back_to_the_list),
                new ViewportSize { Width = 390, Height = 844 }, async page =>
            {
                // A completion held the way a task listener may hold one, until the agent has gone back to the list.
                var release = new TaskCompletionSource();
                await page.RouteAsync("**/v2/user-tasks/*/completion", async route =>
                {
                    await release.Task;
                    await route.ContinueAsync();
                });
                foreach (var key in new[] { done, waiting })
                {
                    var row = page.Locator($"tr[data-task='{key}']");
                    await row.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();
                    await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Unclaim" })).ToBeVisibleAsync();
                }

                var task = page.GetByRole(AriaRole.Region, new() { Name = "Task", Exact = true });
                await page.Locator($"tr[data-task='{done}']").GetByRole(AriaRole.Button, new() { Name = "Write to the customer" }).ClickAsync();
                await task.GetByLabel("Note to the customer").FillAsync("Your refund is on its way.");
                await task.GetByRole(AriaRole.Button, new() { Name = "Complete", Exact = true }).ClickAsync();
                await task.GetByRole(AriaRole.Button, new() { Name = "Back to the list" }).ClickAsync();
                await Assertions.Expect(task).ToHaveCountAsync(0);

                release.SetResult();
                await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("“Write to the customer” completed.");
                await Assertions.Expect(task).ToHaveCountAsync(0);
                await Assertions.Expect(page.Locator($"tr[data-task='{done}']")).ToHaveCountAsync(0);
                await Assertions.Expect(page.Locator($"tr[data-task='{waiting}']")).ToHaveCountAsync(1);
            });
        }
        finally
        {
            // An open task of this process would stand in the way of the typing tests' own.
            await ApiAssert.NoContent(await product.Api.PostAsJsonAsync($"/v2/process-instances/{second}/cancellation", new { }));
        }
    }

    [Fact]
    public async Task A_task_whose_completion_waits_for_its_task_listener_stays_in_the_list_marked_and_without_actions()
    {
        await product.DeployAsync("listened.bpmn");
        var instance = await product.StartAsync("e2e-listened", new { orderId = "E2E-UI-2" });
        var task = (await product.SearchAsync("user-tasks", new { processInstanceKey = instance })).Single()!["userTaskKey"]!.GetValue<string>();

        // The completion is held until the listener answers.
        var completion = product.Api.PostAsJsonAsync($"/v2/user-tasks/{task}/completion", new { });
        Assert.True(await Poll.Until(async () => (await product.SearchAsync("user-tasks", new { userTaskKey = task })).Single()!["state"]!.GetValue<string>() == "COMPLETING"));

        await product.AsUserAsync("alice", nameof(A_task_whose_completion_waits_for_its_task_listener_stays_in_the_list_marked_and_without_actions), async page =>
        {
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Check the refund" });
            await Assertions.Expect(row).ToContainTextAsync("Completion pending");
            await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Claim" })).ToHaveCountAsync(0);

            var job = (await ApiAssert.OkJson(await product.Api.PostAsJsonAsync("/v2/jobs/activation", new { type = "e2e-audit", maxJobsToActivate = 1, timeout = 60_000, worker = "e2e" })))["jobs"]!.AsArray().Single()!;
            await ApiAssert.NoContent(await product.Api.PostAsJsonAsync($"/v2/jobs/{job["jobKey"]!.GetValue<string>()}/completion", new { }));
            await ApiAssert.NoContent(await completion);
            await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Check the refund" })).ToHaveCountAsync(0);
        });

        var state = (await product.SearchAsync("process-instances", new { processInstanceKey = instance })).Single()!;
        Assert.Equal("COMPLETED", state["state"]!.GetValue<string>());
    }
}
