using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.Engine;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;
using Orchestrator.Workers;

namespace Orchestrator.Connectors.Tests.Support;

/// <summary>
/// The connectors as the server registers them (<c>AddOrchestratorConnectors</c>), with every client's network
/// replaced by one <see cref="FakeApi"/> and retries that wait a millisecond instead of seconds.
/// </summary>
public sealed class ConnectorHost : IDisposable
{
    public const long JobKey = 2251799813685249;
    public const string CarrierKey = "carrier-secret-4711";

    private readonly ServiceProvider _services;

    public ConnectorHost(IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Connectors:Carrier:BaseUrl"] = "http://simulators.test/carrier",
                ["Connectors:Carrier:ApiKey"] = CarrierKey,
                ["Connectors:Carrier:TrackingCallbackUrl"] = "http://orchestrator.test/webhooks/carrier",
                ["Connectors:Warehouse:BaseUrl"] = "http://simulators.test/warehouse/",
                ["Connectors:Warehouse:ApiKey"] = "warehouse-secret",
                ["Connectors:Payment:BaseUrl"] = "http://simulators.test/payment",
                ["Connectors:Payment:ApiKey"] = "payment-secret",
                ["Connectors:Notify:BaseUrl"] = "http://simulators.test/notify",
                ["Connectors:Notify:ApiKey"] = "notify-secret",
                ["Connectors:Orders:BaseUrl"] = "http://simulators.test/orders",
                ["Connectors:Orders:ApiKey"] = "orders-secret",
                ["Connectors:Customers:BaseUrl"] = "http://simulators.test/customers",
                ["Connectors:Customers:ApiKey"] = "customers-secret",
                ["Connectors:Resilience:Retry:Delay"] = "00:00:00.001",
                ["Notifications:Path"] = Path.Combine(Repository.Workflows, "notifications"),
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddOrchestratorConnectors(configuration);

        // Runs after every client's own configuration, so nothing reaches the network.
        services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = Api));
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    public FakeApi Api { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _services;

    public IJobHandler Handler(string type) => Assert.Single(_services.GetServices<IJobHandler>(), h => h.Type == type);

    /// <summary>Runs the handler of <paramref name="type"/> on a job with these variables (JSON object) and task headers.</summary>
    public Task<IReadOnlyDictionary<string, FeelValue>?> RunAsync(string type, string variables, IReadOnlyDictionary<string, string>? headers = null) =>
        Handler(type).HandleAsync(Job(type, variables, headers), CancellationToken.None);

    public static ActivatedJob Job(string type, string variables, IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        Key = JobKey,
        Type = type,
        ProcessInstanceKey = 2251799813685250,
        BpmnProcessId = "return-process",
        ProcessDefinitionKey = 2251799813685251,
        ProcessDefinitionVersion = 1,
        ElementId = "task",
        ElementInstanceKey = 2251799813685252,
        CustomHeaders = headers ?? new Dictionary<string, string>(),
        Worker = "test",
        Retries = 3,
        Deadline = DateTimeOffset.UnixEpoch,
        Variables = ((FeelContext)FeelJson.FromJson(variables)).Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
    };

    /// <summary>The result variable as compact JSON, for readable assertions.</summary>
    public static string Json(IReadOnlyDictionary<string, FeelValue>? result, string name)
    {
        Assert.NotNull(result);
        return FeelJson.ToJsonString(Assert.Contains(name, result));
    }

    public static string Key => JobKey.ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _services.Dispose();
}
