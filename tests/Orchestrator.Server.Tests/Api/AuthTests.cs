using Orchestrator.Testing;
using System.Net.Http.Json;

namespace Orchestrator.Server.Tests.Api;

/// <summary>Sign-in by Basic, API key and cookie; agents see and work on only their groups' tasks.</summary>
public sealed class AuthTests(AuthFixture server) : IClassFixture<AuthFixture>
{
    private static readonly object EmptySearch = new { };

    [Fact]
    public async Task A_request_without_credentials_is_a_401_problem()
    {
        await ApiAssert.Problem(await server.Client.PostAsJsonAsync("/v2/process-instances/search", EmptySearch), 401, "UNAUTHORIZED");
        await ApiAssert.Problem(await server.Client.GetAsync("/v2/topology"), 401, "UNAUTHORIZED");
        await ApiAssert.Problem(await server.Client.GetAsync("/api/auth/me"), 401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_wrong_password_or_unknown_user_is_a_401()
    {
        using var wrong = server.ClientAs("admin", "not-the-password");
        using var unknown = server.ClientAs("mallory", AuthFixture.AdminPassword);

        await ApiAssert.Problem(await wrong.PostAsJsonAsync("/v2/process-instances/search", EmptySearch), 401, "UNAUTHORIZED");
        await ApiAssert.Problem(await unknown.PostAsJsonAsync("/v2/process-instances/search", EmptySearch), 401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Basic_credentials_of_a_configured_user_are_accepted()
    {
        using var admin = Admin();

        await ApiAssert.OkJson(await admin.PostAsJsonAsync("/v2/process-instances/search", EmptySearch));
        var me = await ApiAssert.OkJson(await admin.GetAsync("/api/auth/me"));
        Assert.Equal("admin", me["name"]!.GetValue<string>());
        Assert.Contains("admin", me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task An_api_key_in_the_header_is_accepted_and_a_wrong_one_is_not()
    {
        using var ci = server.NewClient();
        ci.DefaultRequestHeaders.Add("X-API-Key", AuthFixture.ApiKey);
        using var wrong = server.NewClient();
        wrong.DefaultRequestHeaders.Add("X-API-Key", "guessed");

        await ApiAssert.OkJson(await ci.PostAsJsonAsync("/v2/process-instances/search", EmptySearch));
        Assert.Equal("ci", (await ApiAssert.OkJson(await ci.GetAsync("/api/auth/me")))["name"]!.GetValue<string>());
        await ApiAssert.Problem(await wrong.PostAsJsonAsync("/v2/process-instances/search", EmptySearch), 401, "UNAUTHORIZED");
        // An integration key works the API but does not change the processes (a deploy key gets the process-owner role).
        using var deployment = await DeploymentAsync();
        await ApiAssert.Problem(await ci.PostAsync("/v2/deployments", deployment), 403, "FORBIDDEN");
    }

    [Fact]
    public async Task The_sign_in_cookie_authenticates_later_calls_until_sign_out()
    {
        using var browser = server.NewClient();
        // As the UI's pages do: a browser names the page's origin on every request that changes state.
        browser.DefaultRequestHeaders.Add("Origin", "http://localhost");

        await ApiAssert.Problem(await browser.PostAsJsonAsync("/api/auth/sign-in", new { username = "alice", password = "wrong" }), 401, "UNAUTHORIZED");
        var signedIn = await ApiAssert.OkJson(await browser.PostAsJsonAsync("/api/auth/sign-in", new { username = "alice", password = AuthFixture.AgentPassword }));
        Assert.Equal("alice", signedIn["name"]!.GetValue<string>());
        Assert.Equal(["agents"], signedIn["groups"]!.AsArray().Select(g => g!.GetValue<string>()));

        var me = await ApiAssert.OkJson(await browser.GetAsync("/api/auth/me"));
        Assert.Equal("alice", me["name"]!.GetValue<string>());
        Assert.Equal(["agent"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        await ApiAssert.OkJson(await browser.PostAsJsonAsync("/v2/user-tasks/search", EmptySearch));

        await ApiAssert.NoContent(await browser.PostAsync("/api/auth/sign-out", null));
        await ApiAssert.Problem(await browser.GetAsync("/api/auth/me"), 401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task An_agent_sees_and_works_on_only_tasks_of_their_groups_or_assigned_to_them()
    {
        using var admin = Admin();
        using var agent = server.ClientAs("alice", AuthFixture.AgentPassword);
        var (agentsInstance, agentsTask) = await StartTaskAsync(admin, "agents");
        var (financeInstance, financeTask) = await StartTaskAsync(admin, "finance");
        var (assignedInstance, assignedTask) = await StartTaskAsync(admin, "finance");
        await ApiAssert.NoContent(await admin.PostAsJsonAsync($"/v2/user-tasks/{assignedTask}/assignment", new { assignee = "alice" }));
        var instances = new[] { agentsInstance, financeInstance, assignedInstance };

        Assert.Equal([agentsTask, assignedTask], await TaskKeysAsync(agent, instances));
        Assert.Equal([agentsTask, financeTask, assignedTask], await TaskKeysAsync(admin, instances));
        await ApiAssert.OkJson(await agent.GetAsync($"/v2/user-tasks/{assignedTask}"));
        await ApiAssert.Problem(await agent.GetAsync($"/v2/user-tasks/{financeTask}"), 404, "NOT_FOUND");
        await ApiAssert.Problem(await agent.GetAsync($"/v2/user-tasks/{financeTask}/form"), 404, "NOT_FOUND");
        await ApiAssert.Problem(await agent.PostAsJsonAsync($"/v2/user-tasks/{financeTask}/variables/search", new { }), 404, "NOT_FOUND");
        await ApiAssert.Problem(await agent.PostAsJsonAsync($"/v2/user-tasks/{financeTask}/effective-variables/search", new { }), 404, "NOT_FOUND");
        Assert.NotEmpty((await ApiAssert.OkJson(await agent.PostAsJsonAsync($"/v2/user-tasks/{assignedTask}/effective-variables/search", new { })))["items"]!.AsArray());
        await ApiAssert.Problem(await agent.PostAsJsonAsync($"/v2/user-tasks/{financeTask}/assignment", new { assignee = "alice" }), 404, "NOT_FOUND");
        await ApiAssert.Problem(await agent.PostAsJsonAsync($"/v2/user-tasks/{financeTask}/completion", new { }), 404, "NOT_FOUND");
        // Changing a task's schedule is an operator's work: refused whatever the task.
        await ApiAssert.Problem(await agent.PatchAsJsonAsync($"/v2/user-tasks/{financeTask}", new { changeset = new { priority = 1 } }), 403, "FORBIDDEN");
        await ApiAssert.Problem(await agent.DeleteAsync($"/v2/user-tasks/{financeTask}/assignee"), 404, "NOT_FOUND");
        Assert.Equal("CREATED", (await ApiAssert.OkJson(await admin.GetAsync($"/v2/user-tasks/{financeTask}")))["state"]!.GetValue<string>());

        await ApiAssert.NoContent(await agent.PostAsJsonAsync($"/v2/user-tasks/{agentsTask}/assignment", new { assignee = "alice" }));
        await ApiAssert.NoContent(await agent.PostAsJsonAsync($"/v2/user-tasks/{agentsTask}/completion", new { }));
    }

    [Fact]
    public async Task Bug_an_agent_completing_a_task_could_set_any_variable_of_the_case()
    {
        // The probe set a case's customerId this way and read another customer's profile in the customer panel.
        using var admin = Admin();
        using var agent = server.ClientAs("alice", AuthFixture.AgentPassword);
        using (var deployment = new MultipartFormDataContent
        {
            { new StringContent(DecisionForm), "resources", "agent-decision.form" },
            { new StringContent(FormTaskModel), "resources", "agent-form-task.bpmn" },
        })
        {
            await ApiAssert.OkJson(await admin.PostAsync("/v2/deployments", deployment));
        }

        var instance = (await ApiAssert.OkJson(await admin.PostAsJsonAsync("/v2/process-instances",
            new { processDefinitionId = "agent-form-task", variables = new { customerId = "C-1" } })))["processInstanceKey"]!.GetValue<string>();
        var decide = await TaskAsync(admin, instance, "decide");
        // Not hers yet: that is what she hears first.
        await ApiAssert.Problem(await agent.PostAsJsonAsync($"/v2/user-tasks/{decide}/completion", new { variables = new { customerId = "C-2" } }), 409, "INVALID_STATE");
        await ApiAssert.NoContent(await agent.PostAsJsonAsync($"/v2/user-tasks/{decide}/assignment", new { assignee = "alice" }));

        var refused = await ApiAssert.Problem(await agent.PostAsJsonAsync($"/v2/user-tasks/{decide}/completion",
            new { variables = new { decision = "approve", customerId = "C-2" } }), 403, "FORBIDDEN");
        Assert.Contains("form 'agent-decision' (address, decision, note), not customerId", refused, StringComparison.Ordinal);
        // A value the form does not offer is refused as well.
        var unoffered = await ApiAssert.Problem(await agent.PostAsJsonAsync($"/v2/user-tasks/{decide}/completion", new { variables = new { decision = "bribe" } }), 403, "FORBIDDEN");
        Assert.Contains("form 'agent-decision': decision: \"bribe\" is not one of the options the form offered", unoffered, StringComparison.Ordinal);
        // A disabled field is not submitted by the form: it sets nothing either.
        await ApiAssert.Problem(await agent.PostAsJsonAsync($"/v2/user-tasks/{decide}/completion", new { variables = new { secret = "x" } }), 403, "FORBIDDEN");
        Assert.Equal("CREATED", (await ApiAssert.OkJson(await admin.GetAsync($"/v2/user-tasks/{decide}")))["state"]!.GetValue<string>());
        Assert.Equal("\"C-1\"", await VariableAsync(admin, instance, "customerId"));

        // What the form asks for (a group's path, a key that is a path) goes through.
        await ApiAssert.NoContent(await agent.PostAsJsonAsync($"/v2/user-tasks/{decide}/completion",
            new { variables = new { decision = "approve", address = new { city = "Berlin" }, note = new { text = "fine" } } }));
        Assert.Equal("\"approve\"", await VariableAsync(admin, instance, "decision"));

        // A task without a form is completed without variables.
        var confirm = await TaskAsync(admin, instance, "confirm");
        await ApiAssert.NoContent(await agent.PostAsJsonAsync($"/v2/user-tasks/{confirm}/assignment", new { assignee = "alice" }));
        var noForm = await ApiAssert.Problem(await agent.PostAsJsonAsync($"/v2/user-tasks/{confirm}/completion", new { variables = new { customerId = "C-2" } }), 403, "FORBIDDEN");
        Assert.Contains("has no form: you may complete it without variables, not set customerId", noForm, StringComparison.Ordinal);
        await ApiAssert.NoContent(await agent.PostAsJsonAsync($"/v2/user-tasks/{confirm}/completion", new { variables = new { } }));
        Assert.Equal("\"C-1\"", await VariableAsync(admin, instance, "customerId"));

        // Who works on every task (an admin, an operator's tooling) sets what the process needs, as in Camunda.
        var other = (await ApiAssert.OkJson(await admin.PostAsJsonAsync("/v2/process-instances",
            new { processDefinitionId = "agent-form-task", variables = new { customerId = "C-1" } })))["processInstanceKey"]!.GetValue<string>();
        await ApiAssert.NoContent(await admin.PostAsJsonAsync($"/v2/user-tasks/{await TaskAsync(admin, other, "decide")}/completion",
            new { variables = new { customerId = "C-3" } }));
        Assert.Equal("\"C-3\"", await VariableAsync(admin, other, "customerId"));
    }

    private const string DecisionForm = """
        {"id": "agent-decision", "type": "default", "components": [
          {"type": "text", "text": "Decide"},
          {"type": "radio", "key": "decision", "values": [{"label": "Approve", "value": "approve"}]},
          {"type": "group", "path": "address", "components": [{"type": "textfield", "key": "city"}]},
          {"type": "textfield", "key": "note.text"},
          {"type": "textfield", "key": "secret", "disabled": true}
        ]}
        """;

    private const string FormTaskModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="agent-form-task-defs" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="agent-form-task" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="decide" />
            <bpmn:userTask id="decide">
              <bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId="agent-decision" /><zeebe:assignmentDefinition candidateGroups="agents" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="decide" targetRef="confirm" />
            <bpmn:userTask id="confirm">
              <bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="agents" /></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f3" sourceRef="confirm" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static async Task<string> TaskAsync(HttpClient admin, string instance, string elementId)
    {
        var found = await ApiAssert.OkJson(await admin.PostAsJsonAsync("/v2/user-tasks/search", new { filter = new { processInstanceKey = instance, elementId, state = "CREATED" } }));
        return Assert.Single(found["items"]!.AsArray())!["userTaskKey"]!.GetValue<string>();
    }

    private static async Task<string> VariableAsync(HttpClient admin, string instance, string name)
    {
        var found = await ApiAssert.OkJson(await admin.PostAsJsonAsync("/v2/variables/search", new { filter = new { processInstanceKey = instance, name } }));
        return Assert.Single(found["items"]!.AsArray())!["value"]!.GetValue<string>();
    }

    [Fact]
    public async Task Bug_an_agent_saw_in_search_a_task_of_a_group_differing_only_in_case_that_it_could_not_open()
    {
        using var admin = Admin();
        using var agent = server.ClientAs("alice", AuthFixture.AgentPassword);
        var (instance, task) = await StartTaskAsync(admin, "AGENTS");

        Assert.Empty(await TaskKeysAsync(agent, [instance]));
        await ApiAssert.Problem(await agent.GetAsync($"/v2/user-tasks/{task}"), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task Bug_an_underscore_in_a_group_name_matched_any_character_in_the_task_search()
    {
        using var admin = Admin();
        using var carol = server.ClientAs("carol", AuthFixture.AgentPassword);
        var (instance, _) = await StartTaskAsync(admin, "finance");
        var (ownInstance, ownTask) = await StartTaskAsync(admin, "fin_nce");

        Assert.Equal([ownTask], await TaskKeysAsync(carol, [instance, ownInstance]));
    }

    [Fact]
    public async Task An_agent_may_claim_a_task_but_not_assign_it_to_someone_else()
    {
        using var admin = Admin();
        using var agent = server.ClientAs("alice", AuthFixture.AgentPassword);
        var (_, task) = await StartTaskAsync(admin, "agents");

        await ApiAssert.Problem(await agent.PostAsJsonAsync($"/v2/user-tasks/{task}/assignment", new { assignee = "bob" }), 403, "FORBIDDEN");
        await ApiAssert.NoContent(await agent.PostAsJsonAsync($"/v2/user-tasks/{task}/assignment", new { assignee = "alice" }));
        await ApiAssert.NoContent(await admin.PostAsJsonAsync($"/v2/user-tasks/{task}/assignment", new { assignee = "bob" }));

        Assert.Equal("bob", (await ApiAssert.OkJson(await admin.GetAsync($"/v2/user-tasks/{task}")))["assignee"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_agent_may_not_deploy()
    {
        using var agent = server.ClientAs("alice", AuthFixture.AgentPassword);
        using var deployment = await DeploymentAsync();

        await ApiAssert.Problem(await agent.PostAsync("/v2/deployments", deployment), 403, "FORBIDDEN");
    }

    private HttpClient Admin() => server.ClientAs("admin", AuthFixture.AdminPassword);

    private static async Task<MultipartFormDataContent> DeploymentAsync() => new()
    {
        { new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Api", "user-task.bpmn"))), "resources", "user-task.bpmn" },
    };

    private static async Task<(string Instance, string Task)> StartTaskAsync(HttpClient admin, string group)
    {
        using (var deployment = await DeploymentAsync())
        {
            await ApiAssert.OkJson(await admin.PostAsync("/v2/deployments", deployment));
        }

        var created = await ApiAssert.OkJson(await admin.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = "user-task", variables = new { group } }));
        var instance = created["processInstanceKey"]!.GetValue<string>();
        var found = await ApiAssert.OkJson(await admin.PostAsJsonAsync("/v2/user-tasks/search", new { filter = new { processInstanceKey = instance } }));
        return (instance, Assert.Single(found["items"]!.AsArray())!["userTaskKey"]!.GetValue<string>());
    }

    private static async Task<string[]> TaskKeysAsync(HttpClient client, string[] instances)
    {
        var filter = new Dictionary<string, object> { ["processInstanceKey"] = new Dictionary<string, object> { ["$in"] = instances } };
        var found = await ApiAssert.OkJson(await client.PostAsJsonAsync("/v2/user-tasks/search", new { filter, sort = new[] { new { field = "userTaskKey", order = "ASC" } } }));
        Assert.Equal(found["items"]!.AsArray().Count, found["page"]!["totalItems"]!.GetValue<int>());
        return found["items"]!.AsArray().Select(t => t!["userTaskKey"]!.GetValue<string>()).ToArray();
    }
}
