using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Testing;

/// <summary>The calls tests make again and again, over any client of a server (in-process or a <see cref="ServerProcess"/>).</summary>
public sealed class ApiClient(HttpClient client)
{
    /// <summary>The client underneath.</summary>
    public HttpClient Http { get; } = client;

    /// <summary>Deploys files next to the tests (by name), returns the response JSON.</summary>
    public async Task<JsonNode> DeployAsync(params string[] files)
    {
        using var content = new MultipartFormDataContent();
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, file));
            content.Add(new ByteArrayContent(bytes), "resources", Path.GetFileName(file));
        }

        return await ApiAssert.OkJson(await Http.PostAsync("/v2/deployments", content));
    }

    /// <summary>Deploys a model given as text under <paramref name="name"/> (a model a test writes, e.g. with names of its own), returns the response JSON.</summary>
    public async Task<JsonNode> DeployXmlAsync(string name, string xml)
    {
        using var content = new MultipartFormDataContent { { new StringContent(xml, System.Text.Encoding.UTF8, "application/xml"), "resources", name } };
        return await ApiAssert.OkJson(await Http.PostAsync("/v2/deployments", content));
    }

    /// <summary>POSTs JSON and returns the response.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, object? body) =>
        Http.PostAsync(path, body is null ? new StringContent("", System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body));

    /// <summary>POSTs JSON, expects 200 and returns the JSON.</summary>
    public async Task<JsonNode> PostOkAsync(string path, object? body) => await ApiAssert.OkJson(await PostAsync(path, body));

    /// <summary>Starts an instance and returns its key.</summary>
    public async Task<string> StartAsync(string processId, object? variables = null)
    {
        var created = await PostOkAsync("/v2/process-instances", new { processDefinitionId = processId, variables = variables ?? new { } });
        return created["processInstanceKey"]!.GetValue<string>();
    }

    /// <summary>Activates jobs of a type at once (no waiting).</summary>
    public async Task<JsonArray> ActivateAsync(string type, int max = 10) =>
        (await PostOkAsync("/v2/jobs/activation", new { type, worker = "test", timeout = 60_000, maxJobsToActivate = max, requestTimeout = -1 }))["jobs"]!.AsArray();

    /// <summary>Searches and returns the items (up to <paramref name="limit"/>).</summary>
    public async Task<JsonArray> SearchAsync(string resource, object filter, int limit = 100) =>
        (await PostOkAsync($"/v2/{resource}/search", new { filter, page = new { limit } }))["items"]!.AsArray();
}
