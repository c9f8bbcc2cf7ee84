using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orchestrator.Connectors;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Tests.Hosting;

/// <summary>
/// Started on another port than the connectors' settings name (<c>--urls</c>), the server called the simulators it mounts on a port
/// nobody listened on and the log filled with failed calls; now one warning at start names the settings and where the server listens.
/// </summary>
public sealed class SimulatorAddressCheckTests
{
    private static ConnectorOptions Connectors(int port) => new()
    {
        Carrier = new CarrierConnectorOptions { BaseUrl = new Uri($"http://localhost:{port}/sim/carrier") },
        Warehouse = new ConnectorEndpointOptions { BaseUrl = new Uri($"http://127.0.0.1:{port}/sim/warehouse") },
        Payment = new ConnectorEndpointOptions { BaseUrl = new Uri($"http://payments.example:{port}/sim/payment") },
        Notify = new ConnectorEndpointOptions { BaseUrl = new Uri($"http://localhost:{port}/notify") },
    };

    [Fact]
    public void Sim_urls_on_this_machine_and_a_port_the_server_does_not_listen_on_are_misdirected()
    {
        var misdirected = SimulatorAddressCheck.Misdirected(Connectors(8080), ["http://localhost:5000"]);

        Assert.Equal(["Connectors:Carrier:BaseUrl", "Connectors:Warehouse:BaseUrl"], misdirected.Select(m => m.Key));
        Assert.Equal(new Uri("http://localhost:8080/sim/carrier"), misdirected[0].Value);
    }

    [Theory]
    [InlineData("http://localhost:8080")]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://+:8080")]
    [InlineData("http://*:8080")]
    public void Sim_urls_on_a_port_the_server_listens_on_are_fine(string address) =>
        Assert.Empty(SimulatorAddressCheck.Misdirected(Connectors(8080), ["https://localhost:8443", address]));

    [Fact]
    public void Without_known_addresses_nothing_is_misdirected() =>
        Assert.Empty(SimulatorAddressCheck.Misdirected(Connectors(8080), []));

    [Fact]
    public async Task One_warning_once_the_server_listens_names_the_settings_and_its_address()
    {
        var (beforeStarted, lines) = await LogAtStartAsync("http://localhost:5000");

        Assert.Empty(beforeStarted);
        var (level, message) = Assert.Single(lines);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("Connectors:Carrier:BaseUrl (http://localhost:8080/sim/carrier), Connectors:Warehouse:BaseUrl (http://127.0.0.1:8080/sim/warehouse)", message, StringComparison.Ordinal);
        Assert.Contains("it listens on http://localhost:5000", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_warning_when_the_server_listens_where_the_settings_point() =>
        Assert.Empty((await LogAtStartAsync("http://127.0.0.1:8080")).AfterStarted);

    /// <summary>What the check logs before and after the host has started, the server listening on <paramref name="address"/>.</summary>
    private static async Task<(List<(LogLevel, string)> BeforeStarted, List<(LogLevel, string)> AfterStarted)> LogAtStartAsync(string address)
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        var logger = new RecordingLogger();
        using var check = new SimulatorAddressCheck(new ListeningServer(address), lifetime, Options.Create(Connectors(8080)), logger);

        await check.StartAsync(CancellationToken.None);
        var beforeStarted = logger.Lines.ToList();
        lifetime.NotifyStarted();
        return (beforeStarted, logger.Lines);
    }

    private sealed class ListeningServer : IServer
    {
        public ListeningServer(string address)
        {
            var addresses = new ServerAddressesFeature();
            addresses.Addresses.Add(address);
            Features.Set<IServerAddressesFeature>(addresses);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }

    private sealed class RecordingLogger : ILogger<SimulatorAddressCheck>
    {
        public List<(LogLevel, string)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception)));
    }
}
