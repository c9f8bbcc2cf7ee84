using Microsoft.AspNetCore.Identity;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Server.Sla;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests;

/// <summary>A server that deploys the repository's <c>workflows/</c> folder at start-up, with its clock pinned by the tests.</summary>
public sealed class WorkflowServer : ServerFixture
{
    /// <summary>The carrier's webhook secret in these tests.</summary>
    public const string CarrierSecret = "test-carrier-secret";

    /// <summary>The warehouse's webhook secret in these tests.</summary>
    public const string WarehouseSecret = "test-warehouse-secret";

    /// <summary>The survey webhook's secret in these tests.</summary>
    public const string SurveySecret = "test-survey-secret";

    /// <summary>The password of <c>tina</c>, an agent of every complaint tier (role agent; groups tier1-agents, tier2-specialists, directors).</summary>
    public const string AgentPassword = "tina-secret";

    /// <summary>The repository's workflows folder.</summary>
    public static string WorkflowsFolder => Repository.Workflows;

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Workflows:Path"] = WorkflowsFolder;
        settings["Webhooks:Secrets:warehouse"] = WarehouseSecret;
        settings["Webhooks:Secrets:carrier"] = CarrierSecret;
        settings["Webhooks:Secrets:survey"] = SurveySecret;
        settings["Auth:Users:tina:PasswordHash"] = new PasswordHasher<string>().HashPassword("tina", AgentPassword);
        settings["Auth:Users:tina:Groups:0"] = "tier1-agents";
        settings["Auth:Users:tina:Groups:1"] = "tier2-specialists";
        settings["Auth:Users:tina:Groups:2"] = "directors";
        settings["Auth:Users:tina:Roles:0"] = "agent";
        return settings;
    }

    /// <summary>
    /// Completes every job of <paramref name="type"/> that is open now (a stand-in for the connector) and returns the
    /// variables of those that belong to <paramref name="instance"/> (jobs other tests left behind are completed too).
    /// </summary>
    public Task<List<JsonNode>> CompleteJobsAsync(string type, string instance, object? variables = null) =>
        CompleteJobsAsync(type, instance, _ => variables ?? new { });

    /// <summary>As <see cref="CompleteJobsAsync(string, string, object?)"/>, with result variables made from each job's variables.</summary>
    public async Task<List<JsonNode>> CompleteJobsAsync(string type, string instance, Func<JsonNode, object> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var done = new List<JsonNode>();
        foreach (var job in await ActivateAsync(type, 100))
        {
            await ApiAssert.NoContent(await PostAsync($"/v2/jobs/{job!["jobKey"]}/completion", new { variables = variables(job["variables"]!) }));
            if (job["processInstanceKey"]!.GetValue<string>() == instance)
            {
                done.Add(job["variables"]!);
            }
        }

        return done;
    }

    /// <summary>Sends a signed warehouse webhook (as the warehouse does).</summary>
    public Task<HttpResponseMessage> WarehouseEventAsync(object body) => WebhookAsync("warehouse/events", WarehouseSecret, body);

    /// <summary>Sends a signed carrier tracking webhook (as the carrier does).</summary>
    public Task<HttpResponseMessage> CarrierTrackingAsync(object body) => WebhookAsync("carrier/tracking", CarrierSecret, body);

    /// <summary>Sends a signed survey answer (as the shop's survey page does).</summary>
    public Task<HttpResponseMessage> SurveyAnswerAsync(object body) => WebhookAsync("survey/responses", SurveySecret, body);

    private async Task<HttpResponseMessage> WebhookAsync(string path, string secret, object body)
    {
        var text = System.Text.Json.JsonSerializer.Serialize(body);
        var timestamp = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(timestamp + "." + text)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/" + path) { Content = new StringContent(text, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add("X-Signature", signature);
        request.Headers.Add("X-Delivery-Id", Guid.NewGuid().ToString("N"));
        return await Client.SendAsync(request);
    }

    /// <summary>The open user task of an instance at an element, once it is there.</summary>
    public async Task<JsonNode> TaskAsync(string instance, string elementId)
    {
        JsonNode? task = null;
        await Poll.Until(async () =>
        {
            task = (await SearchAsync("user-tasks", new { processInstanceKey = instance, elementId, state = "CREATED" })).FirstOrDefault();
            return task is not null;
        });
        return task ?? throw new Xunit.Sdk.XunitException($"no open task '{elementId}' in instance {instance}");
    }

    /// <summary>True once the instance has passed through <paramref name="elementId"/> (completed it).</summary>
    public Task<bool> PassedAsync(string instance, string elementId) =>
        Poll.Until(async () => (await SearchAsync("element-instances", new { processInstanceKey = instance, elementId, state = "COMPLETED" })).Count > 0);

    /// <summary>
    /// The latest evaluation of the decision <paramref name="decisionId"/> in an instance, with its evaluated inputs and matched rules,
    /// once it is recorded.
    /// </summary>
    public async Task<JsonNode> DecisionAsync(string instance, string decisionId)
    {
        JsonNode? found = null;
        await Poll.Until(async () =>
        {
            found = (await SearchAsync("decision-instances", new { processInstanceKey = instance, decisionDefinitionId = decisionId }))
                .MaxBy(d => long.Parse(d!["decisionEvaluationKey"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
            return found is not null;
        });
        return found is null
            ? throw new Xunit.Sdk.XunitException($"instance {instance} did not evaluate decision '{decisionId}'")
            : await ApiAssert.OkJson(await Client.GetAsync($"/v2/decision-instances/{found["decisionEvaluationInstanceKey"]}"));
    }

    /// <summary>The value of a variable of an instance (process scope), parsed, or null when it has none.</summary>
    public async Task<JsonNode?> VariableAsync(string instance, string name)
    {
        var variable = (await SearchAsync("variables", new { scopeKey = instance, name })).FirstOrDefault();
        return variable is null ? null : JsonNode.Parse(variable["value"]!.GetValue<string>());
    }

    /// <summary>
    /// Runs an SLA sweep by the pinned clock and returns once its events are recorded. The server's own sweep is woken by a
    /// pin but runs in the background, so a test that reads SLA events right after moving the clock could beat it.
    /// </summary>
    public Task SweepSlaAsync() => Services.GetRequiredService<SlaMonitor>().SweepAsync(CancellationToken.None);

    /// <summary>The instance's state.</summary>
    public async Task<string> StateAsync(string instance) =>
        (await ApiAssert.OkJson(await Client.GetAsync($"/v2/process-instances/{instance}")))["state"]!.GetValue<string>();
}
