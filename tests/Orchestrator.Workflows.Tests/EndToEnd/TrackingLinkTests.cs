using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.EndToEnd;

/// <summary>The messages a customer gets carry their case's link, and the link opens their case's page.</summary>
public sealed class TrackingLinkTests(SimulatedWorldServer server) : IClassFixture<SimulatedWorldServer>
{
    [Fact]
    public async Task Every_message_of_a_return_carries_the_link_to_its_page_which_opens_the_case()
    {
        var orderId = "E2E-LINK-" + Guid.NewGuid().ToString("N")[..6];
        var customerId = "CUST-DE-" + orderId;
        var instance = await server.StartAsync("return-and-refund", new
        {
            orderId, customerId, customerTier = "VIP", kind = "refund", category = "electronics", language = "de", amount = 120, currency = "EUR",
            returnReason = "defective", deliveredAt = DateTimeOffset.UtcNow.AddDays(-3).ToString("O"),
            items = new[] { new { sku = "SKU-TABLET", quantity = 1 } },
            address = new { name = "Anna Schmidt", street = "Hauptstraße 1", city = "Berlin", postalCode = "10115", country = "DE" },
        });
        var token = JsonNode.Parse(Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = instance, name = "trackingToken" }))!["value"]!.GetValue<string>())!.GetValue<string>();

        JsonArray messages = [];
        Assert.True(await Poll.Until(async () => (messages = (await ApiAssert.OkJson(await server.Client.GetAsync($"/sim/notify/messages?customerId={customerId}"))).AsArray()).Count > 0),
            "the customer got no message");

        var link = $"{SimulatedWorldServer.TrackingBaseUrl}/track/{token}";
        Assert.All(messages, m =>
        {
            Assert.Equal(link, m!["trackingUrl"]!.GetValue<string>());
            Assert.Contains(link, m["body"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal("de", m["language"]!.GetValue<string>());
        });
        var page = await server.Client.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Ihre Rücksendung", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
