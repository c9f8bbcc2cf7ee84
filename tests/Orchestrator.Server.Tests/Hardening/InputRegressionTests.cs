using System.Net.Http.Headers;
using System.Text;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Hardening;

/// <summary>
/// Inputs that once answered 500 (found by probing the server as a careless client would) now answer 4xx problems that
/// say what and where; each is kept here so that none comes back.
/// </summary>
public sealed class InputRegressionTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Unknown = "2251799813685249";

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string json) =>
        server.Client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    /// <summary>Posts a body under a Content-Type given whole (parameters included), as a careless client might.</summary>
    private Task<HttpResponseMessage> PostAsAsync(string path, string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return server.Client.PostAsync(path, content);
    }

    public static TheoryData<string, string, string, string> Int64Durations() => new()
    {
        { "POST", "/v2/jobs/activation", $$"""{"type": "t", "maxJobsToActivate": 1, "timeout": {{long.MaxValue}}, "requestTimeout": -1}""", "timeout" },
        { "POST", $"/v2/jobs/{Unknown}/failure", $$"""{"retries": 1, "retryBackOff": {{long.MaxValue}}}""", "retryBackOff" },
        { "PATCH", $"/v2/jobs/{Unknown}", $$"""{"changeset": {"timeout": {{long.MaxValue}} } }""", "changeset.timeout" },
        { "POST", "/v2/messages/publication", $$"""{"name": "m", "correlationKey": "k", "timeToLive": {{long.MaxValue}}}""", "timeToLive" },
        { "PUT", "/v2/clock", $$"""{"timestamp": {{long.MaxValue}}}""", "timestamp" },
        { "PUT", "/v2/clock", """{"timestamp": -62135596800001}""", "timestamp" },
    };

    [Theory]
    [MemberData(nameof(Int64Durations))]
    public async Task Bug_an_int64_extreme_in_a_duration_or_clock_field_was_a_500(string method, string path, string json, string field)
    {
        var detail = await ApiAssert.Problem(await SendAsync(new HttpMethod(method), path, json), 400, "INVALID_ARGUMENT");

        Assert.StartsWith(field + " ", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v2/deployments")]
    [InlineData("/api/models/validate")]
    public async Task Bug_a_broken_multipart_boundary_was_a_500(string path)
    {
        var detail = await ApiAssert.Problem(await PostAsAsync(path,
            "--xyz\r\nContent-Disposition: form-data; name=\"resources\"; filename=\"a.bpmn\"\r\n\r\n<bpmn/>", "multipart/form-data; boundary=abc"), 400, "INVALID_ARGUMENT");

        Assert.Contains("multipart", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bug_a_feel_value_1000_levels_deep_was_a_500()
    {
        // A value as deep as the JSON writer goes (1,000 levels) failed the command when it was recorded: a 500 to the
        // client that created the instance. Now the script's result raises an incident naming the limit.
        await server.DeployAsync("Hardening/deep-values.bpmn");

        var instance = await server.StartAsync("deep-values", new { depth = 999 });

        var incident = Assert.Single(await server.SearchAsync("incidents", new { processInstanceKey = instance }))!;
        Assert.Contains("nests 1000 levels deep", incident["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v2/process-instances", """{"processDefinitionId": "nothing-here"}""")]
    [InlineData("/v2/process-instances/search", "{}")]
    [InlineData("/v2/user-tasks/search", "{}")]
    public async Task Bug_a_body_in_an_unknown_character_set_was_a_500(string path, string json)
    {
        var detail = await ApiAssert.Problem(await PostAsAsync(path, json, "application/json; charset=latin-99"), 415, "UNSUPPORTED_MEDIA_TYPE");

        Assert.Contains("'latin-99'", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bug_broken_json_sent_to_a_route_that_reads_no_body_was_ignored_and_the_instance_cancelled()
    {
        await server.DeployAsync("Api/user-task.bpmn");
        var instance = await server.StartAsync("user-task", new { group = "g" });

        var detail = await ApiAssert.Problem(await SendAsync(HttpMethod.Post, $"/v2/process-instances/{instance}/cancellation", "{broken"), 400, "INVALID_ARGUMENT");
        Assert.StartsWith("the request body is not valid JSON", detail, StringComparison.Ordinal);
        await ApiAssert.Problem(await SendAsync(HttpMethod.Post, "/v2/clock/reset", "{garbage"), 400, "INVALID_ARGUMENT");

        Assert.Equal("ACTIVE", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}")))["state"]!.GetValue<string>());
        // A well-formed body (Camunda's optional operationReference) is still fine.
        await ApiAssert.NoContent(await SendAsync(HttpMethod.Post, $"/v2/process-instances/{instance}/cancellation", """{"operationReference": 7}"""));
    }

    [Fact]
    public async Task Bug_refusals_the_framework_answered_had_no_problem_body()
    {
        Assert.Contains("text/plain", await ApiAssert.Problem(
            await PostAsAsync("/v2/process-instances", """{"processDefinitionId": "x"}""", "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE"), StringComparison.Ordinal);
        Assert.Equal("no route answers GET /v2/nope", await ApiAssert.Problem(await server.Client.GetAsync("/v2/nope"), 404, "NOT_FOUND"));
        Assert.StartsWith("/v2/process-instances does not take GET", await ApiAssert.Problem(await server.Client.GetAsync("/v2/process-instances"), 405, "METHOD_NOT_ALLOWED"), StringComparison.Ordinal);
        Assert.Equal("this route needs a JSON body (Content-Type: application/json)",
            await ApiAssert.Problem(await server.Client.PostAsync("/v2/process-instances", new ByteArrayContent([]) { Headers = { ContentType = new("application/json") } }), 400, "INVALID_ARGUMENT"));
    }

    [Fact]
    public async Task Bug_a_number_too_large_for_feel_was_stored_as_null_and_one_too_small_as_0()
    {
        await server.DeployAsync("Api/user-task.bpmn");
        var before = (await server.SearchAsync("process-instances", new { processDefinitionId = "user-task" })).Count;

        foreach (var number in new[] { "1e400", "-1e400", "79228162514264337593543950336" })
        {
            var detail = await ApiAssert.Problem(
                await SendAsync(HttpMethod.Post, "/v2/process-instances", $$$"""{"processDefinitionId": "user-task", "variables": {"group": "g", "n": {{{number}}} }}"""), 400, "INVALID_ARGUMENT");
            Assert.Equal($"variables.n: the number {number} is outside the range of FEEL numbers (about ±7.9e28); send it as a string", detail);
        }

        foreach (var number in new[] { "1e-400", "-0.00000000000000000000000000000001" })
        {
            var detail = await ApiAssert.Problem(
                await SendAsync(HttpMethod.Post, "/v2/process-instances", $$$"""{"processDefinitionId": "user-task", "variables": {"group": "g", "n": {{{number}}} }}"""), 400, "INVALID_ARGUMENT");
            Assert.Equal($"variables.n: the number {number} is too small for FEEL numbers (they end at 28 decimal places) and would be 0; send it as a string", detail);
        }

        Assert.Equal(before, (await server.SearchAsync("process-instances", new { processDefinitionId = "user-task" })).Count);
        // A zero written with an exponent is a zero.
        var zero = await ApiAssert.OkJson(await SendAsync(HttpMethod.Post, "/v2/process-instances", """{"processDefinitionId": "user-task", "variables": {"group": "g", "z": 0.000e5}}"""));
        var z = Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = zero["processInstanceKey"]!.GetValue<string>(), name = "z" }))!;
        Assert.Equal(0m, decimal.Parse(z["value"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        // The largest a decimal holds is kept as sent.
        var kept = await server.StartAsync("user-task", new Dictionary<string, object> { ["group"] = "g", ["n"] = 79228162514264337593543950335m });
        var n = Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = kept, name = "n" }))!;
        Assert.Equal("79228162514264337593543950335", n["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bug_a_field_or_variable_named_twice_kept_its_last_value_without_a_word()
    {
        await server.DeployAsync("Api/user-task.bpmn");
        var before = (await server.SearchAsync("process-instances", new { processDefinitionId = "user-task" })).Count;

        var field = await ApiAssert.Problem(await SendAsync(HttpMethod.Post, "/v2/process-instances",
            """{"processDefinitionId": "nothing-here", "processDefinitionId": "user-task", "variables": {"group": "g"}}"""), 400, "INVALID_ARGUMENT");
        var variable = await ApiAssert.Problem(await SendAsync(HttpMethod.Post, "/v2/process-instances",
            """{"processDefinitionId": "user-task", "variables": {"group": "g", "amount": 10, "amount": 1000}}"""), 400, "INVALID_ARGUMENT");
        var nested = await ApiAssert.Problem(await SendAsync(HttpMethod.Post, "/v2/process-instances",
            """{"processDefinitionId": "user-task", "variables": {"group": "g", "order": {"id": 1, "id": 2}}}"""), 400, "INVALID_ARGUMENT");

        Assert.Equal("processDefinitionId is named twice; send it once", field);
        Assert.Equal("variables.amount is named twice; send it once", variable);
        Assert.Equal("variables.order: the object names \"id\" twice; send it once", nested);
        Assert.Equal(before, (await server.SearchAsync("process-instances", new { processDefinitionId = "user-task" })).Count);
    }

    [Fact]
    public async Task Wrong_types_are_named_as_a_client_knows_them_not_as_dotnet_types()
    {
        Assert.Equal("processDefinitionId must be a string",
            await ApiAssert.Problem(await SendAsync(HttpMethod.Post, "/v2/process-instances", """{"processDefinitionId": 5}"""), 400, "INVALID_ARGUMENT"));
        Assert.Equal("page.limit must be a whole number",
            await ApiAssert.Problem(await SendAsync(HttpMethod.Post, "/v2/process-instances/search", """{"page": {"limit": "ten"}}"""), 400, "INVALID_ARGUMENT"));
        Assert.Equal("variables must be an object",
            await ApiAssert.Problem(await SendAsync(HttpMethod.Post, "/v2/process-instances", """{"processDefinitionId": "x", "variables": [1]}"""), 400, "INVALID_ARGUMENT"));
        Assert.Equal("truncateValues must be true or false, not \"maybe\"",
            await ApiAssert.Problem(await SendAsync(HttpMethod.Post, "/v2/variables/search?truncateValues=maybe", "{}"), 400, "INVALID_ARGUMENT"));
    }
}

/// <summary>A server that lets a request wait half a second at most.</summary>
public sealed class ShortWaitFixture : ServerFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Limits:RequestTimeoutMaxMilliseconds"] = "500";
        return settings;
    }

}

/// <summary>A long poll or an awaited instance waits no longer than <c>Limits:RequestTimeoutMaxMilliseconds</c>, whatever the client asks.</summary>
public sealed class RequestTimeoutCapTests(ShortWaitFixture server) : IClassFixture<ShortWaitFixture>
{
    [Fact]
    public async Task Bug_an_unbounded_long_poll_held_its_request_for_as_long_as_asked()
    {
        // Asked for 290 million years, it answers empty at the cap; the test gives it 30 s before calling it a hang.
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var response = await server.Client.PostAsync("/v2/jobs/activation", new StringContent(
            $$"""{"type": "nobody-works-this", "maxJobsToActivate": 1, "timeout": 1000, "requestTimeout": {{long.MaxValue}}}""", Encoding.UTF8, "application/json"), wait.Token);

        Assert.Empty((await ApiAssert.OkJson(response))["jobs"]!.AsArray());
    }

    [Fact]
    public async Task An_awaited_instance_that_does_not_end_is_a_504_at_the_cap()
    {
        await server.DeployAsync("Api/user-task.bpmn");
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var response = await server.Client.PostAsync("/v2/process-instances", new StringContent(
            $$"""{"processDefinitionId": "user-task", "variables": {"group": "g"}, "awaitCompletion": true, "requestTimeout": {{long.MaxValue}} }""", Encoding.UTF8, "application/json"), wait.Token);

        var detail = await ApiAssert.Problem(response, 504, "DEADLINE_EXCEEDED");
        Assert.Contains("within 500 ms", detail, StringComparison.Ordinal);
    }
}
