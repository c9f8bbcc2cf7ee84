using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>
/// Every endpoint refuses what it cannot use with a Camunda problem: malformed JSON and non-numeric keys
/// are 400 INVALID_ARGUMENT, unknown keys 404 NOT_FOUND, missing required fields 400, broken models 400 naming where.
/// </summary>
public sealed class BadInputTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string UnknownKey = "2251799813685249";

    [Theory]
    [InlineData("POST", "/v2/process-definitions/search")]
    [InlineData("POST", "/v2/process-instances")]
    [InlineData("POST", "/v2/process-instances/search")]
    [InlineData("POST", "/v2/jobs/activation")]
    [InlineData("POST", "/v2/jobs/1/completion")]
    [InlineData("POST", "/v2/jobs/1/failure")]
    [InlineData("POST", "/v2/jobs/1/error")]
    [InlineData("PATCH", "/v2/jobs/1")]
    [InlineData("POST", "/v2/user-tasks/search")]
    [InlineData("POST", "/v2/user-tasks/1/assignment")]
    [InlineData("POST", "/v2/user-tasks/1/completion")]
    [InlineData("PATCH", "/v2/user-tasks/1")]
    [InlineData("POST", "/v2/messages/publication")]
    [InlineData("POST", "/v2/messages/correlation")]
    [InlineData("POST", "/v2/signals/broadcast")]
    [InlineData("POST", "/v2/incidents/search")]
    [InlineData("POST", "/v2/variables/search")]
    [InlineData("PUT", "/v2/element-instances/1/variables")]
    [InlineData("POST", "/v2/element-instances/search")]
    [InlineData("PUT", "/v2/clock")]
    [InlineData("POST", "/api/auth/sign-in")]
    public async Task Malformed_json_is_a_400_problem_with_every_field(string method, string path)
    {
        var response = await SendAsync(method, path, "{\"name\": ");

        var text = await response.Content.ReadAsStringAsync();
        var detail = await ApiAssert.Problem(response, 400, "INVALID_ARGUMENT");
        var problem = JsonNode.Parse(text)!;
        Assert.Contains("JSON", detail, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem["type"]?.GetValue<string>()));
        Assert.Equal(path, problem["instance"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("POST", "/v2/jobs/1/failure", "{\"retries\": \"three\"}")]
    [InlineData("POST", "/v2/process-instances", "[1, 2]")]
    [InlineData("POST", "/v2/messages/publication", "{\"name\": \"m\", \"timeToLive\": \"soon\"}")]
    public async Task Json_of_the_wrong_shape_is_a_400(string method, string path, string body) =>
        await ApiAssert.Problem(await SendAsync(method, path, body), 400, "INVALID_ARGUMENT");

    [Theory]
    [MemberData(nameof(KeyedEndpoints))]
    public async Task A_non_numeric_key_in_the_path_is_a_400(string method, string path, string? body)
    {
        var detail = await ApiAssert.Problem(await SendAsync(method, path.Replace("{key}", "abc", StringComparison.Ordinal), body), 400, "INVALID_ARGUMENT");

        Assert.Contains("'abc'", detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(KeyedEndpoints))]
    public async Task An_unknown_key_is_a_404(string method, string path, string? body) =>
        await ApiAssert.Problem(await SendAsync(method, path.Replace("{key}", UnknownKey, StringComparison.Ordinal), body), 404, "NOT_FOUND");

    public static TheoryData<string, string, string?> KeyedEndpoints() => new()
    {
        { "GET", "/v2/process-definitions/{key}", null },
        { "GET", "/v2/process-definitions/{key}/xml", null },
        { "GET", "/v2/process-instances/{key}", null },
        { "POST", "/v2/process-instances/{key}/cancellation", "{}" },
        { "POST", "/v2/jobs/{key}/completion", "{}" },
        { "POST", "/v2/jobs/{key}/failure", "{\"retries\": 1}" },
        { "POST", "/v2/jobs/{key}/error", "{\"errorCode\": \"E\"}" },
        { "PATCH", "/v2/jobs/{key}", "{\"changeset\": {\"retries\": 1}}" },
        { "GET", "/v2/user-tasks/{key}", null },
        { "POST", "/v2/user-tasks/{key}/assignment", "{\"assignee\": \"alice\"}" },
        { "DELETE", "/v2/user-tasks/{key}/assignee", null },
        { "POST", "/v2/user-tasks/{key}/completion", "{}" },
        { "PATCH", "/v2/user-tasks/{key}", "{\"changeset\": {\"priority\": 10}}" },
        { "GET", "/v2/user-tasks/{key}/form", null },
        { "POST", "/v2/user-tasks/{key}/variables/search", "{}" },
        { "POST", "/v2/user-tasks/{key}/effective-variables/search", "{}" },
        { "GET", "/v2/incidents/{key}", null },
        { "POST", "/v2/incidents/{key}/resolution", null },
        { "GET", "/v2/variables/{key}", null },
        { "PUT", "/v2/element-instances/{key}/variables", "{\"variables\": {\"a\": 1}}" },
        { "GET", "/v2/element-instances/{key}", null },
    };

    [Theory]
    [InlineData("/v2/jobs/activation", "{\"worker\": \"w\", \"timeout\": 1000, \"maxJobsToActivate\": 1}", "type")]
    [InlineData("/v2/jobs/activation", "{\"type\": \"t\", \"timeout\": 1000}", "maxJobsToActivate")]
    [InlineData("/v2/jobs/activation", "{\"type\": \"t\", \"timeout\": 1000, \"maxJobsToActivate\": 0}", "maxJobsToActivate")]
    [InlineData("/v2/jobs/activation", "{\"type\": \"t\", \"maxJobsToActivate\": 1}", "timeout")]
    [InlineData("/v2/jobs/activation", "{\"type\": \"t\", \"timeout\": 1000, \"maxJobsToActivate\": 1, \"tenantIds\": [\"other\"]}", "tenantId")]
    [InlineData("/v2/messages/publication", "{\"correlationKey\": \"k\"}", "name")]
    [InlineData("/v2/messages/publication", "{\"name\": \"m\", \"timeToLive\": -1}", "timeToLive")]
    [InlineData("/v2/messages/correlation", "{\"correlationKey\": \"k\"}", "name")]
    [InlineData("/v2/signals/broadcast", "{\"variables\": {}}", "signalName")]
    [InlineData("/v2/process-instances", "{\"variables\": {}}", "processDefinitionId")]
    [InlineData("/v2/process-instances", "{\"processDefinitionKey\": \"abc\"}", "processDefinitionKey")]
    [InlineData("/v2/process-instances", "{\"processDefinitionId\": \"x\", \"tenantId\": \"acme\"}", "tenantId")]
    [InlineData("/v2/jobs/1/error", "{\"errorMessage\": \"no code\"}", "errorCode")]
    [InlineData("/v2/jobs/1/failure", "{\"retries\": -1}", "retries")]
    [InlineData("/v2/jobs/1/failure", "{\"retries\": 1, \"retryBackOff\": -5}", "retryBackOff")]
    [InlineData("/v2/jobs/activation", "{\"type\": \"t\", \"timeout\": 315576000000000, \"maxJobsToActivate\": 1}", "timeout 315576000000000 (milliseconds) must be between 0 and 3155760000000 (a hundred years)")]
    [InlineData("/v2/messages/publication", "{\"name\": \"m\", \"timeToLive\": 300000000000000}", "timeToLive 300000000000000 (milliseconds)")]
    [InlineData("/v2/messages/publication", "{\"name\": \"m\", \"correlationKey\": \"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\"}", "the correlation key is 401 characters long; the limit is 400")]
    [InlineData("/api/auth/sign-in", "{\"username\": \"alice\"}", "password")]
    public async Task A_missing_or_invalid_required_field_is_a_400_naming_it(string path, string body, string field)
    {
        var detail = await ApiAssert.Problem(await SendAsync("POST", path, body), 400, "INVALID_ARGUMENT");

        Assert.Contains(field, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PUT", "/v2/clock", "{}", "timestamp")]
    [InlineData("PATCH", "/v2/jobs/1", "{\"changeset\": {\"retries\": -1}}", "retries")]
    [InlineData("PATCH", "/v2/jobs/1", "{\"changeset\": {\"timeout\": -1}}", "timeout")]
    [InlineData("PATCH", "/v2/jobs/1", "{\"changeset\": {}}", "changeset")]
    [InlineData("PUT", "/v2/element-instances/1/variables", "{\"local\": true}", "variables")]
    public async Task A_missing_or_negative_field_of_an_update_is_a_400_naming_it(string method, string path, string body, string field)
    {
        var detail = await ApiAssert.Problem(await SendAsync(method, path, body), 400, "INVALID_ARGUMENT");

        Assert.Contains(field, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_an_instance_of_an_unknown_process_is_a_404()
    {
        await ApiAssert.Problem(await server.PostAsync("/v2/process-instances", new { processDefinitionId = "no-such-process" }), 404, "NOT_FOUND");
        await ApiAssert.Problem(await server.PostAsync("/v2/process-instances", new { processDefinitionKey = UnknownKey }), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task An_invalid_model_is_refused_naming_the_element_and_its_line()
    {
        var response = await DeployAsync(("invalid.bpmn", await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Api", "invalid.bpmn"))));

        var detail = await ApiAssert.Problem(response, 400, "INVALID_ARGUMENT");
        Assert.Contains("invalid.bpmn:6: work:", detail, StringComparison.Ordinal);
        Assert.Contains("task type", detail, StringComparison.Ordinal);
        await ApiAssert.Problem(await server.PostAsync("/v2/process-instances", new { processDefinitionId = "invalid" }), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task Malformed_xml_is_refused_with_its_line()
    {
        var response = await DeployAsync(("broken.bpmn", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<definitions>\n  <process id=\"p\">\n</definitions>\n")));

        var detail = await ApiAssert.Problem(response, 400, "INVALID_ARGUMENT");
        Assert.Contains("broken.bpmn:4:", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_file_is_not_deployable()
    {
        var detail = await ApiAssert.Problem(await DeployAsync(("notes.txt", "hello"u8.ToArray())), 400, "INVALID_ARGUMENT");

        Assert.Contains("notes.txt", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v2/deployments", "boundary=other")]
    [InlineData("/v2/deployments", "boundary=" + "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")]
    [InlineData("/v2/deployments", "boundary=fuzz; truncated")]
    [InlineData("/api/models/validate", "boundary=other")]
    [InlineData("/api/models/validate", "boundary=fuzz; truncated")]
    public async Task Bug_MultipartBodyThatEndsBeforeItsBoundary_Is400(string path, string contentType)
    {
        // Arrange: found by tests/Orchestrator.Fuzz.Tests. The form reader throws IOException ("Unexpected end of Stream")
        // when the body ends before the boundary the header names; Multipart.ReadAsync catches only InvalidDataException.
        var body = "--fuzz\r\nContent-Disposition: form-data; name=\"resources\"; filename=\"a.bpmn\"\r\n\r\n<bpmn:definitions/>\r\n--fuzz--\r\n";
        if (contentType.EndsWith("; truncated", StringComparison.Ordinal))
        {
            body = body[..40];
            contentType = contentType[..^"; truncated".Length];
        }

        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; " + contentType);

        // Act
        var response = await server.Client.PostAsync(path, content);

        // Assert
        var detail = await ApiAssert.Problem(response, 400, "INVALID_ARGUMENT");
        Assert.Contains("multipart", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("incidents", "{\"filter\": {\"errorMessage\": \"\\ud800\"}}")]
    [InlineData("process-instances", "{\"filter\": {\"\\udc00\": 1}}")]
    [InlineData("user-tasks", "{\"filter\": {\"assignee\": {\"$in\": [\"a\\ud800\"]}}}")]
    public async Task Bug_LoneSurrogateInASearchFilter_Is400(string resource, string body)
    {
        // Arrange: found by tests/Orchestrator.Fuzz.Tests. An escaped lone surrogate is valid JSON syntax, but
        // SearchFields.CheckText calls JsonElement.GetString (and JsonProperty.Name), which throw InvalidOperationException.

        // Act
        var response = await SendAsync("POST", $"/v2/{resource}/search", body);

        // Assert
        await ApiAssert.Problem(response, 400, "INVALID_ARGUMENT");
    }

    [Theory]
    [InlineData("/v2/process-instances", "{\"processDefinitionId\": \"x\", \"variables\": {\"a\\ud800\": 1}}", "variables")]
    [InlineData("/v2/messages/publication", "{\"name\": \"m\", \"variables\": {\"\\udc00\": 1}}", "variables")]
    [InlineData("/v2/messages/publication", "{\"name\": \"m\\ud800\"}", "name")]
    public async Task Bug_a_lone_surrogate_in_a_variable_name_was_answered_as_if_the_variables_were_no_object(string path, string body, string field)
    {
        // Found by the robustness probe: "variables must be an object" sent the client looking in the wrong place.
        var response = await SendAsync("POST", path, body);

        var problem = await ApiAssert.Problem(response, 400, "INVALID_ARGUMENT");
        Assert.Contains($"{field} holds text that is not valid Unicode (a lone surrogate escape such as \\ud800)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deployment_without_resources_parts_is_a_400()
    {
        using var misnamed = new MultipartFormDataContent { { new ByteArrayContent("x"u8.ToArray()), "files", "order.bpmn" } };
        var detail = await ApiAssert.Problem(await server.Client.PostAsync("/v2/deployments", misnamed), 400, "INVALID_ARGUMENT");
        Assert.Contains("resources", detail, StringComparison.Ordinal);

        using var json = JsonContent.Create(new { resources = "order.bpmn" });
        await ApiAssert.Problem(await server.Client.PostAsync("/v2/deployments", json), 400, "INVALID_ARGUMENT");

        using var otherTenant = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Api", "job-work.bpmn"))), "resources", "job-work.bpmn" },
            { new StringContent("acme"), "tenantId" },
        };
        await ApiAssert.Problem(await server.Client.PostAsync("/v2/deployments", otherTenant), 400, "INVALID_ARGUMENT");
    }

    [Theory]
    [InlineData("process-instances", "{\"filter\": {\"colour\": \"red\"}}", "colour")]
    [InlineData("process-instances", "{\"filter\": {\"state\": {\"$regex\": \"A.*\"}}}", "$regex")]
    [InlineData("process-instances", "{\"filter\": {\"processDefinitionVersion\": {\"$like\": \"1*\"}}}", "$like")]
    [InlineData("process-instances", "{\"filter\": {\"state\": {\"$in\": \"ACTIVE\"}}}", "$in")]
    [InlineData("process-instances", "{\"filter\": {\"endDate\": {\"$exists\": \"yes\"}}}", "$exists")]
    [InlineData("process-instances", "{\"filter\": {\"processInstanceKey\": \"abc\"}}", "processInstanceKey")]
    [InlineData("process-instances", "{\"filter\": {\"startDate\": {\"$gt\": \"yesterday\"}}}", "startDate")]
    [InlineData("process-instances", "{\"filter\": [1]}", "filter")]
    [InlineData("user-tasks", "{\"filter\": {\"candidateGroup\": 7}}", "candidateGroup")]
    [InlineData("incidents", "{\"filter\": {\"errorType\": 1}}", "errorType")]
    [InlineData("variables", "{\"sort\": [{\"field\": \"colour\"}]}", "colour")]
    [InlineData("variables", "{\"sort\": [{\"field\": \"name\", \"order\": \"sideways\"}]}", "sideways")]
    [InlineData("element-instances", "{\"page\": {\"limit\": -1}}", "limit")]
    [InlineData("element-instances", "{\"page\": {\"from\": -1}}", "from")]
    [InlineData("process-definitions", "{\"page\": {\"after\": \"not a cursor!\"}}", "after")]
    public async Task A_search_with_an_unknown_field_bad_operator_or_bad_page_is_a_400(string resource, string body, string named)
    {
        var detail = await ApiAssert.Problem(await SendAsync("POST", $"/v2/{resource}/search", body), 400, "INVALID_ARGUMENT");

        Assert.Contains(named, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v2/process-instances/search", """{"state": "EXPLODED"}""", "filter.state: \"EXPLODED\" is not one of ACTIVE, COMPLETED, TERMINATED")]
    [InlineData("/v2/process-instances/search", """{"state": {"$in": ["ACTIVE", "BOGUS"]}}""", "filter.state: \"BOGUS\" is not one of ACTIVE, COMPLETED, TERMINATED")]
    [InlineData("/v2/process-instances/search", """{"state": {"$neq": "active"}}""", "filter.state: \"active\" is not one of ACTIVE,")]
    [InlineData("/v2/user-tasks/search", """{"state": "HALF_DONE"}""", "filter.state: \"HALF_DONE\" is not one of ASSIGNING, CANCELED, CANCELING, COMPLETED, COMPLETING, CREATED, CREATING, FAILED, UPDATING")]
    [InlineData("/v2/element-instances/search", """{"type": "SPACESHIP"}""", "filter.type: \"SPACESHIP\" is not one of AD_HOC_SUB_PROCESS,")]
    [InlineData("/v2/element-instances/search", """{"state": "SLEEPING"}""", "filter.state: \"SLEEPING\" is not one of ACTIVE, COMPLETED, TERMINATED")]
    [InlineData("/v2/incidents/search", """{"state": "ANGRY"}""", "filter.state: \"ANGRY\" is not one of ACTIVE, MIGRATED, PENDING, RESOLVED")]
    [InlineData("/v2/incidents/search", """{"errorType": "NOT_A_TYPE"}""", "filter.errorType: \"NOT_A_TYPE\" is not one of AD_HOC_SUB_PROCESS_NO_RETRIES,")]
    [InlineData("/v2/decision-instances/search", """{"state": "WEIRD"}""", "filter.state: \"WEIRD\" is not one of EVALUATED, FAILED, UNKNOWN, UNSPECIFIED")]
    [InlineData("/v2/batch-operations/search", """{"state": "DONE"}""", "filter.state: \"DONE\" is not one of ACTIVE, CANCELED, COMPLETED,")]
    [InlineData("/api/sla/events/search", """{"event": "EXPLODED"}""", "filter.event: \"EXPLODED\" is not one of BREACHED, MET, WARNING")]
    [InlineData("/v2/process-instances/search", """{"variables": [{"name": "orderId", "value": "not-json"}]}""", "filter.variables[0].value 'not-json' is not JSON text")]
    [InlineData("/v2/process-instances/search", """{"variables": [{"name": "n", "value": "1e400"}]}""", "filter.variables[0].value '1e400' is no value a variable can hold: ")]
    [InlineData("/v2/process-instances/search", """{"variables": [{"name": "o", "value": "{\"a\":1,\"a\":2}"}]}""", "filter.variables[0].value '{\"a\":1,\"a\":2}' is no value a variable can hold: the object names \"a\" twice")]
    public async Task Bug_an_unknown_enum_value_or_a_variable_value_that_is_not_json_in_a_search_filter_was_a_200(string path, string filter, string expected)
    {
        var detail = await ApiAssert.Problem(await SendAsync("POST", path, $$"""{"filter": {{filter}} }"""), 400, "INVALID_ARGUMENT");

        Assert.Contains(expected, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v2/process-instances/search", """{"processDefinitionId": {"$lt": "a"}}""", "filter.processDefinitionId: '$lt' is not an operator for this field; use $eq, $neq, $in, $notIn, $exists, $like")]
    [InlineData("/v2/process-instances/search", """{"state": {"$gt": "ACTIVE"}}""", "filter.state: '$gt' is not an operator for this field")]
    [InlineData("/v2/user-tasks/search", """{"assignee": {"$gte": "m"}}""", "filter.assignee: '$gte' is not an operator for this field")]
    public async Task Bug_a_range_operator_on_a_text_field_was_a_500(string path, string filter, string expected)
    {
        var detail = await ApiAssert.Problem(await SendAsync("POST", path, $$"""{"filter": {{filter}} }"""), 400, "INVALID_ARGUMENT");

        Assert.StartsWith(expected, detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v2/process-instances/search")]
    [InlineData("/v2/user-tasks/search")]
    [InlineData("/v2/variables/search")]
    [InlineData("/v2/element-instances/search")]
    [InlineData("/v2/incidents/search")]
    [InlineData("/v2/decision-instances/search")]
    [InlineData("/api/sla/events/search")]
    public async Task Bug_a_null_sort_entry_was_a_500(string path)
    {
        var detail = await ApiAssert.Problem(await SendAsync("POST", path, """{"sort": [null]}"""), 400, "INVALID_ARGUMENT");

        Assert.Equal("sort[0] is null; give an object with a field and an order (ASC or DESC)", detail);
    }

    [Theory]
    [InlineData("after", "OTk5OTk5OTk5OTk5")] // "999999999999": overflowed int.Parse, a 500
    [InlineData("before", "LTU=")] // "-5": paged with, an empty 200
    [InlineData("after", "LTU=")]
    public async Task Bug_a_negative_or_oversized_cursor_is_a_400(string direction, string cursor)
    {
        var page = new Dictionary<string, object> { [direction] = cursor, ["limit"] = 10 };

        var detail = await ApiAssert.Problem(await server.PostAsync("/v2/process-definitions/search", new { page }), 400, "INVALID_ARGUMENT");

        Assert.Contains(direction, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_an_instance_of_an_unknown_version_is_a_404()
    {
        await server.DeployAsync("Api/job-work.bpmn");

        await ApiAssert.Problem(await server.PostAsync("/v2/process-instances", new { processDefinitionId = "job-work", processDefinitionVersion = 99 }), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task Awaiting_an_instance_that_does_not_end_in_time_is_a_504()
    {
        await server.DeployAsync("Api/job-work.bpmn");

        var response = await server.PostAsync("/v2/process-instances", new { processDefinitionId = "job-work", variables = new { jobType = "never.worked" }, awaitCompletion = true, requestTimeout = 200 });

        await ApiAssert.Problem(response, 504, "DEADLINE_EXCEEDED");
    }

    private async Task<HttpResponseMessage> DeployAsync(params (string Name, byte[] Bytes)[] files)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            content.Add(new ByteArrayContent(bytes), "resources", name);
        }

        return await server.Client.PostAsync("/v2/deployments", content);
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await server.Client.SendAsync(request);
    }
}
