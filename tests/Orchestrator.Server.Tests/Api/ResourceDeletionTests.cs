using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>
/// <c>POST /v2/resources/{resourceKey}/deletion</c>: a process or form version nothing uses is undeployed for good (gone from
/// the API, the previous version is the latest again, still gone after a restart); one in use is a 409 saying why.
/// </summary>
public sealed class ResourceDeletionTests(AuthFixture server) : IClassFixture<AuthFixture>
{
    private ApiClient Admin => new(server.ClientAs("admin", AuthFixture.AdminPassword));

    /// <summary>A process with one user task of group <c>agents</c>; <paramref name="name"/> makes versions differ; a message start event when <paramref name="message"/> is given.</summary>
    private static string Process(string id, string name, string? formId = null, string? message = null) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="{id}-defs" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="{id}" name="{name}" isExecutable="true">
            <bpmn:startEvent id="start">{(message is null ? "" : "<bpmn:messageEventDefinition messageRef=\"msg\" />")}</bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <bpmn:userTask id="review" name="Review">
              <bpmn:extensionElements>
                <zeebe:userTask />
                <zeebe:assignmentDefinition candidateGroups="agents" />
                {(formId is null ? "" : $"<zeebe:formDefinition formId=\"{formId}\" />")}
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
          {(message is null ? "" : $"<bpmn:message id=\"msg\" name=\"{message}\" />")}
        </bpmn:definitions>
        """;

    private static string Form(string id, string label) =>
        $$"""{ "id": "{{id}}", "type": "default", "schemaVersion": 16, "components": [ { "type": "textfield", "key": "note", "label": "{{label}}" } ] }""";

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    private static async Task<string> DeployProcessAsync(ApiClient api, string id, string name, string? formId = null, string? message = null) =>
        (await api.DeployXmlAsync($"{id}.bpmn", Process(id, name, formId, message)))["deployments"]![0]!["processDefinition"]!["processDefinitionKey"]!.GetValue<string>();

    private static async Task<string> DeployFormAsync(ApiClient api, string id, string label) =>
        (await api.DeployXmlAsync($"{id}.form", Form(id, label)))["deployments"]![0]!["form"]!["formKey"]!.GetValue<string>();

    private static Task<HttpResponseMessage> DeleteAsync(ApiClient api, string key) => api.PostAsync($"/v2/resources/{key}/deletion", new { });

    [Fact]
    public async Task An_unused_v2_is_gone_and_v1_is_the_latest_again()
    {
        var api = Admin;
        var id = Unique("undeploy");
        var v1 = await DeployProcessAsync(api, id, "First");
        var v2 = await DeployProcessAsync(api, id, "Second");

        var deleted = await ApiAssert.OkJson(await DeleteAsync(api, v2));

        Assert.Equal(v2, deleted["resourceKey"]!.GetValue<string>());
        await ApiAssert.Problem(await api.Http.GetAsync($"/v2/process-definitions/{v2}"), 404, "NOT_FOUND");
        var listed = await api.SearchAsync("process-definitions", new { processDefinitionId = id });
        Assert.Equal([v1], listed.Select(d => d!["processDefinitionKey"]!.GetValue<string>()));
        var created = await api.PostOkAsync("/v2/process-instances", new { processDefinitionId = id });
        Assert.Equal(v1, created["processDefinitionKey"]!.GetValue<string>());
        Assert.Equal(1, created["processDefinitionVersion"]!.GetValue<int>());
        await ApiAssert.Problem(await DeleteAsync(api, v2), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task Bug_the_next_deployment_after_undeploying_the_latest_reused_its_number_now_it_counts_on_as_zeebe_does()
    {
        var api = Admin;
        var id = Unique("undeploy-number");
        var formId = Unique("undeploy-number-form");
        await DeployProcessAsync(api, id, "First");
        await ApiAssert.OkJson(await DeleteAsync(api, await DeployProcessAsync(api, id, "Second")));
        await DeployFormAsync(api, formId, "First");
        await ApiAssert.OkJson(await DeleteAsync(api, await DeployFormAsync(api, formId, "Second")));

        var third = await api.DeployXmlAsync($"{id}.bpmn", Process(id, "Third"));
        var thirdForm = await api.DeployXmlAsync($"{formId}.form", Form(formId, "Third"));

        Assert.Equal(3, third["deployments"]![0]!["processDefinition"]!["processDefinitionVersion"]!.GetValue<int>());
        Assert.Equal(3, thirdForm["deployments"]![0]!["form"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_version_with_an_instance_is_a_409_that_counts_them()
    {
        var api = Admin;
        var id = Unique("undeploy-used");
        var v1 = await DeployProcessAsync(api, id, "First");
        await api.StartAsync(id);
        await api.StartAsync(id);

        var detail = await ApiAssert.Problem(await DeleteAsync(api, v1), 409, "INVALID_STATE");

        Assert.Contains("2 instances", detail, StringComparison.Ordinal);
        await ApiAssert.OkJson(await api.Http.GetAsync($"/v2/process-definitions/{v1}"));
    }

    [Fact]
    public async Task The_latest_version_with_a_message_start_event_is_a_409_but_an_older_one_goes()
    {
        var api = Admin;
        var id = Unique("undeploy-msg");
        var v1 = await DeployProcessAsync(api, id, "First", message: $"{id}-go");
        var v2 = await DeployProcessAsync(api, id, "Second", message: $"{id}-go");

        var detail = await ApiAssert.Problem(await DeleteAsync(api, v2), 409, "INVALID_STATE");

        Assert.Contains("start events", detail, StringComparison.Ordinal);
        await ApiAssert.OkJson(await DeleteAsync(api, v1));
        await ApiAssert.Problem(await api.Http.GetAsync($"/v2/process-definitions/{v1}"), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task A_form_version_no_open_task_shows_goes_and_one_an_open_task_shows_is_a_409()
    {
        var api = Admin;
        var formId = Unique("undeploy-form");
        var processId = Unique("undeploy-formed");
        var v1 = await DeployFormAsync(api, formId, "First");
        var v2 = await DeployFormAsync(api, formId, "Second");
        await DeployProcessAsync(api, processId, "Formed", formId);
        await api.StartAsync(processId);

        var detail = await ApiAssert.Problem(await DeleteAsync(api, v2), 409, "INVALID_STATE");

        Assert.Contains("open user task shows", detail, StringComparison.Ordinal);
        await ApiAssert.OkJson(await DeleteAsync(api, v1));
        await ApiAssert.Problem(await DeleteAsync(api, v1), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task The_only_version_of_a_form_a_process_links_to_is_a_409()
    {
        var api = Admin;
        var formId = Unique("undeploy-only");
        var processId = Unique("undeploy-linking");
        var form = await DeployFormAsync(api, formId, "Only");
        await DeployProcessAsync(api, processId, "Linking", formId);

        var detail = await ApiAssert.Problem(await DeleteAsync(api, form), 409, "INVALID_STATE");

        Assert.Contains($"process '{processId}' v1 links to form", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_is_a_404_a_malformed_one_a_400_and_an_agent_is_refused()
    {
        var api = Admin;
        var id = Unique("undeploy-agent");
        var key = await DeployProcessAsync(api, id, "Agent");
        using var alice = server.ClientAs("alice", AuthFixture.AgentPassword);

        await ApiAssert.Problem(await DeleteAsync(api, "2251799813685249"), 404, "NOT_FOUND");
        await ApiAssert.Problem(await DeleteAsync(api, "not-a-key"), 400, "INVALID_ARGUMENT");
        await ApiAssert.Problem(await api.PostAsync($"/v2/resources/{key}/deletion", new { operationReference = 0 }), 400, "INVALID_ARGUMENT");
        await ApiAssert.Problem(await new ApiClient(alice).PostAsync($"/v2/resources/{key}/deletion", new { }), 403, "FORBIDDEN");
        await ApiAssert.OkJson(await api.Http.GetAsync($"/v2/process-definitions/{key}"));
        await ApiAssert.OkJson(await api.PostAsync($"/v2/resources/{key}/deletion", null));
    }

    [Fact]
    public async Task What_was_undeployed_stays_gone_after_a_restart()
    {
        using var database = TestDatabase.Create();
        var settings = new Dictionary<string, string?> { ["Auth:Anonymous"] = "true", ["Workflows:Path"] = Path.Combine(database.Folder, "none") };
        const string id = "undeploy-restart";
        string v1, v2, form;
        await using (var first = await ServerProcess.StartAsync(database, settings))
        {
            var api = new ApiClient(new HttpClient { BaseAddress = first.Address });
            v1 = await DeployProcessAsync(api, id, "First");
            v2 = await DeployProcessAsync(api, id, "Second");
            await DeployFormAsync(api, "undeploy-restart-form", "First");
            form = await DeployFormAsync(api, "undeploy-restart-form", "Second");
            await ApiAssert.OkJson(await DeleteAsync(api, v2));
            await ApiAssert.OkJson(await DeleteAsync(api, form));
        }

        await using var second = await ServerProcess.StartAsync(database, settings);
        var after = new ApiClient(new HttpClient { BaseAddress = second.Address });
        await ApiAssert.Problem(await after.Http.GetAsync($"/v2/process-definitions/{v2}"), 404, "NOT_FOUND");
        await ApiAssert.Problem(await DeleteAsync(after, form), 404, "NOT_FOUND");
        var created = await after.PostOkAsync("/v2/process-instances", new { processDefinitionId = id });
        Assert.Equal(v1, created["processDefinitionKey"]!.GetValue<string>());
        // The undeployed numbers are not given again after the restart either.
        var next = await after.DeployXmlAsync($"{id}.bpmn", Process(id, "Third"));
        Assert.Equal(3, next["deployments"]![0]!["processDefinition"]!["processDefinitionVersion"]!.GetValue<int>());
        var nextForm = await after.DeployXmlAsync("undeploy-restart-form.form", Form("undeploy-restart-form", "Third"));
        Assert.Equal(3, nextForm["deployments"]![0]!["form"]!["version"]!.GetValue<int>());
    }
}
