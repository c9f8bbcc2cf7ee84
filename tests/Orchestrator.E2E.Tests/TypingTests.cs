using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>
/// An agent fills a task form as a person does: key by key, tabbing from field to field without pausing, a number, and
/// Chinese text committed by an input method, while the list refreshes. Every value must reach the process exactly as typed.
/// </summary>
[Collection(ProductTests.Name)]
public sealed class TypingTests(ProductServer product)
{
    [Fact]
    public async Task Bug_text_typed_right_after_tabbing_out_of_a_field_was_lost()
    {
        await product.DeployAsync("resolve.bpmn", "resolve.form");
        var instance = await product.StartAsync("e2e-resolve", new { orderId = "E2E-TYPE-1" });

        await product.AsUserAsync("alice", nameof(Bug_text_typed_right_after_tabbing_out_of_a_field_was_lost), async page =>
        {
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Resolve the complaint" });
            await row.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();
            await row.GetByRole(AriaRole.Button, new() { Name = "Resolve the complaint" }).ClickAsync();
            var task = page.GetByRole(AriaRole.Region, new() { Name = "Task", Exact = true });
            await Assertions.Expect(task.GetByLabel("Subject")).ToBeEditableAsync();

            // A person types about ten keys a second and tabs on without waiting for anything.
            var keys = new LocatorPressSequentiallyOptions { Delay = 60 };
            await task.GetByLabel("Subject").ClickAsync();
            await task.GetByLabel("Subject").PressSequentiallyAsync("Broken screen", keys);
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.TypeAsync("42", new() { Delay = 60 });
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.TypeAsync("We will ", new() { Delay = 60 });
            // The list refreshes every few seconds while the agent types: that must not touch the form either.
            await page.RunAndWaitForResponseAsync(() => Task.CompletedTask, r => r.Url.EndsWith("/v2/user-tasks/search", StringComparison.Ordinal));
            await page.Keyboard.TypeAsync("replace it", new() { Delay = 60 });
            await page.Keyboard.PressAsync("Tab");
            // An input method commits its text in one input event.
            await page.Keyboard.InsertTextAsync("我们会为您更换");
            await page.Keyboard.TypeAsync("!", new() { Delay = 60 });

            await Assertions.Expect(task.GetByLabel("Subject")).ToHaveValueAsync("Broken screen");
            await Assertions.Expect(task.GetByLabel("Compensation")).ToHaveValueAsync("42");
            await Assertions.Expect(task.GetByLabel("Note to the customer")).ToHaveValueAsync("We will replace it");
            await Assertions.Expect(task.GetByLabel("Chinese note")).ToHaveValueAsync("我们会为您更换!");
            await task.GetByRole(AriaRole.Button, new() { Name = "Complete", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Resolve the complaint" })).ToHaveCountAsync(0);
        });

        var variables = (await product.SearchAsync("variables", new { processInstanceKey = instance }))
            .ToDictionary(v => v!["name"]!.GetValue<string>(), v => JsonNode.Parse(v!["value"]!.GetValue<string>()));
        Assert.Equal("Broken screen", variables["subject"]!.GetValue<string>());
        Assert.Equal(42, variables["compensation"]!.GetValue<decimal>());
        Assert.Equal("We will replace it", variables["note"]!.GetValue<string>());
        Assert.Equal("我们会为您更换!", variables["noteZh"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_half_filled_form_survives_switching_tasks_and_a_reload_until_it_is_completed()
    {
        await product.DeployAsync("draft.bpmn", "resolve.form", "approve.bpmn", "approve.form");
        var instance = await product.StartAsync("e2e-draft", new { orderId = "E2E-DRAFT-1" });
        var other = await product.StartAsync("e2e-approval", new { orderId = "E2E-DRAFT-2" });

        try
        {
            await product.AsUserAsync("alice", nameof(A_half_filled_form_survives_switching_tasks_and_a_reload_until_it_is_completed), async page =>
            {
                var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Write to the customer" });
                var task = page.GetByRole(AriaRole.Region, new() { Name = "Task", Exact = true });
                await row.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();
                await row.GetByRole(AriaRole.Button, new() { Name = "Write to the customer" }).ClickAsync();

                // The form stays read-only until the claim is through (CI once typed the first key while it still was).
                await Assertions.Expect(task.GetByLabel("Note to the customer")).ToBeEditableAsync();
                await task.GetByLabel("Note to the customer").PressSequentiallyAsync("Half of what I meant", new() { Delay = 30 });

                // Another task, then back.
                await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Approve the refund" }).First
                    .GetByRole(AriaRole.Button, new() { Name = "Approve the refund" }).ClickAsync();
                await Assertions.Expect(task.GetByRole(AriaRole.Heading, new() { Name = "Approve the refund" })).ToBeVisibleAsync();
                await row.GetByRole(AriaRole.Button, new() { Name = "Write to the customer" }).ClickAsync();
                await Assertions.Expect(task.GetByLabel("Note to the customer")).ToHaveValueAsync("Half of what I meant");
                await Assertions.Expect(task.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your draft of this form was restored.");

                // A reload (or a closed tab) keeps it too; then it is finished and completed.
                await page.ReloadAsync();
                await row.GetByRole(AriaRole.Button, new() { Name = "Write to the customer" }).ClickAsync();
                await Assertions.Expect(task.GetByLabel("Note to the customer")).ToHaveValueAsync("Half of what I meant");
                await task.GetByLabel("Note to the customer").PressAsync("End");
                await task.GetByLabel("Note to the customer").PressSequentiallyAsync(", and the rest", new() { Delay = 30 });
                await task.GetByRole(AriaRole.Button, new() { Name = "Complete", Exact = true }).ClickAsync();
                await Assertions.Expect(row).ToHaveCountAsync(0);
                Assert.Equal(0, await page.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('orchestrator.draft.')).length"));
            });
        }
        finally
        {
            // The other task would stand in the way of the task list's own test of "Approve the refund".
            await ApiAssert.NoContent(await product.Api.PostAsJsonAsync($"/v2/process-instances/{other}/cancellation", new { }));
        }

        var note = (await product.SearchAsync("variables", new { processInstanceKey = instance, name = "note" })).Single()!;
        Assert.Equal("\"Half of what I meant, and the rest\"", note["value"]!.GetValue<string>());
    }
}
