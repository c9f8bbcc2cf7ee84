using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>User tasks through the API: update, filters on what the update set, assignment rules, forms, completion, variables.</summary>
public sealed class UserTaskTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Tasks_are_filtered_by_candidate_group_assignee_priority_and_due_date_after_an_update()
    {
        var agents = await StartTaskAsync("agents");
        var finance = await StartTaskAsync("finance");
        var both = new[] { agents.Instance, finance.Instance };

        var patch = await server.Client.PatchAsJsonAsync($"/v2/user-tasks/{agents.Task}", new { changeset = new { dueDate = "2031-01-01T10:00:00.000Z", priority = 80 } });
        await ApiAssert.NoContent(patch);
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{agents.Task}/assignment", new { assignee = "alice" }));

        var updated = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/user-tasks/{agents.Task}"));
        Assert.Equal("2031-01-01T10:00:00.000Z", updated["dueDate"]!.GetValue<string>());
        Assert.Equal(80, updated["priority"]!.GetValue<int>());
        Assert.Equal([agents.Task], await TaskKeysAsync(both, "candidateGroup", "agents"));
        Assert.Equal([finance.Task], await TaskKeysAsync(both, "candidateGroup", new Dictionary<string, object> { ["$eq"] = "finance" }));
        Assert.Empty(await TaskKeysAsync(both, "candidateGroup", "agent_"));
        Assert.Equal([agents.Task], await TaskKeysAsync(both, "assignee", "alice"));
        Assert.Equal([agents.Task], await TaskKeysAsync(both, "priority", new Dictionary<string, object> { ["$gte"] = 80 }));
        Assert.Equal([finance.Task], await TaskKeysAsync(both, "priority", new Dictionary<string, object> { ["$lt"] = 80 }));
        Assert.Equal([agents.Task], await TaskKeysAsync(both, "dueDate", new Dictionary<string, object> { ["$gt"] = "2030-12-31T00:00:00.000Z" }));
        Assert.Empty(await TaskKeysAsync(both, "dueDate", new Dictionary<string, object> { ["$gt"] = "2031-01-01T10:00:00.000Z" }));
    }

    [Fact]
    public async Task Bug_dates_in_a_time_zone_other_than_utc_hung_the_writer_on_postgresql()
    {
        // PostgreSQL takes only UTC offsets for timestamptz; a due date counted in Asia/Shanghai made the journal
        // writer throw outside its handler, and every later command waited for ever.
        await server.DeployAsync("Api/zoned-due.bpmn");
        var instance = await server.StartAsync("zoned-due");

        var task = (await server.SearchAsync("user-tasks", new { processInstanceKey = instance })).Single()!;
        var timer = await ApiAssert.OkJson(await server.PostAsync("/v2/element-instances/search", new { filter = new { processInstanceKey = instance, elementId = "answer" } }));

        Assert.Equal("2030-01-02T01:00:00.000Z", task["dueDate"]!.GetValue<string>());
        Assert.Equal("2030-01-01T10:00:00.000Z", task["followUpDate"]!.GetValue<string>());
        Assert.Single(timer["items"]!.AsArray());
        Assert.Single(await server.SearchAsync("user-tasks", new { processInstanceKey = instance, dueDate = new Dictionary<string, string> { ["$eq"] = "2030-01-02T01:00:00.000Z" } }));
    }

    [Fact]
    public async Task A_task_in_a_subprocess_sees_its_own_variables_before_its_instances()
    {
        const string Model = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="scoped-defs" targetNamespace="http://bpmn.io/schema/bpmn">
              <bpmn:process id="scoped-task" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handling" />
                <bpmn:subProcess id="handling">
                  <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=&quot;subprocess&quot;" target="reason" /></zeebe:ioMapping></bpmn:extensionElements>
                  <bpmn:startEvent id="inner-start" />
                  <bpmn:sequenceFlow id="i1" sourceRef="inner-start" targetRef="decide" />
                  <bpmn:userTask id="decide">
                    <bpmn:extensionElements>
                      <zeebe:userTask />
                      <zeebe:assignmentDefinition candidateGroups="agents" />
                      <zeebe:ioMapping><zeebe:input source="=&quot;task&quot;" target="offer" /></zeebe:ioMapping>
                    </bpmn:extensionElements>
                  </bpmn:userTask>
                  <bpmn:sequenceFlow id="i2" sourceRef="decide" targetRef="inner-end" />
                  <bpmn:endEvent id="inner-end" />
                </bpmn:subProcess>
                <bpmn:sequenceFlow id="f2" sourceRef="handling" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        await server.DeployXmlAsync("scoped-task.bpmn", Model);
        var instance = await server.StartAsync("scoped-task", new { reason = "instance", offer = "instance", customer = "C-1" });
        var task = (await server.SearchAsync("user-tasks", new { processInstanceKey = instance })).Single()!;
        var key = task["userTaskKey"]!.GetValue<string>();

        var effective = await ApiAssert.OkJson(await server.PostAsync($"/v2/user-tasks/{key}/effective-variables/search", new { sort = new[] { new { field = "name" } } }));
        Assert.Equal(
            ["customer=\"C-1\"", "offer=\"task\"", "reason=\"subprocess\""],
            effective["items"]!.AsArray().Select(v => $"{v!["name"]}={v["value"]}"));
        Assert.Equal(task["elementInstanceKey"]!.GetValue<string>(), effective["items"]![1]!["scopeKey"]!.GetValue<string>());
        Assert.Equal(3, effective["page"]!["totalItems"]!.GetValue<int>());

        var all = await ApiAssert.OkJson(await server.PostAsync($"/v2/user-tasks/{key}/variables/search", new { filter = new { name = "reason" } }));
        Assert.Equal(["\"instance\"", "\"subprocess\""], all["items"]!.AsArray().Select(v => v!["value"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var named = await ApiAssert.OkJson(await server.PostAsync($"/v2/user-tasks/{key}/effective-variables/search", new { filter = new { name = "offer" } }));
        Assert.Equal("\"task\"", Assert.Single(named["items"]!.AsArray())!["value"]!.GetValue<string>());
        await ApiAssert.Problem(await server.PostAsync("/v2/user-tasks/99/effective-variables/search", new { }), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task Deleting_the_assignee_unassigns_the_task()
    {
        var (instance, task) = await StartTaskAsync("agents");
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task}/assignment", new { assignee = "bob" }));

        await ApiAssert.NoContent(await server.Client.DeleteAsync($"/v2/user-tasks/{task}/assignee"));

        Assert.Null((await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/user-tasks/{task}")))["assignee"]);
        Assert.Equal([task], await TaskKeysAsync([instance], "assignee", new Dictionary<string, object> { ["$exists"] = false }));
    }

    [Fact]
    public async Task Assignment_without_override_of_an_assigned_task_is_a_conflict()
    {
        var (_, task) = await StartTaskAsync("agents");
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task}/assignment", new { assignee = "alice" }));

        await ApiAssert.Problem(await server.PostAsync($"/v2/user-tasks/{task}/assignment", new { assignee = "bob", allowOverride = false }), 409, "INVALID_STATE");
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task}/assignment", new { assignee = "alice", allowOverride = false }));
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task}/assignment", new { assignee = "bob", allowOverride = true }));

        Assert.Equal("bob", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/user-tasks/{task}")))["assignee"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_assignments_and_updates_of_a_real_task_are_400()
    {
        var (_, task) = await StartTaskAsync("agents");

        await ApiAssert.Problem(await server.PostAsync($"/v2/user-tasks/{task}/assignment", new { allowOverride = true }), 400, "INVALID_ARGUMENT");
        await ApiAssert.Problem(await server.Client.PatchAsJsonAsync($"/v2/user-tasks/{task}", new { changeset = new { priority = 101 } }), 400, "INVALID_ARGUMENT");
        await ApiAssert.Problem(await server.Client.PatchAsJsonAsync($"/v2/user-tasks/{task}", new { changeset = new { dueDate = "next week" } }), 400, "INVALID_ARGUMENT");
    }

    [Fact]
    public async Task A_task_without_a_form_answers_204_for_its_form()
    {
        var (_, task) = await StartTaskAsync("agents");

        await ApiAssert.NoContent(await server.Client.GetAsync($"/v2/user-tasks/{task}/form"));
    }

    [Fact]
    public async Task A_completed_task_is_shown_completed_and_a_second_completion_is_not_found()
    {
        var (instance, task) = await StartTaskAsync("agents");

        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task}/completion", new { variables = new { reviewed = true }, action = "complete" }));

        var done = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/user-tasks/{task}"));
        Assert.Equal("COMPLETED", done["state"]!.GetValue<string>());
        Assert.NotNull(done["completionDate"]);
        Assert.Equal("COMPLETED", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}")))["state"]!.GetValue<string>());
        // As in Zeebe, a finished task is gone from the engine's state: NOT_FOUND.
        await ApiAssert.Problem(await server.PostAsync($"/v2/user-tasks/{task}/completion", null), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task Variables_set_on_an_element_instance_show_in_the_variable_search()
    {
        var (instance, task) = await StartTaskAsync("agents");
        var element = (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/user-tasks/{task}")))["elementInstanceKey"]!.GetValue<string>();

        await ApiAssert.NoContent(await server.Client.PutAsJsonAsync($"/v2/element-instances/{element}/variables", new { variables = new { note = "checked", count = 3 } }));
        await ApiAssert.NoContent(await server.Client.PutAsJsonAsync($"/v2/element-instances/{element}/variables", new { variables = new { draft = new { lines = 2 } }, local = true }));

        var note = Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = instance, name = "note" }))!;
        Assert.Equal("\"checked\"", note["value"]!.GetValue<string>());
        Assert.Equal(instance, note["scopeKey"]!.GetValue<string>());
        var count = Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = instance, name = "count" }))!;
        Assert.Equal("3", count["value"]!.GetValue<string>());
        var draft = Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = instance, name = "draft" }))!;
        Assert.Equal(element, draft["scopeKey"]!.GetValue<string>());
        Assert.Equal(2, JsonNode.Parse(draft["value"]!.GetValue<string>())!["lines"]!.GetValue<int>());
    }

    private async Task<(string Instance, string Task)> StartTaskAsync(string group)
    {
        await server.DeployAsync("Api/user-task.bpmn");
        var instance = await server.StartAsync("user-task", new { group });
        var task = Assert.Single(await server.SearchAsync("user-tasks", new { processInstanceKey = instance }))!;
        Assert.Equal([group], task["candidateGroups"]!.AsArray().Select(g => g!.GetValue<string>()));
        return (instance, task["userTaskKey"]!.GetValue<string>());
    }

    private async Task<string[]> TaskKeysAsync(string[] instances, string field, object value)
    {
        var filter = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["processInstanceKey"] = new Dictionary<string, object> { ["$in"] = instances },
            [field] = value,
        };
        var found = await server.PostOkAsync("/v2/user-tasks/search", new { filter, sort = new[] { new { field = "userTaskKey", order = "asc" } } });
        return found["items"]!.AsArray().Select(t => t!["userTaskKey"]!.GetValue<string>()).ToArray();
    }
}
