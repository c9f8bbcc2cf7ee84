using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Connectors.Tests.Support;
using Orchestrator.Workers;

namespace Orchestrator.Connectors.Tests.Registration;

/// <summary>The orders and customers APIs came later: a configuration of the first four alone still starts, without their handlers.</summary>
public sealed class OptionalApiTests
{
    private static readonly string[] NewTypes = ["orders.get", "customers.get", "customers.lowerTrust"];

    [Fact]
    public void Without_orders_and_customers_base_urls_the_options_validate_and_their_task_types_have_no_handler()
    {
        using var host = new ConnectorHost(new Dictionary<string, string?>
        {
            ["Connectors:Orders:BaseUrl"] = null,
            ["Connectors:Customers:BaseUrl"] = null,
        });

        var options = host.Services.GetRequiredService<IOptions<ConnectorOptions>>().Value;

        Assert.Null(options.Orders.BaseUrl);
        var types = host.Services.GetServices<IJobHandler>().Select(h => h.Type).ToList();
        Assert.Empty(types.Intersect(NewTypes));
        Assert.Contains("payment.reverseRefund", types);
    }

    [Fact]
    public void With_them_every_new_task_type_has_a_handler()
    {
        using var host = new ConnectorHost();

        var types = host.Services.GetServices<IJobHandler>().Select(h => h.Type);

        Assert.Equal(NewTypes.Order(StringComparer.Ordinal), types.Intersect(NewTypes).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_relative_customers_base_url_fails_validation()
    {
        using var host = new ConnectorHost(new Dictionary<string, string?> { ["Connectors:Customers:BaseUrl"] = "customers" });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ConnectorOptions>>().Value);

        Assert.Contains("Connectors:Customers:BaseUrl must be an absolute URL", error.Failures);
    }
}
