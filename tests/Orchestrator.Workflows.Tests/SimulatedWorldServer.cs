using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests;

/// <summary>
/// The whole product in one process, as the Development demo runs it: the workflows, the connectors as in-process
/// workers, and the simulated carrier, warehouse, payment, notification, orders and customers APIs under <c>/sim</c> sending their signed
/// webhooks back. Every HTTP call the server makes (connectors, webhooks) goes into the same in-process server.
/// </summary>
public sealed class SimulatedWorldServer : ServerFixture
{
    private const string Base = "http://localhost";

    /// <summary>Where customers reach the shop's orchestrator in these tests (the links in their messages).</summary>
    public const string TrackingBaseUrl = "https://help.shop.test";

    /// <summary>The password of <c>quinn</c>, the QA reviewer (group <c>qa-reviewers</c>, role agent).</summary>
    public const string ReviewerPassword = "quinn-secret";

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Workflows:Path"] = WorkflowServer.WorkflowsFolder;
        settings["Simulators:Enabled"] = "true";
        settings["Simulators:CarrierTrackingUrl"] = Base + "/webhooks/carrier/tracking";
        settings["Connectors:Carrier:TrackingCallbackUrl"] = Base + "/webhooks/carrier/tracking";
        settings["Simulators:CarrierSecret"] = "e2e-carrier";
        settings["Simulators:WarehouseUrl"] = Base + "/webhooks/warehouse/events";
        settings["Simulators:WarehouseSecret"] = "e2e-warehouse";
        settings["Simulators:Tick"] = "00:00:00.200";
        settings["Webhooks:Secrets:carrier"] = "e2e-carrier";
        settings["Webhooks:Secrets:warehouse"] = "e2e-warehouse";
        settings["Webhooks:Secrets:survey"] = "e2e-survey";
        foreach (var api in new[] { "Carrier", "Warehouse", "Payment", "Notify", "Orders", "Customers" })
        {
            settings[$"Connectors:{api}:BaseUrl"] = $"{Base}/sim/{api.ToLowerInvariant()}";
            settings[$"Connectors:{api}:ApiKey"] = "e2e-key";
        }

        settings["Connectors:Resilience:Retry:Delay"] = "00:00:00.010";
        settings["Connectors:Resilience:Retry:MaxRetryAttempts"] = "2";
        settings["Workers:RetryBackOff"] = "00:00:00";
        settings["Tracking:PublicBaseUrl"] = TrackingBaseUrl;
        settings["Auth:Users:quinn:PasswordHash"] = new PasswordHasher<string>().HashPassword("quinn", ReviewerPassword);
        settings["Auth:Users:quinn:Groups:0"] = "qa-reviewers";
        settings["Auth:Users:quinn:Roles:0"] = "agent";
        return settings;
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = CreateServerHandler()));

    /// <summary>What the simulators hold now.</summary>
    public async Task<JsonNode> WorldAsync() => (await ApiAssert.OkJson(await Client.GetAsync("/sim/_sim/state")))["world"]!;

    /// <summary>The logistics exception the carrier's webhook started for a parcel, once it exists.</summary>
    public async Task<string> ExceptionOfAsync(string trackingCode)
    {
        JsonNode? started = null;
        Assert.True(await Poll.Until(async () => (started = (await SearchAsync("variables", new { name = "trackingCode", value = $"\"{trackingCode}\"" })).FirstOrDefault()) is not null),
            $"the carrier's webhook for {trackingCode} started no logistics exception");
        return started!["processInstanceKey"]!.GetValue<string>();
    }
}
