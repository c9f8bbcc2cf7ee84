using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Orchestrator.Simulators;

namespace Orchestrator.Connectors.Tests.Contracts;

/// <summary>
/// The simulators as the server maps them (<c>MapSimulators("/sim")</c>) on a test host; their webhooks (to a
/// subscription's callback) are answered in memory, so nothing leaves the process.
/// </summary>
public sealed class SimulatorHost : IAsyncLifetime
{
    /// <summary>The prefix the server maps the simulators under; the documents' server URLs end with it plus the API.</summary>
    public const string Prefix = "/sim";

    private WebApplication _app = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Every route the simulators map: method and route template (<c>/sim/carrier/shipments</c>).</summary>
    public IReadOnlyList<(string Method, string Route)> Routes =>
        [.. _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))];

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSimulators(builder.Configuration);
        builder.Services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = new AcceptingReceiver()));
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

    private sealed class AcceptingReceiver : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.Accepted) { RequestMessage = request });
    }
}
