using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>
/// A process owner designs in the browser: changes a shipped model with an element template and deploys it, is stopped by
/// validation, deploys a new form, and creates, uploads, edits and deploys decisions in the DMN modeler.
/// </summary>
[Collection(ProductTests.Name)]
public sealed class DesignerTests(ProductServer product)
{
    [Fact]
    public async Task A_process_owner_applies_an_element_template_to_a_shipped_model_and_deploys_version_2()
    {
        var shipped = await File.ReadAllTextAsync(Path.Combine(Repository.Workflows, "return-and-refund.bpmn"));

        await product.AsUserAsync("olga", nameof(A_process_owner_applies_an_element_template_to_a_shipped_model_and_deploys_version_2), async page =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Designer" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Return and refund", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Return and refund — version 1" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".bjs-powered-by")).ToBeVisibleAsync();

            // Looked at only, the model downloads exactly as it was deployed.
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync());
            Assert.Equal("return-and-refund.bpmn", download.SuggestedFilename);
            Assert.Equal(shipped, await File.ReadAllTextAsync(await download.PathAsync()));

            // The element lies under the properties panel: the process owner scrolls the diagram to it first.
            await page.Locator(".djs-container").HoverAsync(new() { Position = new() { X = 200, Y = 300 } });
            await page.Mouse.WheelAsync(750, 0);
            await page.Locator("[data-element-id='tellIneligible']").ClickAsync();
            var properties = page.GetByRole(AriaRole.Complementary, new() { Name = "Properties" });
            await properties.GetByRole(AriaRole.Button, new() { Name = "Select" }).ClickAsync();
            await page.GetByText("Notify customer", new() { Exact = true }).ClickAsync();
            // The template replaces the task's message and inputs: the designer asks first (DesignerSafetyTests has both answers).
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Keep the template's values" }).ClickAsync();
            await Assertions.Expect(properties).ToContainTextAsync("NOTIFY CUSTOMER", new() { IgnoreCase = true });
            await Assertions.Expect(page.GetByText("v1 deployed · unsaved changes")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Deploy", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deploy" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Deployed return-and-refund version 2.");
            await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Version of Return and refund" })).ToContainTextAsync("v2");
        });

        // The template replaced the task's properties, but not the customer-visible step declared on it.
        var v2 = Assert.Single(await product.SearchAsync("process-definitions", new { processDefinitionId = "return-and-refund", version = 2 }))!;
        var deployed = await product.Api.GetStringAsync($"/v2/process-definitions/{v2["processDefinitionKey"]}/xml");
        Assert.Contains("name=\"tracking.step\" value=\"ineligible\"", deployed, StringComparison.Ordinal);
        Assert.Contains("name=\"tracking.label.zh-CN\" value=\"不符合退货条件\"", deployed, StringComparison.Ordinal);

