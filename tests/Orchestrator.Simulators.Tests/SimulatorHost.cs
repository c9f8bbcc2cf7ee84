using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Orchestrator.Simulators.Tests;

/// <summary>The simulators on a test host (mapped without a prefix) and the calls the tests make to them.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public static async Task<SimulatorHost> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSimulators(builder.Configuration);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapSimulators("");
        await app.StartAsync();
        return new SimulatorHost(app);
    }

    public Task<HttpResponseMessage> Post(string path, object body, string? idempotencyKey = null) =>
        Send(HttpMethod.Post, path, JsonContent.Create(body), idempotencyKey);

    /// <summary>Sends <paramref name="content"/> as it is (e.g. malformed JSON).</summary>
    public Task<HttpResponseMessage> Send(HttpMethod method, string path, HttpContent content, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Client.SendAsync(request);
    }

    public async Task Clock(DateTimeOffset at) =>
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PutAsJsonAsync("/_sim/clock", new { timestamp = at.ToUnixTimeMilliseconds() })).StatusCode);

    public async Task<JsonNode> Get(string path) => await Json(await Client.GetAsync(path), HttpStatusCode.OK);

    public static async Task<JsonNode> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
