using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>
/// An operator moves a running case onto the new version of its process after a deploy, and moves a stuck token by hand
/// (on a phone, in Chinese).
/// </summary>
[Collection(ProductTests.Name)]
public sealed class MigrationTests(ProductServer product)
{
    private static string Model(string processId, bool withInspection) => $$"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:message id="paid" name="e2e-paid"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>
          <bpmn:process id="{{processId}}" name="Return" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <bpmn:intermediateCatchEvent id="wait" name="Payment received"><bpmn:messageEventDefinition messageRef="paid" /></bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="review" />
            <bpmn:userTask id="review" name="Review the return"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="agents" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="{{(withInspection ? "inspect" : "end")}}" />
            {{(withInspection ? """
            <bpmn:userTask id="inspect" name="Inspect the parcel"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="warehouse" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:sequenceFlow id="f4" sourceRef="inspect" targetRef="end" />
            """ : "")}}
            <bpmn:endEvent id="end" name="Done" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task An_operator_migrates_a_waiting_case_to_version_2_and_its_task_completes_into_v2_s_flow()
    {
        var orderId = "E2E-MIG-" + Guid.NewGuid().ToString("N")[..8];
        await DeployAsync("e2e-migration", withInspection: false);
        var instance = await product.StartAsync("e2e-migration", new { orderId });
        await ApiAssert.OkJson(await product.Api.PostAsJsonAsync("/v2/messages/publication", new { name = "e2e-paid", correlationKey = orderId }));
        var task = await product.OpenTaskAsync(instance, "review");
        await DeployAsync("e2e-migration", withInspection: true);

        await product.AsUserAsync("oscar", nameof(An_operator_migrates_a_waiting_case_to_version_2_and_its_task_completes_into_v2_s_flow), async page =>
        {
            await page.GotoAsync($"{product.Address}#/operations/{instance}");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("version 1");
            await page.GetByRole(AriaRole.Button, new() { Name = "Migrate…" }).ClickAsync();

            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Migrate to another version" });
            await Assertions.Expect(dialog.GetByLabel("Target version")).ToHaveValueAsync(await VersionKeyAsync("e2e-migration", 2));
            var mapping = dialog.GetByLabel("Continues as: Review the return");
            await Assertions.Expect(mapping).ToHaveValueAsync("review");
            await Assertions.Expect(dialog).ToContainTextAsync("same element");
            await Assertions.Expect(dialog).ToContainTextAsync("1 active elements, 0 still without a target.");

            // Cleared, the element is flagged and migrating is not offered; chosen again by name, it is.
            await mapping.SelectOptionAsync(new SelectOptionValue { Value = "" });
            await Assertions.Expect(dialog).ToContainTextAsync("Needs a target");
            await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Migrate", Exact = true })).ToBeDisabledAsync();
            await mapping.SelectOptionAsync(new SelectOptionValue { Label = "Review the return" });
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Migrate", Exact = true }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Migrated to version 2.");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("version 2");
        });

        var migrated = (await product.SearchAsync("process-instances", new { processInstanceKey = instance })).Single()!;
        Assert.Equal(2, migrated["processDefinitionVersion"]!.GetValue<int>());
        await ApiAssert.NoContent(await product.Api.PostAsJsonAsync($"/v2/user-tasks/{task}/completion", new { }));
        await product.OpenTaskAsync(instance, "inspect");
    }

    [Fact]
    public async Task An_operator_on_a_phone_moves_a_stuck_token_in_the_modification_dialog_in_Chinese()
    {
        var orderId = "E2E-MOD-" + Guid.NewGuid().ToString("N")[..8];
        await DeployAsync("e2e-modification", withInspection: true);
        var instance = await product.StartAsync("e2e-modification", new { orderId });

        await product.AsUserAsync("oscar", nameof(An_operator_on_a_phone_moves_a_stuck_token_in_the_modification_dialog_in_Chinese), async page =>
        {
            await page.SetViewportSizeAsync(390, 844);
            await page.EvaluateAsync("localStorage.setItem('orchestrator.language', 'zh-CN')");
            await page.GotoAsync($"{product.Address}#/operations/{instance}");
            await page.ReloadAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "修改…" }).ClickAsync();

            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "修改此流程实例" });
            await Assertions.Expect(dialog.GetByLabel("从")).ToHaveValueAsync("wait");
            await dialog.GetByLabel("到").SelectOptionAsync(new SelectOptionValue { Label = "Review the return" });
            await dialog.GetByLabel("变量").FillAsync("""{"paidBy": "phone"}""");
            // The dialog fits a phone's width and nothing in it scrolls sideways (the rest of the page is the operations page's own).
            var box = await dialog.BoundingBoxAsync();
            Assert.True(box is not null && box.Width <= 390, $"the dialog is {box?.Width} px wide");
            Assert.True(await dialog.EvaluateAsync<bool>("d => d.scrollWidth <= d.clientWidth"), "the dialog's content is wider than the dialog");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "执行" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("流程实例已修改。");
        });

        await product.OpenTaskAsync(instance, "review");
        var paidBy = (await product.SearchAsync("variables", new { processInstanceKey = instance, name = "paidBy" })).Single()!;
        Assert.Equal("\"phone\"", paidBy["value"]!.GetValue<string>());
    }

    private async Task DeployAsync(string processId, bool withInspection)
    {
        using var deployment = new MultipartFormDataContent
        {
            { new StringContent(Model(processId, withInspection), Encoding.UTF8, "application/xml"), "resources", $"{processId}.bpmn" },
        };
        await ApiAssert.OkJson(await product.Api.PostAsync("/v2/deployments", deployment));
    }

    private async Task<string> VersionKeyAsync(string processId, int version) =>
        (await product.SearchAsync("process-definitions", new { processDefinitionId = processId, version })).Single()!["processDefinitionKey"]!.GetValue<string>();
}
