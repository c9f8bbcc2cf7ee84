using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Cluster;

/// <summary>What the cluster tests do through the HTTP API of either node.</summary>
internal static class Nodes
{
    public static async Task<JsonNode> DeployAsync(HttpClient node, string name, string xml)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(xml)), "resources", name);
        return await ApiAssert.OkJson(await node.PostAsync("/v2/deployments", content));
    }

    /// <summary>A process: start, one service task per entry of <paramref name="jobTypes"/> (in parallel when more than one), end.</summary>
    public static string JobModel(string processId, params string[] jobTypes)
    {
        var tasks = string.Concat(jobTypes.Select((type, i) =>
            $"""<bpmn:serviceTask id="task{i}"><bpmn:extensionElements><zeebe:taskDefinition type="{type}" /></bpmn:extensionElements></bpmn:serviceTask>""" +
            $"""<bpmn:sequenceFlow id="in{i}" sourceRef="split" targetRef="task{i}" /><bpmn:sequenceFlow id="out{i}" sourceRef="task{i}" targetRef="join" />"""));
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://example.com/cluster">
              <bpmn:process id="{processId}" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="split" />
                <bpmn:parallelGateway id="split" />
                {tasks}
                <bpmn:parallelGateway id="join" />
                <bpmn:sequenceFlow id="f1" sourceRef="join" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;
    }

    public static async Task<string> CreateAsync(HttpClient node, string processId, object? variables = null) =>
        (await ApiAssert.OkJson(await node.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = processId, variables = variables ?? new { } })))
            ["processInstanceKey"]!.GetValue<string>();

    public static async Task<List<string>> ActivateAsync(HttpClient node, string type, int max, long requestTimeout = -1, long timeout = 60_000, string worker = "cluster") =>
        [.. (await ApiAssert.OkJson(await node.PostAsJsonAsync("/v2/jobs/activation",
            new { type, worker, timeout, maxJobsToActivate = max, requestTimeout })))["jobs"]!.AsArray().Select(j => j!["jobKey"]!.GetValue<string>())];

    public static Task<HttpResponseMessage> CompleteAsync(HttpClient node, string jobKey, object? variables = null) =>
        node.PostAsJsonAsync($"/v2/jobs/{jobKey}/completion", new { variables = variables ?? new { } });

    public static async Task<JsonArray> SearchAsync(HttpClient node, string resource, object filter, int limit = 100) =>
        (await ApiAssert.OkJson(await node.PostAsJsonAsync($"/v2/{resource}/search", new { filter, page = new { limit } })))["items"]!.AsArray();

    public static async Task<string?> StateAsync(HttpClient node, string processInstanceKey) =>
        (await ApiAssert.OkJson(await node.GetAsync($"/v2/process-instances/{processInstanceKey}")))["state"]?.GetValue<string>();

    public static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];
}
