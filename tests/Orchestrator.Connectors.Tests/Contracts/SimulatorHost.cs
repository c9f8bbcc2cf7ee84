using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Orchestrator.Simulators;

namespace Orchestrator.Connectors.Tests.Contracts;

/// <summary>
/// The simulators as the server maps them (<c>MapSimulators("/sim")</c>) on a test host; their webhooks are
/// recorded and answered in memory, so nothing leaves the process.
/// </summary>
public sealed class SimulatorHost : IAsyncLifetime
{
    /// <summary>The prefix the server maps the simulators under; the documents' server URLs end with it plus the API.</summary>
    public const string Prefix = "/sim";

    /// <summary>
    /// Where the simulators send their webhooks, per API (the documents' <c>x-webhooks</c>); the carrier's is also the
    /// <c>callbackUrl</c> of the carrier document's subscription example, as in Development.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> WebhookUrls = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["carrier"] = "http://localhost:8080/webhooks/carrier/tracking",
        ["warehouse"] = "http://localhost:8080/webhooks/warehouse/events",
    };

    private readonly List<(string Url, IReadOnlyDictionary<string, string> Headers, string Body)> _webhooks = [];
    private WebApplication _app = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The webhooks the simulators sent so far.</summary>
    public IReadOnlyList<(string Url, IReadOnlyDictionary<string, string> Headers, string Body)> Webhooks
    {
        get
        {
            lock (_webhooks)
            {
                return [.. _webhooks];
            }
        }
    }

    /// <summary>Every route the simulators map: method and route template (<c>/sim/carrier/shipments</c>).</summary>
    public IReadOnlyList<(string Method, string Route)> Routes =>
        [.. _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))];

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulators:CarrierTrackingUrl"] = WebhookUrls["carrier"],
            ["Simulators:CarrierSecret"] = "carrier-secret",
            ["Simulators:WarehouseUrl"] = WebhookUrls["warehouse"],
            ["Simulators:WarehouseSecret"] = "warehouse-secret",
        });
        builder.Services.AddSimulators(builder.Configuration);
        builder.Services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = new Receiver(_webhooks)));
        _app = builder.Build();
        _app.MapSimulators(Prefix);
        await _app.StartAsync();
        Client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>The orchestrator's side of the webhooks: records each and accepts it.</summary>
    private sealed class Receiver(List<(string Url, IReadOnlyDictionary<string, string> Headers, string Body)> webhooks) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            lock (webhooks)
            {
                webhooks.Add((request.RequestUri!.ToString(), headers, body));
            }

            return new HttpResponseMessage(HttpStatusCode.Accepted) { RequestMessage = request };
        }
    }
}
