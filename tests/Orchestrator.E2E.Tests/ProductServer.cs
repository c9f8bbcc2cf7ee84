using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>
/// The whole product as `dotnet run` starts it, but on its own port and database: the real server process (SQLite), the
/// shipped workflows and element templates, the connectors talking to the simulated carrier, warehouse, payment and
/// notification services under <c>/sim</c>, a controllable clock, and four users (password <c>demo</c>): <c>admin</c>,
/// the agent <c>alice</c>, the process owner <c>olga</c>, the operator <c>oscar</c> and the QA reviewer <c>quinn</c>. Plus headless Chromium
/// (<c>/usr/bin/chromium</c>, never a downloaded browser) to drive the UI.
/// </summary>
public sealed class ProductServer : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public const string Password = "demo";

    private static readonly Dictionary<string, (string[] Groups, string Role)> Users = new()
    {
        ["admin"] = ([], "admin"),
        ["alice"] = (["returns-agents", "logistics-agents", "tier1-agents", "e2e-agents"], "agent"),
        ["olga"] = ([], "process-owner"),
        ["oscar"] = ([], "operator"),
        ["quinn"] = (["qa-reviewers"], "agent"),
    };

    private static readonly string[] Apis = ["Carrier", "Warehouse", "Payment", "Notify", "Orders", "Customers"];

    private readonly TestDatabase _database = TestDatabase.Create();
    private ServerProcess? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The server's address.</summary>
    public Uri Address => Server.Address;

    /// <summary>An API client signed in as <c>admin</c> (HTTP Basic), for arranging and checking what the UI did.</summary>
    public HttpClient Api { get; private set; } = new();

    private ServerProcess Server => _server ?? throw new InvalidOperationException("the server has not started");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install the Debian package chromium (.ci/run does)");
        // CI runs the test projects side by side on two cores: give the page more than Playwright's default 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        var hasher = new PasswordHasher<string>();
        _server = await ServerProcess.StartAsync(_database, address =>
        {
            var self = address.ToString().TrimEnd('/');
            var settings = new Dictionary<string, string?>
            {
                ["Auth:Anonymous"] = "false",
                ["Engine:ClockControl"] = "true",
                ["Workflows:Path"] = Repository.Workflows,
                ["Simulators:Enabled"] = "true",
                ["Simulators:CarrierTrackingUrl"] = self + "/webhooks/carrier/tracking",
                ["Simulators:CarrierSecret"] = "e2e-carrier",
                ["Simulators:WarehouseUrl"] = self + "/webhooks/warehouse/events",
                ["Simulators:WarehouseSecret"] = "e2e-warehouse",
                ["Webhooks:Secrets:carrier"] = "e2e-carrier",
                ["Webhooks:Secrets:warehouse"] = "e2e-warehouse",
                ["Webhooks:Secrets:survey"] = "e2e-survey",
                ["Connectors:Carrier:TrackingCallbackUrl"] = self + "/webhooks/carrier/tracking",
                ["Workers:RetryBackOff"] = "00:00:00",
                ["Sla:SweepSeconds"] = "1",
                ["Quality:SweepSeconds"] = "1",
            };
            foreach (var api in Apis)
            {
                settings[$"Connectors:{api}:BaseUrl"] = $"{self}/sim/{api.ToLowerInvariant()}";
                settings[$"Connectors:{api}:ApiKey"] = "e2e-key";
            }

            foreach (var (name, (groups, role)) in Users)
            {
                settings[$"Auth:Users:{name}:PasswordHash"] = hasher.HashPassword(name, Password);
                settings[$"Auth:Users:{name}:Roles:0"] = role;
                for (var i = 0; i < groups.Length; i++)
                {
                    settings[$"Auth:Users:{name}:Groups:{i}"] = groups[i];
                }
            }

            return settings;
        });
        Api = ClientFor("admin");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Api.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _database.Dispose();
    }

    /// <summary>
    /// Signs <paramref name="user"/> in through the sign-in page of a fresh browser context (1280×800) and runs
    /// <paramref name="steps"/>; when they fail, a full-page screenshot and the server's log are saved under
    /// <c>screenshots/</c> next to the test binaries before the failure is rethrown.
    /// </summary>
    public Task AsUserAsync(string user, string test, Func<IPage, Task> steps) =>
        AsUserAsync(user, test, new ViewportSize { Width = 1280, Height = 800 }, steps);

    /// <summary>As <see cref="AsUserAsync(string, string, Func{IPage, Task})"/> on a screen of another size (a phone's: 390×844).</summary>
    public Task AsUserAsync(string user, string test, ViewportSize viewport, Func<IPage, Task> steps) =>
        InBrowserAsync(test, viewport, async page =>
        {
            await page.GotoAsync(Address.ToString());
            await page.GetByLabel("User").FillAsync(user);
            await page.GetByLabel("Password").FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            // Signed in when the header shows (on a phone its menu, with Sign out, is folded).
            await Assertions.Expect(page.GetByRole(AriaRole.Banner)).ToBeVisibleAsync();
            await steps(page);
        });

    /// <summary>Runs <paramref name="steps"/> as a customer does: not signed in, on a phone's screen (390×844), otherwise as <see cref="AsUserAsync(string, string, Func{IPage, Task})"/>.</summary>
    public Task AsCustomerAsync(string test, Func<IPage, Task> steps) => InBrowserAsync(test, new ViewportSize { Width = 390, Height = 844 }, steps);

    private Task InBrowserAsync(string test, ViewportSize viewport, Func<IPage, Task> steps) =>
        InBrowserAsync(test, new BrowserNewContextOptions { ViewportSize = viewport }, steps);

    /// <summary>Runs <paramref name="steps"/> in a fresh browser context made with <paramref name="options"/> (e.g. another locale), not signed in, with the checks and failure records of <see cref="AsUserAsync(string, string, Func{IPage, Task})"/>.</summary>
    public async Task InBrowserAsync(string test, BrowserNewContextOptions options, Func<IPage, Task> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        await using var context = await _browser!.NewContextAsync(options);
        var page = await context.NewPageAsync();
        // Every refusal of the Content-Security-Policy reaches the console, where the check below finds it.
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error(`Content Security Policy refused ${e.violatedDirective}: ${e.blockedURI}`))");
        var console = new StringBuilder();
        page.Console += (_, message) => console.Append(message.Type).Append(": ").AppendLine(message.Text);
        page.PageError += (_, error) => console.Append("page error: ").AppendLine(error);
        try
        {
            await steps(page);
            // The server's Content-Security-Policy must let the pages do all they do: a refusal is a failure.
            var refused = console.ToString().Split('\n').Where(line => line.Contains("Content Security Policy", StringComparison.Ordinal)).ToList();
            Assert.True(refused.Count == 0, "the Content-Security-Policy refused something:\n" + string.Join('\n', refused));
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, test + ".png"), FullPage = true });
            await File.WriteAllTextAsync(Path.Combine(folder, test + ".log"), $"browser console:\n{console}\nserver:\n{Server.Output}");
            throw;
        }
    }

    /// <summary>Deploys files of this project's output folder.</summary>
    public async Task DeployAsync(params string[] files)
    {
        using var deployment = new MultipartFormDataContent();
        foreach (var file in files)
        {
            deployment.Add(new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, file))), "resources", file);
        }

        await ApiAssert.OkJson(await Api.PostAsync("/v2/deployments", deployment));
    }

    /// <summary>Starts an instance of the latest version of a process; returns its key.</summary>
    public async Task<string> StartAsync(string process, object variables) =>
        (await ApiAssert.OkJson(await Api.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = process, variables })))["processInstanceKey"]!.GetValue<string>();

    /// <summary>The items of a /v2 search.</summary>
    public async Task<JsonArray> SearchAsync(string resource, object filter) =>
        (await ApiAssert.OkJson(await Api.PostAsJsonAsync($"/v2/{resource}/search", new { filter })))["items"]!.AsArray();

    /// <summary>The key of the open task at <paramref name="elementId"/> of an instance, once it is there.</summary>
    public async Task<string> OpenTaskAsync(string instance, string elementId)
    {
        JsonNode? task = null;
        Assert.True(await Poll.Until(async () =>
            (task = (await SearchAsync("user-tasks", new { processInstanceKey = instance, elementId, state = "CREATED" })).FirstOrDefault()) is not null),
            $"no {elementId} task for instance {instance}");
        return task!["userTaskKey"]!.GetValue<string>();
    }

    /// <summary>An API client signed in as <paramref name="user"/> (HTTP Basic), for doing what that user does; the caller disposes it.</summary>
    public HttpClient ClientFor(string user)
    {
        var client = new HttpClient { BaseAddress = Server.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{Password}")));
        return client;
    }

    /// <summary>Pins the server's clock.</summary>
    public async Task PinAsync(DateTimeOffset at) =>
        await ApiAssert.NoContent(await Api.PutAsJsonAsync("/v2/clock", new { timestamp = at.ToUnixTimeMilliseconds() }));
}

/// <summary>All browser tests share one product server (starting it takes seconds) and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class ProductTests : ICollectionFixture<ProductServer>
{
    public const string Name = "product";
}
