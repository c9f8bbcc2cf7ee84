using Microsoft.Playwright;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>The designer undeploys a version nothing uses after a yes, and shows the server's reason when one is in use.</summary>
[Collection(ProductTests.Name)]
public sealed class UndeployTests(ProductServer product)
{
    private const string ProcessId = "e2e-undeploy";

    private async Task DeployAsync(string taskName)
    {
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="undeploy-defs" targetNamespace="http://bpmn.io/schema/bpmn">
              <bpmn:process id="{ProcessId}" name="Undeploy me" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
                <bpmn:userTask id="review" name="{taskName}">
                  <bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="agents" /></bpmn:extensionElements>
                </bpmn:userTask>
                <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        using var deployment = new MultipartFormDataContent();
        deployment.Add(new StringContent(xml), "resources", ProcessId + ".bpmn");
        await ApiAssert.OkJson(await product.Api.PostAsync("/v2/deployments", deployment));
    }

    [Fact]
    public async Task An_unused_version_is_undeployed_after_a_yes_and_one_with_an_instance_is_refused_with_the_reason()
    {
        await DeployAsync("Check");
        await product.StartAsync(ProcessId, new { });
        await DeployAsync("Check again");

        await product.AsUserAsync("olga", nameof(An_unused_version_is_undeployed_after_a_yes_and_one_with_an_instance_is_refused_with_the_reason), async page =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Designer" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Undeploy a version of Undeploy me" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Undeploy Undeploy me" });
            var submit = dialog.GetByRole(AriaRole.Button, new() { Name = "Undeploy v2" });
            await Assertions.Expect(submit).ToBeDisabledAsync();
            await dialog.GetByLabel("Yes, undeploy Undeploy me v2").CheckAsync();
            // The lists' reload after the undeployment is slow (the route holds it): the list must not offer v2 again in the meantime.
            await page.RouteAsync("**/v2/process-definitions/search", async route =>
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
                await route.ContinueAsync();
            });
            await submit.ClickAsync();
            await Assertions.Expect(dialog.GetByRole(AriaRole.Status)).ToHaveTextAsync("Undeploy me v2 is undeployed.");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Undeploy a version of Undeploy me" }).ClickAsync();
            await dialog.GetByLabel("Yes, undeploy Undeploy me v1").CheckAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Undeploy v1" }).ClickAsync();
            await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync($"1 instance of process '{ProcessId}' v1 exists");
        });

        Assert.Equal([1], (await product.SearchAsync("process-definitions", new { processDefinitionId = ProcessId })).Select(d => d!["version"]!.GetValue<int>()));
    }
}
