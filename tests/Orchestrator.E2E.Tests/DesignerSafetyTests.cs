using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>
/// The designer does not let a change slip through: a deploy shows what changes against the deployed version and waits
/// for a yes; an element template asks before it keeps values it replaced; a user task's form must be deployed;
/// problems name the element; the diagram zooms and plays in token simulation; a deployed version starts an instance
/// with variables; the heading follows the deployed version; on a phone the page stays within the screen.
/// </summary>
[Collection(ProductTests.Name)]
public sealed class DesignerSafetyTests(ProductServer product)
{
    private const string ApprovalForm = "e2e-approve-form";

    /// <summary>Deploys the safety model under its own process id and name, its user task linking <paramref name="formId"/>.</summary>
    private async Task DeploySafetyModelAsync(string processId, string name, string formId)
    {
        var xml = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "safety.bpmn")))
            .Replace("PROCESS_ID", processId, StringComparison.Ordinal).Replace("PROCESS_NAME", name, StringComparison.Ordinal).Replace("FORM_ID", formId, StringComparison.Ordinal);
        using var deployment = new MultipartFormDataContent();
        deployment.Add(new StringContent(xml), "resources", processId + ".bpmn");
        await ApiAssert.OkJson(await product.Api.PostAsync("/v2/deployments", deployment));
    }

    private static async Task OpenAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Designer" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-element-id='tell']")).ToBeVisibleAsync();
    }

    private static async Task ApplyNotifyCustomerAsync(IPage page)
    {
        await page.Locator("[data-element-id='tell']").ClickAsync();
        var properties = page.GetByRole(AriaRole.Complementary, new() { Name = "Properties" });
        await properties.GetByRole(AriaRole.Button, new() { Name = "Select" }).ClickAsync();
        await page.GetByText("Notify customer", new() { Exact = true }).ClickAsync();
    }

    [Fact]
    public async Task A_deploy_shows_the_changes_by_element_name_waits_for_a_yes_and_the_heading_follows_the_new_version()
    {
        await product.DeployAsync("approve.form");
        await DeploySafetyModelAsync("e2e-safety-diff", "Safety diff", ApprovalForm);

        await product.AsUserAsync("olga", nameof(A_deploy_shows_the_changes_by_element_name_waits_for_a_yes_and_the_heading_follows_the_new_version), async page =>
        {
            await OpenAsync(page, "Safety diff");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Safety diff — version 1" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("v1 deployed · no changes")).ToBeVisibleAsync();

            // The template replaces the task's message: the process owner keeps the template's values.
            await ApplyNotifyCustomerAsync(page);
            var guard = page.GetByRole(AriaRole.Dialog, new() { Name = "“Notify customer” replaced values" });
            await guard.GetByRole(AriaRole.Button, new() { Name = "Keep the template's values" }).ClickAsync();
            await Assertions.Expect(guard).ToBeHiddenAsync();

            // An end event appended to the start event.
            await page.Locator("[data-element-id='start']").ClickAsync();
            await page.Locator(".djs-context-pad .entry[data-action='append.end-event']").ClickAsync();
            await Assertions.Expect(page.GetByText("v1 deployed · unsaved changes")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Toolbar, new() { Name = "Model" }).GetByRole(AriaRole.Button, new() { Name = "Deploy" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Deploy e2e-safety-diff?" });
            await Assertions.Expect(dialog).ToContainTextAsync("Changes against the deployed version 1:");
            await Assertions.Expect(dialog.GetByRole(AriaRole.Region, new() { Name = "Added" })).ToContainTextAsync("(end event)");
            var changed = dialog.GetByRole(AriaRole.Region, new() { Name = "Changed" });
            await Assertions.Expect(changed).ToContainTextAsync("Tell the customer why not (service task)");
            await Assertions.Expect(changed).ToContainTextAsync("Input “template”: inspection-result → (none)");
            await Assertions.Expect(changed).ToContainTextAsync("Header “template”: (none) → refund-issued");
            await Assertions.Expect(changed).ToContainTextAsync("Element template: (none) → io.aftersales.notify.send");

            // Cancel keeps editing; nothing is deployed.
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await Assertions.Expect(dialog).ToBeHiddenAsync();
            Assert.Empty(await product.SearchAsync("process-definitions", new { processDefinitionId = "e2e-safety-diff", version = 2 }));

            await page.GetByRole(AriaRole.Toolbar, new() { Name = "Model" }).GetByRole(AriaRole.Button, new() { Name = "Deploy" }).ClickAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Deploy" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Deployed e2e-safety-diff version 2.");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Safety diff — version 2" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("v2 deployed · no changes")).ToBeVisibleAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("#/designer/process/\\d+$"));
        });

        var v2 = Assert.Single(await product.SearchAsync("process-definitions", new { processDefinitionId = "e2e-safety-diff", version = 2 }))!;
        var xml = await product.Api.GetStringAsync($"/v2/process-definitions/{v2["processDefinitionKey"]}/xml");
        Assert.Contains("refund-issued", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_element_template_asks_before_it_keeps_replaced_values_and_undo_keeps_the_element_as_it_was()
    {
        await product.DeployAsync("approve.form");
        await DeploySafetyModelAsync("e2e-safety-guard", "Safety guard", ApprovalForm);

        await product.AsUserAsync("olga", nameof(An_element_template_asks_before_it_keeps_replaced_values_and_undo_keeps_the_element_as_it_was), async page =>
        {
            await OpenAsync(page, "Safety guard");
            await ApplyNotifyCustomerAsync(page);

            var guard = page.GetByRole(AriaRole.Dialog, new() { Name = "“Notify customer” replaced values" });
            await Assertions.Expect(guard).ToContainTextAsync("Applying “Notify customer” to “Tell the customer why not”");
            await Assertions.Expect(guard).ToContainTextAsync("Input “template”: inspection-result → (none)");
            // Values the template leaves as they were are not listed.
            await Assertions.Expect(guard).Not.ToContainTextAsync("customerId");
            // The safe choice has the focus.
            await Assertions.Expect(guard.GetByRole(AriaRole.Button, new() { Name = "Undo, keep my values" })).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(guard).ToBeHiddenAsync();

            // Undone: a deploy would change nothing.
            await page.GetByRole(AriaRole.Toolbar, new() { Name = "Model" }).GetByRole(AriaRole.Button, new() { Name = "Deploy" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Deploy e2e-safety-guard?" });
            await Assertions.Expect(dialog).ToContainTextAsync("Nothing changed against version 1: deploying keeps version 1.");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        });
    }

    [Fact]
    public async Task A_user_task_linking_a_form_that_is_not_deployed_is_a_problem_named_by_the_task_and_the_picker_links_a_deployed_one()
    {
        await product.DeployAsync("approve.form");
        // Deployment accepts it, as Zeebe does (the form is looked up when the task is reached): validation is what tells.
        await DeploySafetyModelAsync("e2e-safety-form", "Safety form", "e2e-safety-no-such-form");

        await product.AsUserAsync("olga", nameof(A_user_task_linking_a_form_that_is_not_deployed_is_a_problem_named_by_the_task_and_the_picker_links_a_deployed_one), async page =>
        {
            await OpenAsync(page, "Safety form");
            await page.GetByRole(AriaRole.Button, new() { Name = "Validate" }).ClickAsync();
            var problems = page.GetByRole(AriaRole.List, new() { Name = "Problems" });
            await Assertions.Expect(problems).ToContainTextAsync("Check the parcel (check");
            await Assertions.Expect(problems).ToContainTextAsync("form 'e2e-safety-no-such-form' is not deployed");

            // The problem selects its element, and the picker offers the deployed forms.
            await problems.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Check the parcel") }).ClickAsync();
            await Assertions.Expect(page.Locator(".djs-element.selected[data-element-id='check']")).ToHaveCountAsync(1);
            var picker = page.GetByLabel("Form of “Check the parcel”");
            await Assertions.Expect(picker).ToHaveValueAsync("e2e-safety-no-such-form");
            await Assertions.Expect(picker.Locator("option[value='e2e-safety-no-such-form']")).ToHaveTextAsync("e2e-safety-no-such-form (not deployed)");
            await picker.SelectOptionAsync(ApprovalForm);

            await page.GetByRole(AriaRole.Button, new() { Name = "Validate" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The model is valid.");
            await Assertions.Expect(problems).ToBeHiddenAsync();
        });
    }

    [Fact]
    public async Task The_diagram_zooms_from_buttons_and_the_keyboard_and_plays_in_token_simulation()
    {
        await product.DeployAsync("approve.form");
        await DeploySafetyModelAsync("e2e-safety-play", "Safety play", ApprovalForm);

        await product.AsUserAsync("olga", nameof(The_diagram_zooms_from_buttons_and_the_keyboard_and_plays_in_token_simulation), async page =>
        {
            await OpenAsync(page, "Safety play");
            var viewport = page.Locator(".djs-container svg g.viewport").First;
            var before = await viewport.GetAttributeAsync("transform");
            await page.GetByRole(AriaRole.Button, new() { Name = "Zoom in" }).ClickAsync();
            var zoomedIn = await viewport.GetAttributeAsync("transform");
            Assert.NotEqual(before, zoomedIn);
            await page.GetByRole(AriaRole.Button, new() { Name = "Zoom out" }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            Assert.NotEqual(zoomedIn, await viewport.GetAttributeAsync("transform"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Fit" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-element-id='done']")).ToBeInViewportAsync();

            var simulation = page.GetByRole(AriaRole.Button, new() { Name = "Token simulation" });
            await simulation.ClickAsync();
            await Assertions.Expect(simulation).ToHaveAttributeAsync("aria-pressed", "true");
            await page.Locator(".djs-overlays[data-container-id='start'] .bts-context-pad[title='Trigger Event']").ClickAsync();
            await Assertions.Expect(page.Locator(".bts-log")).ToContainTextAsync("Process finished", new() { Timeout = 20_000 });
            await simulation.ClickAsync();
            await Assertions.Expect(simulation).ToHaveAttributeAsync("aria-pressed", "false");
        });
    }

    [Fact]
    public async Task A_deployed_version_starts_an_instance_with_variables_checked_as_json()
    {
        await product.DeployAsync("approve.form");
        await DeploySafetyModelAsync("e2e-safety-start", "Safety start", ApprovalForm);
        string? started = null;

        await product.AsUserAsync("admin", nameof(A_deployed_version_starts_an_instance_with_variables_checked_as_json), async page =>
        {
            await OpenAsync(page, "Safety start");
            await page.GetByRole(AriaRole.Button, new() { Name = "Start an instance of v1" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Start an instance of version 1" });
            var variables = dialog.GetByLabel("Variables (a JSON object)");
            await variables.FillAsync("{\"orderId\": ");
            await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Not JSON");
            await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true })).ToBeDisabledAsync();
            await variables.FillAsync("[1, 2]");
            await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("must be a JSON object");

            await variables.FillAsync("{\"orderId\": \"SAFE-1\", \"customerId\": \"C-9\", \"amount\": 42}");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
            var link = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Started instance \\d+$") });
            await Assertions.Expect(link).ToBeVisibleAsync();
            started = Regex.Match(await link.TextContentAsync() ?? "", "\\d+").Value;
            await Assertions.Expect(link).ToHaveAttributeAsync("href", $"#/operations/{started}");
        });

        var instance = Assert.Single(await product.SearchAsync("process-instances", new { processInstanceKey = started }))!;
        Assert.Equal("e2e-safety-start", instance["processDefinitionId"]!.GetValue<string>());
        var orderId = Assert.Single(await product.SearchAsync("variables", new { processInstanceKey = started, name = "orderId" }))!;
        Assert.Equal("\"SAFE-1\"", orderId["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task On_a_phone_in_chinese_the_designer_stays_within_the_screen_and_says_it_is_made_for_a_wider_one()
    {
        await product.DeployAsync("approve.form");
        await DeploySafetyModelAsync("e2e-safety-phone", "Safety phone", ApprovalForm);

        await product.AsUserAsync("olga", nameof(On_a_phone_in_chinese_the_designer_stays_within_the_screen_and_says_it_is_made_for_a_wider_one), async page =>
        {
            await page.EvaluateAsync("localStorage.setItem('orchestrator.language', 'zh-CN')");
            await page.SetViewportSizeAsync(390, 844);
            await page.ReloadAsync();
            // On a phone the header's pages are behind its menu button.
            await page.GetByRole(AriaRole.Button, new() { Name = "菜单" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "流程设计" }).ClickAsync();
            await Assertions.Expect(page.GetByText("流程设计适合在较宽的屏幕上使用")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Safety phone", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Safety phone — 版本 1" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("已部署 v1 · 无修改")).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the designer scrolls sideways at 390 px");
        });
    }
}
