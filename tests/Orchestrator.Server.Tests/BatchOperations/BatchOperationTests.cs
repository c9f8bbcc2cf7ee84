using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.BatchOperations;

/// <summary>
/// Batch incident resolution and cancellation by a process-instance filter (Camunda 8.8's <c>/v2/process-instances/incident-resolution</c>,
/// <c>/cancellation</c>), their progress at <c>/v2/batch-operations/{key}</c> and items; business keys found by prefix; no variable edits on a
/// finished instance.
/// </summary>
public sealed class BatchOperationTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static string Work(string id, string jobType) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="{id}-defs" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="{id}" name="Batch {id}" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
            <bpmn:serviceTask id="work" name="Work">
              <bpmn:extensionElements><zeebe:taskDefinition type="{jobType}" /></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static string Caller(string id, string calledId) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="{id}-defs" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="{id}" name="Caller {id}" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
            <bpmn:callActivity id="call" name="Call">
              <bpmn:extensionElements><zeebe:calledElement processId="{calledId}" /></bpmn:extensionElements>
            </bpmn:callActivity>
            <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task A_batch_retry_resolves_the_incidents_of_the_matching_instances_only_and_the_jobs_then_succeed()
    {
        await server.DeployXmlAsync("batch-retry.bpmn", Work("batch-retry", "batch.retry"));
        var matching = new[] { await server.StartAsync("batch-retry", new { businessKey = "BR-1" }), await server.StartAsync("batch-retry", new { businessKey = "BR-2" }) };
        var other = await server.StartAsync("batch-retry", new { businessKey = "OTHER-1" });
        foreach (var job in await server.ActivateAsync("batch.retry"))
        {
            await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job!["jobKey"]}/failure", new { retries = 0, errorMessage = "carrier down" }));
        }

        var batch = await server.PostOkAsync("/v2/process-instances/incident-resolution", new
        {
            filter = new Dictionary<string, object> { ["processDefinitionId"] = "batch-retry", ["businessKey"] = new Dictionary<string, string> { ["$like"] = "BR-*" } },
        });
        Assert.Equal("RESOLVE_INCIDENT", batch["batchOperationType"]!.GetValue<string>());
        var done = await DoneAsync(batch["batchOperationKey"]!.GetValue<string>());

        Assert.Equal("COMPLETED", done["state"]!.GetValue<string>());
        Assert.Equal(2, done["operationsTotalCount"]!.GetValue<int>());
        Assert.Equal(2, done["operationsCompletedCount"]!.GetValue<int>());
        Assert.Equal(0, done["operationsFailedCount"]!.GetValue<int>());
        Assert.NotNull(done["endDate"]);
        foreach (var key in matching)
        {
            Assert.Equal("RESOLVED", One(await server.SearchAsync("incidents", new { processInstanceKey = key }))["state"]!.GetValue<string>());
        }

        Assert.Equal("ACTIVE", One(await server.SearchAsync("incidents", new { processInstanceKey = other }))["state"]!.GetValue<string>());
        var again = await server.ActivateAsync("batch.retry");
        Assert.Equal(matching.Order(), again.Select(j => j!["processInstanceKey"]!.GetValue<string>()).Order());
        foreach (var job in again)
        {
            await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job!["jobKey"]}/completion", null));
        }

        foreach (var key in matching)
        {
            Assert.Equal("COMPLETED", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{key}")))["state"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_batch_cancel_by_a_business_key_prefix_cancels_those_and_lists_its_items()
    {
        await server.DeployXmlAsync("batch-cancel.bpmn", Work("batch-cancel", "batch.cancel"));
        var matching = new[] { await server.StartAsync("batch-cancel", new { orderId = "CAN-7" }), await server.StartAsync("batch-cancel", new { orderId = "CAN-8" }) };
        var kept = await server.StartAsync("batch-cancel", new { orderId = "KEEP-7" });

        var batch = await server.PostOkAsync("/v2/process-instances/cancellation", new
        {
            filter = new Dictionary<string, object> { ["businessKey"] = new Dictionary<string, string> { ["$like"] = "CAN-*" } },
        });
        var key = batch["batchOperationKey"]!.GetValue<string>();
        var done = await DoneAsync(key);

        Assert.Equal("CANCEL_PROCESS_INSTANCE", done["batchOperationType"]!.GetValue<string>());
        Assert.Equal(2, done["operationsCompletedCount"]!.GetValue<int>());
        foreach (var instance in matching)
        {
            Assert.Equal("TERMINATED", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}")))["state"]!.GetValue<string>());
        }

        Assert.Equal("ACTIVE", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{kept}")))["state"]!.GetValue<string>());
        var items = await server.SearchAsync("batch-operation-items", new { batchOperationKey = key });
        Assert.Equal(matching.Order(), items.Select(i => i!["processInstanceKey"]!.GetValue<string>()).Order());
        Assert.All(items, i => Assert.Equal("COMPLETED", i!["state"]!.GetValue<string>()));
        Assert.Contains(await server.SearchAsync("batch-operations", new { operationType = "CANCEL_PROCESS_INSTANCE" }),
            b => b!["batchOperationKey"]!.GetValue<string>() == key);
        var prefixed = await server.SearchAsync("process-instances", new Dictionary<string, object> { ["businessKey"] = new Dictionary<string, string> { ["$like"] = "CAN-*" } });
        Assert.Equal(matching.Order(), prefixed.Select(i => i!["processInstanceKey"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task An_item_the_engine_refuses_is_counted_as_failed_and_the_batch_runs_on()
    {
        // Cancelling the caller cancels its called instance too: the batch's item for the called one finds it ended.
        await server.DeployXmlAsync("batch-called.bpmn", Work("batch-called", "batch.called"));
        await server.DeployXmlAsync("batch-caller.bpmn", Caller("batch-caller", "batch-called"));
        var caller = await server.StartAsync("batch-caller");
        var called = One(await server.SearchAsync("process-instances", new { parentProcessInstanceKey = caller }))["processInstanceKey"]!.GetValue<string>();

        var batch = await server.PostOkAsync("/v2/process-instances/cancellation", new
        {
            filter = new { processDefinitionId = new Dictionary<string, string[]> { ["$in"] = ["batch-caller", "batch-called"] } },
        });
        var key = batch["batchOperationKey"]!.GetValue<string>();
        var done = await DoneAsync(key);

        Assert.Equal("COMPLETED", done["state"]!.GetValue<string>());
        Assert.Equal(2, done["operationsTotalCount"]!.GetValue<int>());
        Assert.Equal(1, done["operationsCompletedCount"]!.GetValue<int>());
        Assert.Equal(1, done["operationsFailedCount"]!.GetValue<int>());
        var failed = One(await server.SearchAsync("batch-operation-items", new { batchOperationKey = key, state = "FAILED" }));
        Assert.Equal(called, failed["processInstanceKey"]!.GetValue<string>());
        Assert.Contains(called, failed["errorMessage"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_batch_item_for_a_called_instance_alone_fails_naming_its_root_and_the_batch_runs_on()
    {
        await server.DeployXmlAsync("batch-child.bpmn", Work("batch-child", "batch.child"));
        await server.DeployXmlAsync("batch-parent.bpmn", Caller("batch-parent", "batch-child"));
        var parent = await server.StartAsync("batch-parent");
        var child = One(await server.SearchAsync("process-instances", new { parentProcessInstanceKey = parent }))["processInstanceKey"]!.GetValue<string>();
        var alone = await server.StartAsync("batch-child");

        var batch = await server.PostOkAsync("/v2/process-instances/cancellation", new { filter = new { processDefinitionId = "batch-child" } });
        var key = batch["batchOperationKey"]!.GetValue<string>();
        var done = await DoneAsync(key);

        Assert.Equal("COMPLETED", done["state"]!.GetValue<string>());
        Assert.Equal(1, done["operationsCompletedCount"]!.GetValue<int>());
        Assert.Equal(1, done["operationsFailedCount"]!.GetValue<int>());
        var failed = One(await server.SearchAsync("batch-operation-items", new { batchOperationKey = key, state = "FAILED" }));
        Assert.Equal(child, failed["processInstanceKey"]!.GetValue<string>());
        Assert.Contains($"root process instance {parent}", failed["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("TERMINATED", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{alone}")))["state"]!.GetValue<string>());
        foreach (var active in new[] { parent, child })
        {
            Assert.Equal("ACTIVE", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{active}")))["state"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_batch_migration_moves_the_matching_instances_to_the_new_version_and_their_jobs_follow()
    {
        await server.DeployXmlAsync("batch-migrate.bpmn", Work("batch-migrate", "batch.migrate"));
        var moving = new[] { await server.StartAsync("batch-migrate", new { caseId = "MIG-1" }), await server.StartAsync("batch-migrate", new { caseId = "MIG-2" }) };
        var staying = await server.StartAsync("batch-migrate", new { caseId = "STAY-1" });
        var v2 = await server.DeployXmlAsync("batch-migrate.bpmn", Work("batch-migrate", "batch.migrate").Replace("name=\"Work\"", "name=\"Work again\"", StringComparison.Ordinal));
        var target = v2["deployments"]![0]!["processDefinition"]!["processDefinitionKey"]!.GetValue<string>();

        var batch = await server.PostOkAsync("/v2/process-instances/migration", new
        {
            filter = new Dictionary<string, object> { ["processDefinitionId"] = "batch-migrate", ["processDefinitionVersion"] = 1, ["businessKey"] = new Dictionary<string, string> { ["$like"] = "MIG-*" } },
            migrationPlan = new { targetProcessDefinitionKey = target, mappingInstructions = new[] { new { sourceElementId = "work", targetElementId = "work" } } },
        });
        Assert.Equal("MIGRATE_PROCESS_INSTANCE", batch["batchOperationType"]!.GetValue<string>());
        var done = await DoneAsync(batch["batchOperationKey"]!.GetValue<string>());

        Assert.Equal(2, done["operationsCompletedCount"]!.GetValue<int>());
        foreach (var key in moving)
        {
            var instance = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{key}"));
            Assert.Equal(2, instance["processDefinitionVersion"]!.GetValue<int>());
        }

        Assert.Equal(1, (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{staying}")))["processDefinitionVersion"]!.GetValue<int>());
        await ApiAssert.Problem(await server.PostAsync("/v2/process-instances/migration", new { filter = new { }, migrationPlan = new { targetProcessDefinitionKey = "424242" } }), 400, "INVALID_ARGUMENT");
        await ApiAssert.Problem(await server.PostAsync("/v2/process-instances/migration", new { filter = new { } }), 400, "INVALID_ARGUMENT");
    }

    [Fact]
    public async Task A_filter_that_matches_nothing_makes_an_empty_batch_that_completes()
    {
        var batch = await server.PostOkAsync("/v2/process-instances/incident-resolution", new { filter = new { processDefinitionId = "no-such-process" } });
        var done = await DoneAsync(batch["batchOperationKey"]!.GetValue<string>());

        Assert.Equal("COMPLETED", done["state"]!.GetValue<string>());
        Assert.Equal(0, done["operationsTotalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bad_batch_requests_are_400_problems_and_an_unknown_batch_a_404()
    {
        await ApiAssert.Problem(await server.PostAsync("/v2/process-instances/cancellation", new { }), 400, "INVALID_ARGUMENT");
        await ApiAssert.Problem(await server.PostAsync("/v2/process-instances/cancellation", new { filter = new { colour = "red" } }), 400, "INVALID_ARGUMENT");
        await ApiAssert.Problem(await server.PostAsync("/v2/process-instances/incident-resolution", new { filter = new { state = 7 } }), 400, "INVALID_ARGUMENT");
        await ApiAssert.Problem(await server.PostAsync("/v2/process-instances/search",
            new { filter = new Dictionary<string, object> { ["businessKey"] = new Dictionary<string, string> { ["$gt"] = "A" } } }), 400, "INVALID_ARGUMENT");
        await ApiAssert.Problem(await server.Client.GetAsync("/v2/batch-operations/424242"), 404, "NOT_FOUND");
        await ApiAssert.Problem(await server.Client.GetAsync("/v2/batch-operations/abc"), 400, "INVALID_ARGUMENT");
    }

    [Fact]
    public async Task Bug_a_batch_whose_filter_named_an_unknown_state_was_created_with_0_items()
    {
        var deployed = await server.DeployXmlAsync("batch-bad-state.bpmn", Work("batch-bad-state", "batch.bad-state"));
        var target = deployed["deployments"]![0]!["processDefinition"]!["processDefinitionKey"]!.GetValue<string>();
        var running = await server.StartAsync("batch-bad-state");
        var batchesBefore = await BatchCountAsync();
        var badState = new Dictionary<string, object> { ["processDefinitionId"] = "batch-bad-state", ["state"] = new Dictionary<string, object> { ["$in"] = new[] { "ACTIVE", "NOPE" } } };

        var refusals = new[]
        {
            await server.PostAsync("/v2/process-instances/cancellation", new { filter = new { state = "NOPE" } }),
            await server.PostAsync("/v2/process-instances/incident-resolution", new { filter = badState }),
            await server.PostAsync("/v2/process-instances/migration", new
            {
                filter = badState,
                migrationPlan = new { targetProcessDefinitionKey = target, mappingInstructions = new[] { new { sourceElementId = "work", targetElementId = "work" } } },
            }),
        };

        foreach (var refusal in refusals)
        {
            var detail = await ApiAssert.Problem(refusal, 400, "INVALID_ARGUMENT");
            Assert.Contains("filter.state: \"NOPE\" is not one of ACTIVE, COMPLETED, TERMINATED", detail, StringComparison.Ordinal);
        }

        Assert.Equal(batchesBefore, await BatchCountAsync());
        Assert.Equal("ACTIVE", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{running}")))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_finished_batch_cannot_be_canceled()
    {
        var batch = await server.PostOkAsync("/v2/process-instances/cancellation", new { filter = new { processDefinitionId = "nothing-here" } });
        var key = batch["batchOperationKey"]!.GetValue<string>();
        await DoneAsync(key);

        await ApiAssert.Problem(await server.PostAsync($"/v2/batch-operations/{key}/cancellation", null), 409, "CONFLICT");
    }

    [Fact]
    public async Task Setting_a_variable_on_a_finished_instance_is_a_409_problem()
    {
        await server.DeployXmlAsync("batch-finished.bpmn", Work("batch-finished", "batch.finished"));
        var instance = await server.StartAsync("batch-finished");
        await ApiAssert.NoContent(await server.PostAsync($"/v2/process-instances/{instance}/cancellation", null));

        var detail = await ApiAssert.Problem(await server.Client.PutAsJsonAsync($"/v2/element-instances/{instance}/variables", new { variables = new { note = "late" } }), 409, "CONFLICT");

        Assert.Contains("canceled", detail, StringComparison.Ordinal);
    }

    private async Task<JsonNode> DoneAsync(string key)
    {
        JsonNode batch = null!;
        Assert.True(await Poll.Until(async () =>
        {
            batch = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/batch-operations/{key}"));
            return batch["state"]!.GetValue<string>() != "ACTIVE";
        }), $"batch {key} did not finish");
        return batch;
    }

    private async Task<long> BatchCountAsync() =>
        (await server.PostOkAsync("/v2/batch-operations/search", new { }))["page"]!["totalItems"]!.GetValue<long>();

    private static JsonNode One(JsonArray items) => Assert.Single(items)!;
}