        var latest = (await product.SearchAsync("process-definitions", new { processDefinitionId = "return-and-refund", version = 2 })).Single()!;
        var xml = await product.Api.GetStringAsync($"/v2/process-definitions/{latest["processDefinitionKey"]}/xml");
        Assert.Contains("zeebe:modelerTemplate=\"io.aftersales.notify.send\"", xml, StringComparison.Ordinal);
        Assert.Contains("<zeebe:taskDefinition type=\"notify.send\"", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_marks_the_element_with_a_problem_and_the_model_is_not_deployed()
    {
        await product.AsUserAsync("olga", nameof(Validation_marks_the_element_with_a_problem_and_the_model_is_not_deployed), async page =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Designer" }).ClickAsync();
            // Uploaded while a deployed version is open: the upload replaces it, and the location goes back to the designer.
            await page.GetByRole(AriaRole.Button, new() { Name = "Return and refund", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Return and refund — version") })).ToBeVisibleAsync();
            await page.GetByLabel("Upload").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "no-type.bpmn"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uploaded no-type.bpmn" })).ToBeVisibleAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("#/designer$"));

            await page.GetByRole(AriaRole.Button, new() { Name = "Deploy", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Not deployed: fix the problems below first.");
            var problems = page.GetByRole(AriaRole.List, new() { Name = "Problems" });
            await Assertions.Expect(problems).ToContainTextAsync("work · line 6");
            await Assertions.Expect(problems).ToContainTextAsync("task type");
            await Assertions.Expect(page.Locator("[data-element-id='work'].validation-error")).ToHaveCountAsync(1);
        });

        Assert.Empty(await product.SearchAsync("process-definitions", new { processDefinitionId = "e2e-invalid" }));
    }

    [Fact]
    public async Task A_process_owner_creates_a_form_in_the_form_editor_and_deploys_it()
    {
        await product.AsUserAsync("olga", nameof(A_process_owner_creates_a_form_in_the_form_editor_and_deploys_it), async page =>
        {
            page.Dialog += async (_, dialog) => await dialog.AcceptAsync("Refund note");
            await page.GetByRole(AriaRole.Link, new() { Name = "Designer" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "New form" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New form refund-note" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".fjs-editor-container")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Deploy", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Deploy refund-note?" });
            await Assertions.Expect(dialog).ToContainTextAsync("This is the first deployment");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Deploy" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Deployed form refund-note version 1.");
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Forms" })).ToContainTextAsync("refund-note");
        });

        var forms = (await ApiAssert.OkJson(await product.Api.GetAsync("/api/forms"))).AsArray();
        Assert.Contains(forms, f => f!["formId"]!.GetValue<string>() == "refund-note");
    }

    [Fact]
    public async Task A_process_owner_creates_a_decision_table_changes_a_rule_and_deploys_it()
    {
        await product.AsUserAsync("olga", nameof(A_process_owner_creates_a_decision_table_changes_a_rule_and_deploys_it), async page =>
        {
            page.Dialog += async (_, dialog) => await dialog.AcceptAsync("Warranty check");
            await page.GetByRole(AriaRole.Link, new() { Name = "Designer" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "New decision" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New decision warranty-check" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Warranty check decision table" })).ToHaveAttributeAsync("aria-selected", "true");

            // The second rule gives "manual" instead of "high".
            var output = page.Locator("td[data-row-id='warranty-check-rule-2'][data-col-id='warranty-check-result']");
            await output.ClickAsync();
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.TypeAsync("\"manual\"");
            await page.GetByRole(AriaRole.Heading, new() { Name = "New decision warranty-check" }).ClickAsync();
            await Assertions.Expect(output).ToHaveTextAsync("\"manual\"");

            await page.GetByRole(AriaRole.Tab, new() { Name = "DRD" }).ClickAsync();
            await Assertions.Expect(page.Locator(".dmn-editor [data-element-id='warranty-check']")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Complementary, new() { Name = "Properties" })).ToContainTextAsync("Warranty check");

            await page.GetByRole(AriaRole.Button, new() { Name = "Deploy", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deploy" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Deployed warranty-check-drd version 1 with decision warranty-check version 1.");
            await Assertions.Expect(page.GetByText("As deployed")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Decisions" })).ToContainTextAsync("Warranty check");
        });

        var decision = (await product.SearchAsync("decision-definitions", new { decisionDefinitionId = "warranty-check" })).Single()!;
        Assert.Equal(1, decision["version"]!.GetValue<int>());
        Assert.Equal("warranty-check-drd", decision["decisionRequirementsId"]!.GetValue<string>());
        var xml = await product.Api.GetStringAsync($"/v2/decision-definitions/{decision["decisionDefinitionKey"]}/xml");
        Assert.Contains("manual", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("high", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_process_owner_uploads_a_requirements_graph_opens_each_decision_and_deploys_them_all()
    {
        await product.AsUserAsync("olga", nameof(A_process_owner_uploads_a_requirements_graph_opens_each_decision_and_deploys_them_all), async page =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Designer" }).ClickAsync();
            await page.GetByLabel("Upload").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "claim-routing.dmn"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uploaded claim-routing.dmn" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "DRD" })).ToHaveAttributeAsync("aria-selected", "true");
            await Assertions.Expect(page.Locator(".dmn-editor [data-element-id='tier']")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Tab, new() { Name = "tier literal expression" }).ClickAsync();
            await Assertions.Expect(page.Locator(".dmn-editor")).ToContainTextAsync("if spend > 1000 then \"gold\" else \"standard\"");
            await page.GetByRole(AriaRole.Tab, new() { Name = "Route the claim decision table" }).ClickAsync();
            await Assertions.Expect(page.Locator(".dmn-editor td[data-row-id='route-large'][data-col-id='route-value']")).ToHaveTextAsync("> 500");

            await page.GetByRole(AriaRole.Button, new() { Name = "Validate" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The model is valid.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Deploy", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deploy" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(new Regex(@"^Deployed e2e-claim-routing version \d+ with decisions .*e2e-route version \d+"));
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Decisions" })).ToContainTextAsync("Claim routing");
        });

        var decisions = await product.SearchAsync("decision-definitions", new { decisionRequirementsId = "e2e-claim-routing" });
        Assert.Equal(["e2e-route", "tier"], decisions.Select(d => d!["decisionDefinitionId"]!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Validation_marks_the_decision_and_the_rule_with_a_problem_and_the_decision_is_not_deployed()
    {
        await product.AsUserAsync("olga", nameof(Validation_marks_the_decision_and_the_rule_with_a_problem_and_the_decision_is_not_deployed), async page =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Designer" }).ClickAsync();
            await page.GetByLabel("Upload").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "invalid-decision.dmn"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uploaded invalid-decision.dmn" })).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Deploy", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Not deployed: fix the problems below first.");
            var problems = page.GetByRole(AriaRole.List, new() { Name = "Problems" });
            await Assertions.Expect(problems).ToContainTextAsync("discount-broken · line 10");
            await Assertions.Expect(problems).ToContainTextAsync("FEEL");
            await Assertions.Expect(page.Locator("[data-element-id='e2e-invalid-discount'].validation-error")).ToHaveCountAsync(1);

            // The problem's link opens the decision's table, where the rule's row is marked.
            await problems.GetByRole(AriaRole.Button, new() { Name = "discount-broken · line 10" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Discount decision table" })).ToHaveAttributeAsync("aria-selected", "true");
            await Assertions.Expect(page.Locator(".dmn-editor td[data-row-id='discount-broken']").First).ToHaveCSSAsync("background-color", "rgb(255, 227, 227)");
        });

        Assert.Empty(await product.SearchAsync("decision-definitions", new { decisionDefinitionId = "e2e-invalid-discount" }));
    }
}
