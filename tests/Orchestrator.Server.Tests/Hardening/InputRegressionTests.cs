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
        using var content = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"resources\"; filename=\"a.bpmn\"\r\n\r\n<bpmn/>", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=abc");

        var detail = await ApiAssert.Problem(await server.Client.PostAsync(path, content), 400, "INVALID_ARGUMENT");

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
