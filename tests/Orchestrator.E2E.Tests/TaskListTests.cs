using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>An agent signs in, claims a task of her group and completes it through its form, in a real browser against a real server.</summary>
public sealed class TaskListTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task An_agent_signs_in_claims_a_task_and_completes_it_through_its_form()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install the Debian package chromium (.ci/run does)");
        var database = TestDatabase.Create();
        var hasher = new PasswordHasher<string>();
        await using var server = await ServerProcess.StartAsync(database, new Dictionary<string, string?>
        {
            ["Auth:Anonymous"] = "false",
            ["Auth:Users:alice:PasswordHash"] = hasher.HashPassword("alice", "demo"),
            ["Auth:Users:alice:Groups:0"] = "agents",
            ["Auth:Users:alice:Roles:0"] = "agent",
            ["Auth:Users:admin:PasswordHash"] = hasher.HashPassword("admin", "demo"),
            ["Auth:Users:admin:Roles:0"] = "admin",
            ["Workflows:Path"] = Path.Combine(database.Folder, "none"),
        });
        using var api = new HttpClient { BaseAddress = server.Address };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:demo")));
        using var deployment = new MultipartFormDataContent();
        foreach (var file in new[] { "approve.bpmn", "approve.form" })
        {
            deployment.Add(new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, file))), "resources", file);
        }

        await ApiAssert.OkJson(await api.PostAsync("/v2/deployments", deployment));
        var instance = (await ApiAssert.OkJson(await api.PostAsync("/v2/process-instances",
            new StringContent("""{"processDefinitionId":"e2e-approval","variables":{"orderId":"E2E-UI-1"}}""", Encoding.UTF8, "application/json"))))["processInstanceKey"]!.GetValue<string>();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        try
        {
            await page.GotoAsync(server.Address.ToString());
            await page.GetByLabel("User").FillAsync("alice");
            await page.GetByLabel("Password").FillAsync("demo");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Approve the refund" });
            await row.GetByRole(AriaRole.Button, new() { Name = "Claim" }).ClickAsync();
            await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Unclaim" })).ToBeVisibleAsync();
            await row.GetByRole(AriaRole.Button, new() { Name = "Approve the refund" }).ClickAsync();

            // Client-side validation first: the note is required.
            await page.GetByLabel("Approve the refund").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Complete" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Field is required.")).ToBeVisibleAsync();
            await page.GetByLabel("Note").FillAsync("refund the whole order");
            await page.GetByRole(AriaRole.Button, new() { Name = "Complete" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Approve the refund" })).ToHaveCountAsync(0);

            var state = await ApiAssert.OkJson(await api.GetAsync($"/v2/process-instances/{instance}"));
            Assert.Equal("COMPLETED", state["state"]!.GetValue<string>());
            var variables = await ApiAssert.OkJson(await api.PostAsync("/v2/variables/search",
                new StringContent("{\"filter\":{\"processInstanceKey\":\"" + instance + "\",\"name\":\"note\"}}", Encoding.UTF8, "application/json")));
            Assert.Equal("\"refund the whole order\"", variables["items"]![0]!["value"]!.GetValue<string>());
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, nameof(An_agent_signs_in_claims_a_task_and_completes_it_through_its_form) + ".png"), FullPage = true });
            await File.WriteAllTextAsync(Path.Combine(folder, nameof(An_agent_signs_in_claims_a_task_and_completes_it_through_its_form) + ".server.log"), server.Output);
            throw;
        }
    }
}
