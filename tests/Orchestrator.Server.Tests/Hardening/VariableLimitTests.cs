using System.Text;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Hardening;

/// <summary>
/// Values too deep or too big to store are refused where they enter — every command that takes variables answers 400 or
/// 413 naming the variable, a webhook delivery is refused at receipt — and a FEEL result past a limit raises an
/// incident instead of being stored.
/// </summary>
public sealed class VariableLimitTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>JSON of a list nested <paramref name="depth"/> levels deep: <c>[[[…]]]</c>.</summary>
    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private Task<HttpResponseMessage> PostRawAsync(string path, string json) =>
        server.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Bug_a_variable_with_an_empty_name_was_accepted()
    {
        await server.DeployAsync("Api/user-task.bpmn");

        var response = await PostRawAsync("/v2/process-instances", """{"processDefinitionId": "user-task", "variables": {"group": "agents", "": "nameless"}}""");

        Assert.Contains("variables has an empty name", await ApiAssert.Problem(response, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        Assert.Empty(await server.SearchAsync("variables", new { value = "\"nameless\"" }));
    }

    [Fact]
    public async Task Bug_a_command_with_hundreds_of_thousands_of_variables_held_the_engine_for_seconds()
    {
        await server.DeployAsync("Api/user-task.bpmn");
        var many = string.Join(",", Enumerable.Range(0, 10_001).Select(i => $"\"v{i}\":{i}"));

        var response = await PostRawAsync("/v2/process-instances", $$"""{"processDefinitionId": "user-task", "variables": {"group": "agents", {{many}} } }""");

        var detail = await ApiAssert.Problem(response, 413, "PAYLOAD_TOO_LARGE");
        Assert.Contains("variables holds 10,002 entries; the limit is 10,000", detail, StringComparison.Ordinal);
        Assert.Empty(await server.SearchAsync("variables", new { name = "v10000" }));
    }

    [Fact]
    public async Task Bug_an_instance_created_with_a_variable_nested_62_levels_deep_was_accepted()
    {
        await server.DeployAsync("Api/user-task.bpmn");

        var response = await PostRawAsync("/v2/process-instances",
            $$"""{"processDefinitionId": "user-task", "variables": {"group": "agents", "deep": {{Nested(62)}} } }""");

        var detail = await ApiAssert.Problem(response, 400, "INVALID_ARGUMENT");
        Assert.Contains("variables.deep nests 62 levels deep; the limit is 32", detail, StringComparison.Ordinal);
        Assert.Empty(await server.SearchAsync("variables", new { name = "deep" }));
    }

    [Fact]
    public async Task Bug_a_variable_name_or_correlation_key_with_a_NUL_character_stopped_the_server_on_PostgreSQL()
    {
        // PostgreSQL's text columns hold no NUL: the journal's commit failed and the server stopped (and a broker message
        // that carried one stopped it again at every start). Refused where they enter, with the reason.
        await server.DeployAsync("Api/user-task.bpmn");

        var named = await PostRawAsync("/v2/process-instances", """{"processDefinitionId": "user-task", "variables": {"group": "agents", "a\u0000b": 1}}""");
        var keyed = await PostRawAsync("/v2/messages/publication", """{"name": "parcel", "correlationKey": "P\u0000-1", "timeToLive": 60000}""");

        Assert.Contains("NUL character", await ApiAssert.Problem(named, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        Assert.Contains("NUL character", await ApiAssert.Problem(keyed, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        Assert.Equal(200, (int)(await server.Client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Bug_an_assignee_or_an_error_message_with_a_NUL_character_stopped_the_server_on_PostgreSQL()
    {
        // Every text field of a request is checked where it is read, not field by field.
        await server.DeployAsync("Api/user-task.bpmn", "Api/job-work.bpmn");
        var instance = await server.StartAsync("user-task", new { group = "agents" });
        var task = (await server.SearchAsync("user-tasks", new { processInstanceKey = instance }))[0]!["userTaskKey"]!.GetValue<string>();
        var jobInstance = await server.StartAsync("job-work", new { jobType = "nul.work" });
        var job = (await server.ActivateAsync("nul.work"))[0]!["jobKey"]!.GetValue<string>();

        var assignee = await PostRawAsync($"/v2/user-tasks/{task}/assignment", """{"assignee": "a\u0000b"}""");
        var failure = await PostRawAsync($"/v2/jobs/{job}/failure", """{"retries": 0, "errorMessage": "down\u0000"}""");

        Assert.Contains("NUL character", await ApiAssert.Problem(assignee, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        Assert.Contains("NUL character", await ApiAssert.Problem(failure, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        Assert.Equal(200, (int)(await server.Client.GetAsync("/health/ready")).StatusCode);
        Assert.Empty(await server.SearchAsync("incidents", new { processInstanceKey = jobInstance }));
    }

    [Fact]
    public async Task Every_command_that_takes_variables_refuses_one_too_deep_and_changes_nothing()
    {
        await server.DeployAsync("Api/user-task.bpmn", "Api/job-work.bpmn", "Api/parcel-wait.bpmn");
        var taskInstance = await server.StartAsync("user-task", new { group = "agents" });
        var task = (await server.SearchAsync("user-tasks", new { processInstanceKey = taskInstance }))[0]!["userTaskKey"]!.GetValue<string>();
        var jobInstance = await server.StartAsync("job-work", new { jobType = "limits.work" });
        var job = (await server.ActivateAsync("limits.work"))[0]!["jobKey"]!.GetValue<string>();
        var deep = $$"""{"deep": {{Nested(40)}}}""";

        foreach (var (path, body) in new[]
        {
            ($"/v2/user-tasks/{task}/completion", $$"""{"variables": {{deep}}}"""),
            ($"/v2/jobs/{job}/completion", $$"""{"variables": {{deep}}}"""),
            ($"/v2/jobs/{job}/failure", $$"""{"retries": 1, "variables": {{deep}}}"""),
            ($"/v2/jobs/{job}/error", $$"""{"errorCode": "E", "variables": {{deep}}}"""),
            ("/v2/messages/publication", $$"""{"name": "parcel", "correlationKey": "P-1", "timeToLive": 60000, "variables": {{deep}}}"""),
            ("/v2/messages/correlation", $$"""{"name": "parcel", "correlationKey": "P-1", "variables": {{deep}}}"""),
            ("/v2/signals/broadcast", $$"""{"signalName": "anything", "variables": {{deep}}}"""),
        })
        {
            var detail = await ApiAssert.Problem(await PostRawAsync(path, body), 400, "INVALID_ARGUMENT");
            Assert.Contains("variables.deep nests 40 levels deep", detail, StringComparison.Ordinal);
        }

        var set = await server.Client.PutAsync($"/v2/element-instances/{taskInstance}/variables",
            new StringContent($$"""{"variables": {{deep}}}""", Encoding.UTF8, "application/json"));
        await ApiAssert.Problem(set, 400, "INVALID_ARGUMENT");

        // Nothing moved: the task and the job are still open, no variable was written, no message buffered.
        Assert.Equal("CREATED", (await server.SearchAsync("user-tasks", new { userTaskKey = task }))[0]!["state"]!.GetValue<string>());
        Assert.Single(await server.SearchAsync("process-instances", new { processInstanceKey = jobInstance, state = "ACTIVE" }));
        Assert.Empty(await server.SearchAsync("variables", new { name = "deep" }));
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job}/completion", new { variables = new { done = true } }));
    }

    [Fact]
    public async Task A_variable_larger_than_the_limit_is_a_413_naming_it()
    {
        await server.DeployAsync("Api/user-task.bpmn");
        var big = new string('x', 1024 * 1024 + 1);

        var response = await server.PostAsync("/v2/process-instances", new { processDefinitionId = "user-task", variables = new { group = "agents", letter = big } });

        var detail = await ApiAssert.Problem(response, 413, "PAYLOAD_TOO_LARGE");
        Assert.Contains("variables.letter is larger than 1,048,576 bytes", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bug_a_feel_script_building_a_list_100_levels_deep_was_stored()
    {
        await server.DeployAsync("Hardening/deep-values.bpmn");

        var shallow = await server.StartAsync("deep-values", new { depth = 5 });
        // f(0) is [], one level; f(99) nests 100.
        var deep = await server.StartAsync("deep-values", new { depth = 99 });

        var incidents = await server.SearchAsync("incidents", new { processInstanceKey = deep });
        var incident = Assert.Single(incidents)!;
        Assert.Equal("EXTRACT_VALUE_ERROR", incident["errorType"]!.GetValue<string>());
        Assert.Equal("build", incident["elementId"]!.GetValue<string>());
        Assert.Contains("nests 100 levels deep; the limit is 32", incident["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await server.SearchAsync("variables", new { processInstanceKey = deep, name = "nested" }));
        Assert.Single(await server.SearchAsync("user-tasks", new { processInstanceKey = shallow }));
    }
}
