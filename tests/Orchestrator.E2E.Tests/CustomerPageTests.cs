using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>A customer opens the link from their message on a phone, without signing in, and follows their return.</summary>
[Collection(ProductTests.Name)]
public sealed class CustomerPageTests(ProductServer product)
{
    [Fact]
    public async Task A_customer_follows_their_return_on_the_page_from_the_link()
    {
        var orderId = "E2E-TRACK-" + Guid.NewGuid().ToString("N")[..8];
        var instance = await product.StartAsync("return-and-refund", new
        {
            orderId, customerId = "CUST-E2E-TRACK", customerTier = "standard", kind = "refund", category = "electronics", language = "en",
            amount = 899, currency = "CNY", returnReason = "stopped working", deliveredAt = DateTimeOffset.UtcNow.AddDays(-4).ToString("O"),
            items = new[] { new { sku = "SKU-TABLET", quantity = 1 } },
            address = new { name = "Li Wei", street = "1 Nanjing Road", city = "Shanghai", postalCode = "200000", country = "CN" },
        });
        var token = JsonNode.Parse(Assert.Single(await product.SearchAsync("variables", new { processInstanceKey = instance, name = "trackingToken" }))!["value"]!.GetValue<string>())!.GetValue<string>();
        var review = await product.OpenTaskAsync(instance, "review");

        await product.AsCustomerAsync(nameof(A_customer_follows_their_return_on_the_page_from_the_link), async page =>
        {
            var response = await page.GotoAsync($"{product.Address}track/{token}");
            Assert.Equal(200, response!.Status);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your return" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText(orderId)).ToBeVisibleAsync();
            var steps = page.GetByRole(AriaRole.Listitem);
            await Assertions.Expect(steps.First).ToContainTextAsync("Return requested");
            await Assertions.Expect(steps.First).ToHaveClassAsync("done");
            await Assertions.Expect(steps.Filter(new() { HasText = "Checked by our team" })).ToHaveClassAsync("current");
            await Assertions.Expect(page.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

            await ApiAssert.NoContent(await product.Api.PostAsJsonAsync($"/v2/user-tasks/{review}/completion", new { variables = new { decision = "approve" } }));
            // The customer who is waiting loads the page again (its refresh link does the same).
            Assert.True(await Poll.Until(async () =>
            {
                await page.ReloadAsync();
                return await steps.Filter(new() { HasText = "Checked by our team" }).GetAttributeAsync("class") == "done";
            }), "the review was not shown as done after the agent approved it");

            await page.GotoAsync($"{product.Address}track/{token}?lang=zh-CN");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "您的退货" })).ToBeVisibleAsync();

            var unknown = await page.GotoAsync($"{product.Address}track/{new string('A', 32)}");
            Assert.Equal(404, unknown!.Status);
            await Assertions.Expect(page.GetByText("This link is not valid")).ToBeVisibleAsync();
        });
    }
}
