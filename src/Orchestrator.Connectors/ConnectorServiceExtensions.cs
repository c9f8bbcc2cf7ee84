using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Connectors.Carrier;
using Orchestrator.Connectors.Customers;
using Orchestrator.Connectors.Notify;
using Orchestrator.Connectors.Orders;
using Orchestrator.Connectors.Payment;
using Orchestrator.Connectors.Voc;
using Orchestrator.Connectors.Warehouse;
using Orchestrator.Feel;
using Orchestrator.Workers;
using Refit;

namespace Orchestrator.Connectors;

/// <summary>Registers the after-sales API clients and the job handlers that call them.</summary>
public static class ConnectorServiceExtensions
{
    /// <summary>The header that carries each API's key; redacted from HTTP client logs.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>
    /// The Refit clients (base URL and <c>X-Api-Key</c> from <c>Connectors:{Carrier|Warehouse|Payment|Notify|Orders|Customers}</c>,
    /// JSON through the source-generated <see cref="ConnectorJsonContext"/>, the standard resilience handler configured
    /// from <c>Connectors:Resilience</c>), the message catalogue (<c>Notifications:Path</c>; a host that knows its workflows
    /// folder post-configures <see cref="NotificationOptions.Path"/> when it is not set), the tracking link
    /// (<see cref="NotificationOptions.TrackingBaseUrl"/>) and one <see cref="IJobHandler"/> per task type. The carrier, warehouse, payment and
    /// notification APIs are required; the orders and customers APIs are optional (added later), and their handlers are
    /// registered only when their <c>BaseUrl</c> is configured, so their jobs wait for a worker instead.
    /// </summary>
    public static IServiceCollection AddOrchestratorConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ConnectorOptions>()
            .Bind(configuration.GetSection(ConnectorOptions.Section))
            .Validate(o => IsAbsolute(o.Carrier.BaseUrl), "Connectors:Carrier:BaseUrl must be an absolute URL")
            .Validate(o => IsAbsolute(o.Warehouse.BaseUrl), "Connectors:Warehouse:BaseUrl must be an absolute URL")
            .Validate(o => IsAbsolute(o.Payment.BaseUrl), "Connectors:Payment:BaseUrl must be an absolute URL")
            .Validate(o => IsAbsolute(o.Notify.BaseUrl), "Connectors:Notify:BaseUrl must be an absolute URL")
            .Validate(o => o.Orders.BaseUrl is null || IsAbsolute(o.Orders.BaseUrl), "Connectors:Orders:BaseUrl must be an absolute URL")
            .Validate(o => o.Customers.BaseUrl is null || IsAbsolute(o.Customers.BaseUrl), "Connectors:Customers:BaseUrl must be an absolute URL")
            .ValidateOnStart();

        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section))
            .Validate(o => o.TrackingBaseUrl is null || IsAbsolute(o.TrackingBaseUrl), "Notifications:TrackingBaseUrl must be an absolute URL")
            .ValidateOnStart();
        services.AddSingleton(sp => new NotificationCatalogue(
            sp.GetRequiredService<IOptions<NotificationOptions>>().Value.Path is { Length: > 0 } path ? path : Path.Combine("workflows", "notifications"),
            new FeelEngine(new FeelEngineOptions { Clock = sp.GetService<TimeProvider>() ?? TimeProvider.System })));

        // Refit.Reflection is not referenced: clients must be the generated ones (RefitRequireGeneratedRequests makes
        // any method that would need reflection a build error), and JSON goes through the generated context only.
        var settings = new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(ConnectorJsonContext.Default.Options) };
        var resilience = configuration.GetSection($"{ConnectorOptions.Section}:Resilience");
        AddClient<ICarrierApi>(services, settings, resilience, o => o.Carrier);
        AddClient<IWarehouseApi>(services, settings, resilience, o => o.Warehouse);
        AddClient<IPaymentApi>(services, settings, resilience, o => o.Payment);
        AddClient<INotifyApi>(services, settings, resilience, o => o.Notify);

        services.AddSingleton<IJobHandler, CreateLabelHandler>();
        services.AddSingleton<IJobHandler, SchedulePickupHandler>();
        services.AddSingleton<IJobHandler, VoidLabelHandler>();
        services.AddSingleton<IJobHandler, CancelPickupHandler>();
        services.AddSingleton<IJobHandler, GetTrackingHandler>();
        services.AddSingleton<IJobHandler, SubscribeTrackingHandler>();
        services.AddSingleton<IJobHandler, FileClaimHandler>();
        services.AddSingleton<IJobHandler, CreateRmaHandler>();
        services.AddSingleton<IJobHandler, GetRmaHandler>();
        services.AddSingleton<IJobHandler, ReshipHandler>();
        services.AddSingleton<IJobHandler, ReserveStockHandler>();
        services.AddSingleton<IJobHandler, ReleaseStockHandler>();
        services.AddSingleton<IJobHandler, RefundHandler>();
        services.AddSingleton<IJobHandler, ReverseRefundHandler>();
        services.AddSingleton<IJobHandler, SendNotificationHandler>();
        if (IsConfigured(configuration, nameof(ConnectorOptions.Orders)))
        {
            AddClient<IOrdersApi>(services, settings, resilience, o => o.Orders);
            services.AddSingleton<IJobHandler, GetOrderHandler>();
        }

        if (IsConfigured(configuration, nameof(ConnectorOptions.Customers)))
        {
            AddClient<ICustomersApi>(services, settings, resilience, o => o.Customers);
            services.AddSingleton<IJobHandler, GetCustomerHandler>();
            services.AddSingleton<IJobHandler, LowerTrustHandler>();
        }

        return services;
    }

    /// <summary>
    /// The VOC reason catalogue (<see cref="ReasonCatalogue"/>) from <c>Voc:ReasonsPath</c>; a host that knows its workflows folder
    /// post-configures <see cref="ReasonOptions.ReasonsPath"/> when it is not set, else <c>workflows/voc/reasons.json</c> under the
    /// working directory is read.
    /// </summary>
    public static IServiceCollection AddVocReasons(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ReasonOptions>().Bind(configuration.GetSection(ReasonOptions.Section));
        services.AddSingleton(sp => new ReasonCatalogue(
            sp.GetRequiredService<IOptions<ReasonOptions>>().Value.ReasonsPath is { Length: > 0 } path ? path : Path.Combine("workflows", "voc", "reasons.json")));
        return services;
    }

    private static void AddClient<TApi>(
        IServiceCollection services, RefitSettings settings, IConfigurationSection resilience, Func<ConnectorOptions, ConnectorEndpointOptions> endpoint)
        where TApi : class
    {
        var client = services.AddRefitGeneratedClient<TApi>(ConnectorJsonContext.Default, _ => settings)
            .ConfigureHttpClient((provider, client) =>
            {
                var options = endpoint(provider.GetRequiredService<IOptions<ConnectorOptions>>().Value);
                client.BaseAddress = new Uri(options.BaseUrl!.AbsoluteUri.TrimEnd('/'));
                if (!string.IsNullOrEmpty(options.ApiKey))
                {
                    client.DefaultRequestHeaders.TryAddWithoutValidation(ApiKeyHeader, options.ApiKey);
                }
            })
            .RedactLoggedHeaders([ApiKeyHeader, "Authorization"]);

        // Retries 5xx, 408, 429, timeouts and connection failures, POSTs included: every POST carries an Idempotency-Key.
        if (resilience.Exists())
        {
            client.AddStandardResilienceHandler(resilience);
        }
        else
        {
            client.AddStandardResilienceHandler();
        }
    }

    private static bool IsAbsolute(Uri? url) => url is { IsAbsoluteUri: true };

    private static bool IsConfigured(IConfiguration configuration, string api) =>
        !string.IsNullOrEmpty(configuration[$"{ConnectorOptions.Section}:{api}:BaseUrl"]);
}
