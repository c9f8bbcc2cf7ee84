using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>
/// The agent workspace as an agent uses it: rows that tell cases apart, SLA pills coloured by urgency, notes that stay,
/// a reply template put into the form, complete-and-next, a phone's width and the list in Chinese.
/// </summary>
[Collection(ProductTests.Name)]
public sealed class WorkspaceTests(ProductServer product)
{
    private static object Case(string id, string dueIn, string customerId = "C-E2E-WS") => new
    {
        complaintId = id, customerId, customerName = "Chen Jing", subject = $"Blender {id} arrived cracked", channel = "email", language = "en",
        status = "in progress", dueIn,
    };

    private async Task CancelAsync(params string[] instances)
    {
        foreach (var instance in instances)
        {
            await product.Api.PostAsJsonAsync($"/v2/process-instances/{instance}/cancellation", new { });
        }
    }

    private static async Task ClaimAsync(HttpClient alice, string task) =>
        await ApiAssert.NoContent(await alice.PostAsJsonAsync($"/v2/user-tasks/{task}/assignment", new { assignee = "alice", allowOverride = false }));

    private static ILocator Row(IPage page, string businessKey) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = businessKey });

    [Fact]
    public async Task Rows_show_the_case_and_SLA_pills_differ_by_time_left()
    {
        await product.DeployAsync("workspace.bpmn", "workspace.form");
        var start = DateTimeOffset.UtcNow.AddDays(3);
        string? early = null;
        string? late = null;
        try
        {
            await product.PinAsync(start);
            early = await product.StartAsync("e2e-workspace", Case("E2E-WS-SLA-1", "PT4H"));
            await product.OpenTaskAsync(early, "answer");
            await product.PinAsync(start.AddMinutes(150));
            late = await product.StartAsync("e2e-workspace", Case("E2E-WS-SLA-2", "PT4H"));
            await product.OpenTaskAsync(late, "answer");

            await product.AsUserAsync("alice", nameof(Rows_show_the_case_and_SLA_pills_differ_by_time_left), async page =>
            {
                var first = Row(page, "E2E-WS-SLA-1");
                await Assertions.Expect(first).ToContainTextAsync("Answer the customer");
                await Assertions.Expect(first).ToContainTextAsync("Chen Jing");
                await Assertions.Expect(first).ToContainTextAsync("Blender E2E-WS-SLA-1 arrived cracked");
                await Assertions.Expect(first).ToContainTextAsync("Email");
                await Assertions.Expect(first).ToContainTextAsync("en");

                var steady = first.Locator(".sla-pill");
                var relaxed = Row(page, "E2E-WS-SLA-2").Locator(".sla-pill");
                await Assertions.Expect(steady).ToHaveTextAsync("1 h 30 min left");
                await Assertions.Expect(steady).ToHaveAttributeAsync("data-urgency", "steady");
                await Assertions.Expect(relaxed).ToHaveTextAsync("4 h 00 min left");
                await Assertions.Expect(relaxed).ToHaveAttributeAsync("data-urgency", "relaxed");
                await Assertions.Expect(first.Locator(".due")).ToContainTextAsync("due ");
                var colours = await Task.WhenAll(steady.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"), relaxed.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
                Assert.NotEqual(colours[0], colours[1]);
            });
        }
        finally
        {
            await ApiAssert.NoContent(await product.Api.PostAsync("/v2/clock/reset", null));
            await CancelAsync([.. new[] { early, late }.OfType<string>()]);
        }
    }

    [Fact]
    public async Task A_note_stays_a_reply_template_goes_into_the_form_and_completing_opens_the_next_task()
    {
        await product.DeployAsync("workspace.bpmn", "workspace.form");
        var first = await product.StartAsync("e2e-workspace", Case("E2E-WS-NEXT-1", "PT2H", "C-E2E-WS-NEXT"));
        var second = await product.StartAsync("e2e-workspace", Case("E2E-WS-NEXT-2", "PT5H", "C-E2E-WS-NEXT"));
        using var alice = product.ClientFor("alice");
        await ClaimAsync(alice, await product.OpenTaskAsync(first, "answer"));
        await ClaimAsync(alice, await product.OpenTaskAsync(second, "answer"));

        try
        {
            await product.AsUserAsync("alice", nameof(A_note_stays_a_reply_template_goes_into_the_form_and_completing_opens_the_next_task), async page =>
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "My tasks" }).ClickAsync();
                await page.GetByLabel("Process").SelectOptionAsync("e2e-workspace");
                var task = page.GetByRole(AriaRole.Region, new() { Name = "Task", Exact = true });
                await Row(page, "E2E-WS-NEXT-1").GetByRole(AriaRole.Button, new() { Name = "E2E-WS-NEXT-1" }).ClickAsync();

                // An internal note, still there after a reload.
                var notes = task.GetByRole(AriaRole.Region, new() { Name = "Internal notes" });
                await notes.GetByLabel("New internal note").FillAsync("Called the customer: sends photos tonight.");
                await notes.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
                await Assertions.Expect(notes.GetByRole(AriaRole.Listitem)).ToContainTextAsync("Called the customer: sends photos tonight.");
                // The form comes only once a reply template was chosen: the template must still find the form's fields.
                var templateChosen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await page.RouteAsync("**/v2/user-tasks/*/form", async route =>
                {
                    await templateChosen.Task;
                    await route.ContinueAsync();
                });
                await page.ReloadAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "My tasks" }).ClickAsync();
                await page.GetByLabel("Process").SelectOptionAsync("e2e-workspace");
                await Row(page, "E2E-WS-NEXT-1").GetByRole(AriaRole.Button, new() { Name = "E2E-WS-NEXT-1" }).ClickAsync();
                await Assertions.Expect(notes.GetByRole(AriaRole.Listitem)).ToContainTextAsync("Called the customer: sends photos tonight.");
                await Assertions.Expect(notes.GetByRole(AriaRole.Listitem)).ToContainTextAsync("alice");

                // The customer's other case.
                var customer = task.GetByRole(AriaRole.Region, new() { Name = "Customer" });
                await Assertions.Expect(customer.GetByRole(AriaRole.Row).Filter(new() { HasText = "E2E-WS-NEXT-2" })).ToContainTextAsync("Workspace case");

                // A reply template, filled in with the case, into the form.
                var replies = task.GetByRole(AriaRole.Region, new() { Name = "Reply templates" });
                await replies.GetByRole(AriaRole.Combobox).First.SelectOptionAsync("complaint-update");
                await Assertions.Expect(replies).ToContainTextAsync("An update on your complaint E2E-WS-NEXT-1");
                templateChosen.SetResult();
                await replies.GetByRole(AriaRole.Button, new() { Name = "Insert into the form" }).ClickAsync();
                await Assertions.Expect(task.GetByRole(AriaRole.Textbox, new() { Name = "Reply to the customer" })).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Complaint: E2E-WS-NEXT-1"));

                // Completing opens the next task of the list and says so.
                await task.GetByRole(AriaRole.Button, new() { Name = "Complete", Exact = true }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Opened the next task" })).ToContainTextAsync("E2E-WS-NEXT-2");
                await Assertions.Expect(task.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("E2E-WS-NEXT-2");
            });

            var reply = (await product.SearchAsync("variables", new { processInstanceKey = first, name = "reply" })).Single()!;
            Assert.Contains("Complaint: E2E-WS-NEXT-1", JsonNode.Parse(reply["value"]!.GetValue<string>())!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            await CancelAsync(second);
        }
    }

    [Fact]
    public async Task At_390_px_the_list_and_the_task_fit_without_sideways_scrolling()
    {
        await product.DeployAsync("workspace.bpmn", "workspace.form");
        var instance = await product.StartAsync("e2e-workspace", Case("E2E-WS-PHONE-1", "PT8H"));
        await product.OpenTaskAsync(instance, "answer");
        try
        {
            await product.AsUserAsync("alice", nameof(At_390_px_the_list_and_the_task_fit_without_sideways_scrolling), new ViewportSize { Width = 390, Height = 844 }, async page =>
            {
                var row = Row(page, "E2E-WS-PHONE-1");
                await Assertions.Expect(row).ToContainTextAsync("Chen Jing");
                Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the task list scrolls sideways at 390 px");

                await row.GetByRole(AriaRole.Button, new() { Name = "E2E-WS-PHONE-1" }).ClickAsync();
                var task = page.GetByRole(AriaRole.Region, new() { Name = "Task", Exact = true });
                await Assertions.Expect(task.GetByRole(AriaRole.Region, new() { Name = "Internal notes" })).ToBeVisibleAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Task list" })).ToBeHiddenAsync();
                Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the task scrolls sideways at 390 px");

                await task.GetByRole(AriaRole.Button, new() { Name = "Back to the list" }).ClickAsync();
                await Assertions.Expect(row).ToBeVisibleAsync();
            });
        }
        finally
        {
            await CancelAsync(instance);
        }
    }

    [Fact]
    public async Task The_task_list_reads_in_Chinese()
    {
        await product.DeployAsync("workspace.bpmn", "workspace.form");
        var instance = await product.StartAsync("e2e-workspace", Case("E2E-WS-ZH-1", "PT8H"));
        await product.OpenTaskAsync(instance, "answer");
        try
        {
            await product.AsUserAsync("alice", nameof(The_task_list_reads_in_Chinese), async page =>
            {
                await page.EvaluateAsync("localStorage.setItem('orchestrator.language', 'zh-CN')");
                await page.ReloadAsync();
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
                await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "我的任务" })).ToBeVisibleAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "客户" })).ToBeVisibleAsync();
                var row = Row(page, "E2E-WS-ZH-1");
                await Assertions.Expect(row.Locator(".sla-pill")).ToContainTextAsync("剩余");
                await Assertions.Expect(row).ToContainTextAsync("邮件");
                await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "认领" })).ToBeVisibleAsync();
            });
        }
        finally
        {
            await CancelAsync(instance);
        }
    }
}
