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

    /// <summary>A DMN model with one literal decision <paramref name="decisionId"/> answering <paramref name="answer"/>.</summary>
    private static string Dmn(string id, string decisionId, string answer) => $"""
        <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="{id}" name="{id}" namespace="https://example.com/{id}">
          <decision id="{decisionId}" name="{decisionId}"><literalExpression><text>"{answer}"</text></literalExpression></decision>
        </definitions>
        """;

    /// <summary>A process whose business rule task calls <paramref name="decisionId"/> by name, then waits at a user task.</summary>
    private static string Calling(string id, string decisionId) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="{id}-defs" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="{id}" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="decide" />
            <bpmn:businessRuleTask id="decide"><bpmn:extensionElements><zeebe:calledDecision decisionId="{decisionId}" resultVariable="answer" /></bpmn:extensionElements></bpmn:businessRuleTask>
            <bpmn:sequenceFlow id="f2" sourceRef="decide" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static async Task<string> DeployDmnAsync(ApiClient api, string id, string decisionId, string answer) =>
        (await api.DeployXmlAsync($"{id}.dmn", Dmn(id, decisionId, answer)))["deployments"]!.AsArray()
            .Single(d => d!["decisionRequirements"] is not null)!["decisionRequirements"]!["decisionRequirementsKey"]!.GetValue<string>();

    private static async Task<string> EvaluateAsync(ApiClient api, string decisionId) =>
        (await api.PostOkAsync("/v2/decision-definitions/evaluation", new { decisionDefinitionId = decisionId }))["output"]!.ToString();

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
    public async Task A_decision_model_version_goes_the_previous_one_decides_again_and_its_numbers_are_not_given_twice()
    {
        var api = Admin;
        var id = Unique("undeploy-dmn");
        var decision = Unique("undeploy-decision");
        await DeployDmnAsync(api, id, decision, "first");
        var v2 = await DeployDmnAsync(api, id, decision, "second");
        Assert.Equal("\"second\"", await EvaluateAsync(api, decision));

        var deleted = await ApiAssert.OkJson(await DeleteAsync(api, v2));

        Assert.Equal(v2, deleted["resourceKey"]!.GetValue<string>());
        Assert.Equal("\"first\"", await EvaluateAsync(api, decision));
        await ApiAssert.Problem(await api.Http.GetAsync($"/v2/decision-requirements/{v2}"), 404, "NOT_FOUND");
        Assert.Single(await api.SearchAsync("decision-definitions", new { decisionDefinitionId = decision }));
        await ApiAssert.Problem(await DeleteAsync(api, v2), 404, "NOT_FOUND");
        var third = (await api.DeployXmlAsync($"{id}.dmn", Dmn(id, decision, "third")))["deployments"]!.AsArray();
        Assert.Equal([3, 3], third.Select(d => (d!["decisionDefinition"] ?? d["decisionRequirements"])!["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task The_only_version_of_a_decision_a_process_calls_is_a_409()
    {
        var api = Admin;
        var id = Unique("undeploy-called");
        var decision = Unique("undeploy-called-decision");
        var only = await DeployDmnAsync(api, id, decision, "only");
        await api.DeployXmlAsync("calling.bpmn", Calling(Unique("undeploy-calling"), decision));

        var detail = await ApiAssert.Problem(await DeleteAsync(api, only), 409, "INVALID_STATE");

        Assert.Contains($"calls decision '{decision}' and decision model '{id}' v1 holds its only version", detail, StringComparison.Ordinal);
        Assert.Equal("\"only\"", await EvaluateAsync(api, decision));
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
            await DeployDmnAsync(api, "undeploy-restart-dmn", "undeploy-restart-decision", "first");
            await ApiAssert.OkJson(await DeleteAsync(api, await DeployDmnAsync(api, "undeploy-restart-dmn", "undeploy-restart-decision", "second")));
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
        Assert.Equal("\"first\"", await EvaluateAsync(after, "undeploy-restart-decision"));
        var nextDmn = (await after.DeployXmlAsync("undeploy-restart-dmn.dmn", Dmn("undeploy-restart-dmn", "undeploy-restart-decision", "third")))["deployments"]!.AsArray();
        Assert.Equal([3, 3], nextDmn.Select(d => (d!["decisionDefinition"] ?? d["decisionRequirements"])!["version"]!.GetValue<int>()));
    }
}
