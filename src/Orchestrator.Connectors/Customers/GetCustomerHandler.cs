using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Customers;

/// <summary>
/// <c>customers.get</c>: reads a customer.
/// Inputs: <c>customerId</c>. Result: <c>customer</c> <c>{customerId, name, tier, trustLevel, trustScore, language, preferredChannel, country}</c>. BPMN error <c>NOT_FOUND</c> for an unknown id.
/// </summary>
public sealed class GetCustomerHandler(IServiceScopeFactory scopes) : ConnectorHandler<ICustomersApi>(scopes)
{
    /// <inheritdoc />
    public override string Type => "customers.get";

    /// <inheritdoc />
    public override string ResultVariable => "customer";

    private protected override async Task<FeelValue> CallAsync(ICustomersApi api, JobInput input, CancellationToken cancellationToken)
    {
        var customer = await api.GetCustomerAsync(input.String("customerId"), cancellationToken).ConfigureAwait(false);
        return JobOutput.From(customer, ConnectorJsonContext.Default.Customer);
    }
}
