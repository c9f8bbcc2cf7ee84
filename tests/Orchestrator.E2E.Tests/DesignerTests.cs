using Microsoft.Playwright;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>A process owner designs in the browser: changes a shipped model with an element template and deploys it, is stopped by validation, and deploys a new form.</summary>
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
            await page.GetByRole(AriaRole.Button, new() { Name = "Return and refund" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Return and refund — version 1" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".bjs-powered-by")).ToBeVisibleAsync();

            // Looked at only, the model downloads exactly as it was deployed.
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync());
            Assert.Equal("return-and-refund.bpmn", download.SuggestedFilename);
            Assert.Equal(shipped, await File.ReadAllTextAsync(await download.PathAsync()));

            await page.Locator("[data-element-id='tellIneligible']").ClickAsync();
            var properties = page.GetByRole(AriaRole.Complementary, new() { Name = "Properties" });
            await properties.GetByRole(AriaRole.Button, new() { Name = "Select" }).ClickAsync();
            await page.GetByText("Notify customer", new() { Exact = true }).ClickAsync();
            await Assertions.Expect(properties).ToContainTextAsync("NOTIFY CUSTOMER", new() { IgnoreCase = true });
            await Assertions.Expect(page.GetByText("Not deployed")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Deploy" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Deployed return-and-refund version 2.");
            await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Version of Return and refund" })).ToContainTextAsync("v2");
        });

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
            await page.GetByLabel("Upload").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "no-type.bpmn"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uploaded no-type.bpmn" })).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Deploy" }).ClickAsync();
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

            await page.GetByRole(AriaRole.Button, new() { Name = "Deploy" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Deployed form refund-note version 1.");
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Forms" })).ToContainTextAsync("refund-note");
        });

        var forms = (await ApiAssert.OkJson(await product.Api.GetAsync("/api/forms"))).AsArray();
        Assert.Contains(forms, f => f!["formId"]!.GetValue<string>() == "refund-note");
    }
}
