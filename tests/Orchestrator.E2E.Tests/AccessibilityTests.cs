using System.Text;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Orchestrator.E2E.Tests;

/// <summary>
/// Every page of the UI scanned with axe-core for WCAG 2.1 A and AA (contrast, names, labels, structure), in English
/// and in Chinese, on a desktop screen and a phone's: no violation anywhere, and no page wider than the screen.
/// </summary>
[Collection(ProductTests.Name)]
public sealed class AccessibilityTests(ProductServer product)
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Fact]
    public async Task Every_page_passes_an_axe_scan()
    {
        var instance = await product.StartAsync("return-and-refund", new
        {
            orderId = "E2E-AXE-" + Guid.NewGuid().ToString("N")[..8], customerId = "CUST-E2E-AXE", customerTier = "standard", kind = "refund",
            category = "electronics", language = "en", amount = 899, currency = "CNY", returnReason = "stopped working",
            deliveredAt = DateTimeOffset.UtcNow.AddDays(-4).ToString("O"), items = new[] { new { sku = "SKU-TABLET", quantity = 1 } },
            address = new { name = "Li Wei", street = "1 Nanjing Road", city = "Shanghai", postalCode = "200000", country = "CN" },
        });
        var task = await product.OpenTaskAsync(instance, "review");
        var token = JsonNode.Parse(Assert.Single(await product.SearchAsync("variables", new { processInstanceKey = instance, name = "trackingToken" }))!["value"]!.GetValue<string>())!.GetValue<string>();
        string[] pages =
        [
            "#/tasks", $"#/tasks/{task}", "#/designer", "#/operations", $"#/operations/{instance}",
            "#/dashboard", "#/dashboard/kpis/agent", "#/dashboard/voc/reason", "#/dashboard/quality/agent",
        ];
        var violations = new StringBuilder();

        await product.InBrowserAsync("axe-sign-in", new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 } }, async page =>
        {
            await page.GotoAsync(product.Address.ToString());
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
            await ScanAsync(page, "sign-in page", violations);
            await page.GotoAsync($"{product.Address}track/{token}");
            await ScanAsync(page, "customer's tracking page", violations);
        });

        foreach (var (language, viewport) in new[] { ("en", new ViewportSize { Width = 1280, Height = 800 }), ("zh-CN", new ViewportSize { Width = 390, Height = 844 }) })
        {
            await product.AsUserAsync("admin", $"axe-{language}", viewport, async page =>
            {
                await page.EvaluateAsync("language => localStorage.setItem('orchestrator.language', language)", language);
                foreach (var hash in pages)
                {
                    await page.GotoAsync(product.Address + hash);
                    await page.ReloadAsync();
                    await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
                    // Each page has loaded when its loading notices are gone and the network is quiet.
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    await Assertions.Expect(page.Locator(".loading")).ToHaveCountAsync(0);
                    await ScanAsync(page, $"{hash} ({language}, {viewport.Width} px)", violations);
                    // No page scrolls sideways, on a phone either: wide tables scroll inside their own box or stack.
                    var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
                    if (width > viewport.Width)
                    {
                        violations.Append(hash).Append(" (").Append(language).Append("): the page is ").Append(width).Append(" px wide on a ").Append(viewport.Width).AppendLine(" px screen");
                    }
                }
            });
        }

        Assert.True(violations.Length == 0, "axe-core found WCAG 2.1 AA violations:\n" + violations);
    }

    private static async Task ScanAsync(IPage page, string what, StringBuilder violations)
    {
        var result = await page.RunAxe(Wcag21AA);
        foreach (var violation in result.Violations)
        {
            violations.Append(what).Append(": ").Append(violation.Id).Append(" — ").AppendLine(violation.Help);
            foreach (var node in violation.Nodes.Take(5))
            {
                var checks = node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message);
                violations.Append("    ").Append(node.Target).Append(' ').Append(node.Html).Append(" — ").AppendLine(string.Join("; ", checks));
            }
        }
    }
}
