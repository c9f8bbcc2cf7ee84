using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>
/// Migration and modification of single instances through <c>/v2/process-instances/{key}/migration</c> and <c>/modification</c>:
/// version 1 of a return process (review → refund) and version 2 (review → inspect → refund) deployed, instances moved between them.
/// </summary>
public sealed class InstanceRepairTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>The return process under its own id (each test deploys its own versions); version 2 adds an inspection.</summary>
    internal static string Model(string processId, bool withInspection, string reviewId = "review") => $$"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="{{processId}}" name="Return" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="{{reviewId}}" />
            <bpmn:userTask id="{{reviewId}}" name="Review the return"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="agents" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="{{reviewId}}" targetRef="{{(withInspection ? "inspect" : "refund")}}" />
            {{(withInspection ? """
            <bpmn:userTask id="inspect" name="Inspect the parcel"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="warehouse" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:sequenceFlow id="f4" sourceRef="inspect" targetRef="refund" />
            """ : "")}}
            <bpmn:serviceTask id="refund" name="Refund"><bpmn:extensionElements><zeebe:taskDefinition type="{{processId}}.refund" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:sequenceFlow id="f3" sourceRef="refund" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    internal static async Task<string> DeployAsync(ApiClient api, string processId, bool withInspection, string reviewId = "review") =>
        (await api.DeployXmlAsync($"{processId}.bpmn", Model(processId, withInspection, reviewId)))["deployments"]![0]!["processDefinition"]!["processDefinitionKey"]!.GetValue<string>();

    internal static async Task<JsonNode> TaskAsync(ApiClient api, string instance, string elementId) =>
        Assert.Single(await api.SearchAsync("user-tasks", new { processInstanceKey = instance, elementId, state = "CREATED" }))!;

    [Fact]
    public async Task A_waiting_user_task_is_migrated_to_version_2_keeps_its_key_and_assignee_and_completes_into_v2_s_flow()
    {
        // Arrange
        await DeployAsync(server.Api, "mig-return", withInspection: false);
        var instance = await server.StartAsync("mig-return");
        var task = await TaskAsync(server.Api, instance, "review");
        var taskKey = task["userTaskKey"]!.GetValue<string>();
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{taskKey}/assignment", new { assignee = "olga" }));
        var v2 = await DeployAsync(server.Api, "mig-return", withInspection: true);

        // Act: no instruction needed, review has the same id in both versions
        await ApiAssert.NoContent(await server.PostAsync($"/v2/process-instances/{instance}/migration",
            new { targetProcessDefinitionKey = v2, mappingInstructions = Array.Empty<object>() }));

        // Assert: the instance, its task and its element instance are on version 2
        var migrated = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}"));
        Assert.Equal(2, migrated["processDefinitionVersion"]!.GetValue<int>());
        Assert.Equal(v2, migrated["processDefinitionKey"]!.GetValue<string>());
        var same = await TaskAsync(server.Api, instance, "review");
        Assert.Equal(taskKey, same["userTaskKey"]!.GetValue<string>());
        Assert.Equal("olga", same["assignee"]!.GetValue<string>());
        Assert.Equal(v2, same["processDefinitionKey"]!.GetValue<string>());
        var element = Assert.Single(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "review", state = "ACTIVE" }))!;
        Assert.Equal(v2, element["processDefinitionKey"]!.GetValue<string>());
        var history = (await ApiAssert.OkJson(await server.Client.GetAsync($"/api/process-instances/{instance}/history"))).AsArray();
        // The operator's line names who and which versions apart from the recorded English text, for the UI to word.
        var operation = Assert.Single(history, r => r!["intent"]!.GetValue<string>() == "MIGRATED" && r["valueType"]!.GetValue<string>() == "OPERATION")!;
        Assert.Equal("anonymous: from mig-return version 1 to mig-return version 2", operation["detail"]!.GetValue<string>());
        Assert.Equal("anonymous", operation["actor"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"fromProcessId":"mig-return","fromVersion":1,"toProcessId":"mig-return","toVersion":2}"""), operation["migration"]));
        Assert.All(history.Where(r => r!["valueType"]!.GetValue<string>() != "OPERATION"), r => Assert.Null(r!["actor"]));

        // Act: the task completes into version 2's flow: the new inspection, then the refund
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{taskKey}/completion", new { }));
        var inspect = await TaskAsync(server.Api, instance, "inspect");
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{inspect["userTaskKey"]}/completion", new { }));
        var job = Assert.Single(await server.ActivateAsync("mig-return.refund"))!;
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job["jobKey"]}/completion", new { }));

        // Assert
        Assert.Equal("COMPLETED", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}")))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_is_moved_and_an_element_activated_with_variables_and_an_element_instance_terminated()
    {
        // Arrange
        await DeployAsync(server.Api, "mod-return", withInspection: true);
        var instance = await server.StartAsync("mod-return");
        var review = await TaskAsync(server.Api, instance, "review");

        // Act: move the token from review to refund, with a variable for the process
        await ApiAssert.NoContent(await server.PostAsync($"/v2/process-instances/{instance}/modification", new
        {
            moveInstructions = new[]
            {
                new
                {
                    sourceElementInstruction = new { sourceType = "byId", sourceElementId = "review" },
                    targetElementId = "refund",
                    variableInstructions = new[] { new { variables = new { approvedBy = "supervisor" } } },
                },
            },
        }));

        // Assert: the review task is canceled, the refund job carries the variable
        var canceled = Assert.Single(await server.SearchAsync("user-tasks", new { userTaskKey = review["userTaskKey"]!.GetValue<string>() }))!;
        Assert.Equal("CANCELED", canceled["state"]!.GetValue<string>());
        var job = Assert.Single(await server.ActivateAsync("mod-return.refund"))!;
        Assert.Equal("supervisor", job["variables"]!["approvedBy"]!.GetValue<string>());

        // Act: an inspection is added with a local note
        await ApiAssert.NoContent(await server.PostAsync($"/v2/process-instances/{instance}/modification", new
        {
            activateInstructions = new[]
            {
                new { elementId = "inspect", variableInstructions = new[] { new { variables = new { note = "check the seal" }, scopeId = "inspect" } } },
            },
        }));

        // Assert
        var inspect = await TaskAsync(server.Api, instance, "inspect");
        var note = Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = instance, name = "note" }))!;
        Assert.Equal(inspect["elementInstanceKey"]!.GetValue<string>(), note["scopeKey"]!.GetValue<string>());

        // Act: terminate the inspection; the refund still runs, so the instance goes on
        await ApiAssert.NoContent(await server.PostAsync($"/v2/process-instances/{instance}/modification", new
        {
            terminateInstructions = new[] { new { elementInstanceKey = inspect["elementInstanceKey"]!.GetValue<string>() } },
        }));

        // Assert
        Assert.Empty(await server.SearchAsync("user-tasks", new { processInstanceKey = instance, state = "CREATED" }));
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job["jobKey"]}/completion", new { }));
        Assert.Equal("COMPLETED", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}")))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refusals_are_problems_that_name_the_field_or_the_element()
    {
        // Arrange: in version 2 the review task has another id, so it needs an instruction
        await DeployAsync(server.Api, "bad-return", withInspection: false);
        var instance = await server.StartAsync("bad-return");
        var v2 = await DeployAsync(server.Api, "bad-return", withInspection: true, reviewId: "check");
        var migration = $"/v2/process-instances/{instance}/migration";
        var modification = $"/v2/process-instances/{instance}/modification";

        // Act
        var unmapped = await server.PostAsync(migration, new { targetProcessDefinitionKey = v2, mappingInstructions = Array.Empty<object>() });
        var wrongType = await server.PostAsync(migration, new { targetProcessDefinitionKey = v2, mappingInstructions = new[] { new { sourceElementId = "review", targetElementId = "refund" } } });
        var noTarget = await server.PostAsync(migration, new { mappingInstructions = Array.Empty<object>() });
        var unknownDefinition = await server.PostAsync(migration, new { targetProcessDefinitionKey = "123", mappingInstructions = Array.Empty<object>() });
        var unknownInstance = await server.PostAsync("/v2/process-instances/123/migration", new { targetProcessDefinitionKey = v2 });
        var unknownElement = await server.PostAsync(modification, new { activateInstructions = new[] { new { elementId = "nope" } } });
        var badKey = await server.PostAsync(modification, new { terminateInstructions = new[] { new { elementInstanceKey = "abc" } } });
        var badSource = await server.PostAsync(modification, new { moveInstructions = new[] { new { sourceElementInstruction = new { sourceType = "byName" }, targetElementId = "refund" } } });
        var nothing = await server.PostAsync(modification, new { });

        // Assert
        Assert.Contains("'review'", await ApiAssert.Problem(unmapped, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        Assert.Contains("type must stay the same", await ApiAssert.Problem(wrongType, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        Assert.Contains("targetProcessDefinitionKey", await ApiAssert.Problem(noTarget, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        await ApiAssert.Problem(unknownDefinition, 404, "NOT_FOUND");
        await ApiAssert.Problem(unknownInstance, 404, "NOT_FOUND");
        Assert.Contains("activateInstructions[0].elementId: 'nope'", await ApiAssert.Problem(unknownElement, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        Assert.Contains("terminateInstructions[0].elementInstanceKey", await ApiAssert.Problem(badKey, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        Assert.Contains("sourceType", await ApiAssert.Problem(badSource, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        await ApiAssert.Problem(nothing, 400, "INVALID_ARGUMENT");

        // Act / Assert: with an instruction it migrates; a finished instance is a conflict
        await ApiAssert.NoContent(await server.PostAsync(migration, new { targetProcessDefinitionKey = v2, mappingInstructions = new[] { new { sourceElementId = "review", targetElementId = "check" } } }));
        Assert.Single(await server.SearchAsync("user-tasks", new { processInstanceKey = instance, elementId = "check", state = "CREATED" }));
        await ApiAssert.NoContent(await server.PostAsync($"/v2/process-instances/{instance}/cancellation", null));
        await ApiAssert.Problem(await server.PostAsync(migration, new { targetProcessDefinitionKey = v2 }), 409, "INVALID_STATE");
        await ApiAssert.Problem(await server.PostAsync(modification, new { activateInstructions = new[] { new { elementId = "refund" } } }), 409, "INVALID_STATE");
    }
}

/// <summary>A migrated instance is what a restarted server reads back from the database.</summary>
public sealed class InstanceRepairRestartTests
{
    [Fact]
    public async Task A_migrated_instance_is_on_version_2_after_a_restart_and_follows_v2_s_flow()
    {
        var first = new ServerFixture { KeepsDatabase = true };
        await first.InitializeAsync();
        string instance, v2, taskKey;
        try
        {
            await InstanceRepairTests.DeployAsync(first.Api, "restart-return", withInspection: false);
            instance = await first.StartAsync("restart-return");
            taskKey = (await InstanceRepairTests.TaskAsync(first.Api, instance, "review"))["userTaskKey"]!.GetValue<string>();
            v2 = await InstanceRepairTests.DeployAsync(first.Api, "restart-return", withInspection: true);
            await ApiAssert.NoContent(await first.PostAsync($"/v2/process-instances/{instance}/migration", new { targetProcessDefinitionKey = v2 }));
        }
        finally
        {
            await first.DisposeAsync();
        }

        var second = new RestartedServer(first.Database);
        await second.InitializeAsync();
        try
        {
            Assert.Equal(v2, (await ApiAssert.OkJson(await second.Client.GetAsync($"/v2/process-instances/{instance}")))["processDefinitionKey"]!.GetValue<string>());
            await ApiAssert.NoContent(await second.PostAsync($"/v2/user-tasks/{taskKey}/completion", new { }));
            Assert.Equal(v2, (await InstanceRepairTests.TaskAsync(second.Api, instance, "inspect"))["processDefinitionKey"]!.GetValue<string>());
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    private sealed class RestartedServer(TestDatabase database) : ServerFixture
    {
        public override TestDatabase Database => database;
    }
}
