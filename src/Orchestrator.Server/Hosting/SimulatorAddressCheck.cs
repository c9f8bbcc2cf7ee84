using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Orchestrator.Connectors;

namespace Orchestrator.Server.Hosting;

/// <summary>
/// Warns once the server listens when connectors' base URLs point at the simulators under <c>/sim</c> on a port of this machine
/// the server does not listen on (started with <c>--urls</c> on another port than the settings name): every call of theirs would fail.
/// </summary>
public sealed partial class SimulatorAddressCheck(
    IServer server, IHostApplicationLifetime lifetime, IOptions<ConnectorOptions> connectors, ILogger<SimulatorAddressCheck> logger)
    : IHostedService, IDisposable
{
    private CancellationTokenRegistration _started;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The addresses the server listens on are known only once it has started.
        _started = lifetime.ApplicationStarted.Register(Check);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _started.Dispose();

    /// <summary>
    /// The settings (<c>Connectors:{Api}:BaseUrl</c>) whose URL is on <c>localhost</c> (or another loopback address), under
    /// <c>/sim</c> and on a port none of <paramref name="addresses"/> (as <see cref="IServerAddressesFeature"/> has them) listens on.
    /// None when the addresses are unknown.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, Uri>> Misdirected(ConnectorOptions connectors, IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        ArgumentNullException.ThrowIfNull(addresses);
        var ports = addresses.Select(Port).OfType<int>().ToHashSet();
        if (ports.Count == 0)
        {
            return [];
        }

        KeyValuePair<string, Uri?>[] settings =
        [
            new(nameof(ConnectorOptions.Carrier), connectors.Carrier.BaseUrl),
            new(nameof(ConnectorOptions.Warehouse), connectors.Warehouse.BaseUrl),
            new(nameof(ConnectorOptions.Payment), connectors.Payment.BaseUrl),
            new(nameof(ConnectorOptions.Notify), connectors.Notify.BaseUrl),
            new(nameof(ConnectorOptions.Orders), connectors.Orders.BaseUrl),
            new(nameof(ConnectorOptions.Customers), connectors.Customers.BaseUrl),
        ];
        return
        [
            .. settings
                .Where(s => s.Value is { IsAbsoluteUri: true, IsLoopback: true } url && IsSimulators(url) && !ports.Contains(url.Port))
                .Select(s => KeyValuePair.Create($"{ConnectorOptions.Section}:{s.Key}:BaseUrl", s.Value!)),
        ];
    }

    private void Check()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var misdirected = Misdirected(connectors.Value, addresses);
        if (misdirected.Count > 0)
        {
            LogMisdirected(string.Join(", ", misdirected.Select(m => $"{m.Key} ({m.Value})")), string.Join(", ", addresses));
        }
    }

    private static bool IsSimulators(Uri url) =>
        url.AbsolutePath.Equals(AftersalesExtensions.SimulatorsPath, StringComparison.OrdinalIgnoreCase)
        || url.AbsolutePath.StartsWith(AftersalesExtensions.SimulatorsPath + "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The port of a listening address; Kestrel's wildcards (<c>http://+:80</c>, <c>http://*:80</c>) are not valid hosts of a URI.</summary>
    private static int? Port(string address) =>
        Uri.TryCreate(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri.Port
            : null;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Settings} point at the simulators under /sim on a port this server does not listen on; it listens on {Addresses}. "
            + "Every call of those connectors fails until those settings name this server's address (or the server listens on their port: --urls)")]
    private partial void LogMisdirected(string settings, string addresses);
}
