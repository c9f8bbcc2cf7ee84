using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.Complaints;

/// <summary>
/// The shop's orders and customers APIs for the complaint tests: answers the <c>orders.get</c> and <c>customers.get</c> jobs
/// with records shaped as the connectors return them (src/Orchestrator.Connectors/README.md). A record a test did not set
/// up is a standard Chinese customer's order of 80 CNY.
/// </summary>
public sealed class ShopStub(WorkflowServer server)
{
    private readonly Dictionary<string, object> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> _customers = new(StringComparer.Ordinal);

    /// <summary>Sets up an order: one line, <paramref name="paid"/> paid of a 10 % higher list price.</summary>
    public void Order(string orderId, string customerId, decimal paid, string currency = "CNY", string country = "CN") =>
        _orders[orderId] = new
        {
            orderId, customerId, channel = "web", country, currency, orderValue = paid * 1.1m, paidAmount = paid,
            placedAt = "2026-11-20T09:00:00Z", deliveredAt = "2026-11-23T15:00:00Z",
            lines = new[] { new { sku = "BLD-200", name = "Blender", category = "kitchen", quantity = 1, unitPrice = paid * 1.1m, paidAmount = paid } },
        };

    /// <summary>Sets up a customer.</summary>
    public void Customer(string customerId, string tier = "standard", string language = "zh-CN", string preferredChannel = "email", string country = "CN") =>
        _customers[customerId] = new { customerId, name = "Li Wei", tier, trustLevel = "normal", trustScore = 55, language, preferredChannel, country };

    /// <summary>Answers the instance's <c>orders.get</c> job, then its <c>customers.get</c> job.</summary>
    public async Task AnswerLookupsAsync(string instance)
    {
        Assert.True(await Poll.Until(async () => (await server.CompleteJobsAsync("orders.get", instance, job => new { order = OrderFor(Id(job, "orderId")) })).Count > 0),
            "no orders.get job");
        await AnswerCustomerAsync(instance);
    }

    /// <summary>Answers the instance's <c>customers.get</c> job.</summary>
    public async Task AnswerCustomerAsync(string instance) =>
        Assert.True(await Poll.Until(async () => (await server.CompleteJobsAsync("customers.get", instance, job => new { customer = CustomerFor(Id(job, "customerId")) })).Count > 0),
            "no customers.get job");

    /// <summary>Answers the instance's open job of <paramref name="type"/> with the BPMN error <c>NOT_FOUND</c>, as the connector does for a 404.</summary>
    public async Task NotFoundAsync(string instance, string type)
    {
        JsonNode? job = null;
        Assert.True(await Poll.Until(async () =>
            (job = (await server.ActivateAsync(type, 100)).FirstOrDefault(j => j!["processInstanceKey"]!.GetValue<string>() == instance)) is not null), $"no {type} job");
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job!["jobKey"]}/error", new { errorCode = "NOT_FOUND", errorMessage = "404 from the shop" }));
    }

    private object OrderFor(string orderId) =>
        _orders.GetValueOrDefault(orderId) ?? new
        {
            orderId, customerId = "CUST-" + orderId, channel = "web", country = "CN", currency = "CNY", orderValue = 80, paidAmount = 80,
            placedAt = "2026-11-20T09:00:00Z", deliveredAt = "2026-11-23T15:00:00Z", lines = Array.Empty<object>(),
        };

    private object CustomerFor(string customerId) =>
        _customers.GetValueOrDefault(customerId) ?? new
        {
            customerId, name = "Li Wei", tier = "standard", trustLevel = "normal", trustScore = 55, language = "zh-CN", preferredChannel = "email", country = "CN",
        };

    private static string Id(JsonNode job, string name) => job[name]!.GetValue<string>();
}
