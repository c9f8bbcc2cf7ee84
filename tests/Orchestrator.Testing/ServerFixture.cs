using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Orchestrator.Testing;

/// <summary>
/// One in-process server per test class (SQLite, or PostgreSQL when <see cref="TestDatabase.PostgresVariable"/> is set),
/// with clock control on and anonymous access unless the test class asks otherwise.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;
    private TestDatabase? _database;

    /// <summary>The database under the server.</summary>
    public virtual TestDatabase Database => _database ??= TestDatabase.Create();

    /// <summary>A client of the server.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _factory!.Services;

    /// <summary>Extra settings for the server.</summary>
    protected virtual Dictionary<string, string?> Settings() => new()
    {
        ["Auth:Anonymous"] = "true",
        ["Engine:ClockControl"] = "true",
        ["Workflows:Path"] = Path.Combine(Database.Folder, "workflows"),
    };

    /// <summary>Extra services (in-process handlers) for the server.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public Task InitializeAsync()
    {
        var settings = Database.Settings();
        foreach (var (key, value) in Settings())
        {
            settings[key] = value;
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureServices(ConfigureServices);
        });
        Client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (!KeepsDatabase)
        {
            Database.Dispose();
        }
    }

    /// <summary>Leaves the database behind when the server stops (a test that starts a second server on it).</summary>
    public bool KeepsDatabase { get; init; }

    /// <summary>A new client without credentials that keeps cookies.</summary>
    public HttpClient NewClient() => _factory!.CreateClient();

    /// <summary>The pinned time (a test signs webhooks with it, as a sender whose clock agrees with the server's).</summary>
    public DateTimeOffset Now { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>Pins the server's clock (<c>PUT /v2/clock</c>; the simulators follow it when mounted).</summary>
    public async Task PinAsync(DateTimeOffset at)
    {
        await ApiAssert.NoContent(await Client.PutAsJsonAsync("/v2/clock", new { timestamp = at.ToUnixTimeMilliseconds() }));
        Now = at;
    }

    /// <summary>Runs <paramref name="scenario"/> with the clock pinned at <paramref name="start"/>, and puts the clock back afterwards.</summary>
    public async Task RunAtAsync(DateTimeOffset start, Func<Task> scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        await PinAsync(start);
        try
        {
            await scenario();
        }
        finally
        {
            await ApiAssert.NoContent(await PostAsync("/v2/clock/reset", null));
            Now = DateTimeOffset.UtcNow;
        }
    }

    /// <summary>A handler that sends requests into the in-process server (for the server's own HTTP clients in tests: connectors, simulators' webhooks).</summary>
    public HttpMessageHandler CreateServerHandler() => _factory!.Server.CreateHandler();

    /// <summary>A new client with HTTP Basic credentials.</summary>
    public HttpClient ClientAs(string user, string password)
    {
        var client = _factory!.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    /// <summary>The calls tests make again and again, as the default client.</summary>
    public ApiClient Api => new(Client);

    /// <summary>Deploys files next to the tests (by name), returns the response JSON.</summary>
    public Task<JsonNode> DeployAsync(params string[] files) => Api.DeployAsync(files);

    /// <inheritdoc cref="ApiClient.DeployXmlAsync"/>
    public Task<JsonNode> DeployXmlAsync(string name, string xml) => Api.DeployXmlAsync(name, xml);

    /// <summary>POSTs JSON and returns the response.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, object? body) => Api.PostAsync(path, body);

    /// <summary>POSTs JSON, expects 200 and returns the JSON.</summary>
    public Task<JsonNode> PostOkAsync(string path, object? body) => Api.PostOkAsync(path, body);

    /// <summary>Starts an instance and returns its key.</summary>
    public Task<string> StartAsync(string processId, object? variables = null) => Api.StartAsync(processId, variables);

    /// <summary>Activates jobs of a type at once (no waiting).</summary>
    public Task<JsonArray> ActivateAsync(string type, int max = 10) => Api.ActivateAsync(type, max);

    /// <summary>Searches and returns the items.</summary>
    public Task<JsonArray> SearchAsync(string resource, object filter) => Api.SearchAsync(resource, filter);

    /// <summary>The JSON options of the tests (camelCase).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
