using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Customers;

/// <summary>
/// <c>customers.lowerTrust</c>: records a trust event, which lowers the customer's trust score; idempotent per job.
/// Inputs: <c>customerId</c>, <c>orderId</c>, <c>reason</c>, <c>penalty</c> (points, 1 to 100; default 30). Result: <c>trust</c> <c>{customerId, trustLevel, trustScore}</c>. BPMN error <c>NOT_FOUND</c> for an unknown customer.
/// </summary>
public sealed class LowerTrustHandler(IServiceScopeFactory scopes) : ConnectorHandler<ICustomersApi>(scopes)
{
    /// <summary>The points a trust event costs when the job sets no <c>penalty</c>.</summary>
    public const int DefaultPenalty = 30;

    /// <inheritdoc />
    public override string Type => "customers.lowerTrust";

    /// <inheritdoc />
    public override string ResultVariable => "trust";

    private protected override async Task<FeelValue> CallAsync(ICustomersApi api, JobInput input, CancellationToken cancellationToken)
    {
        var customerId = input.String("customerId");
        var request = new TrustEventRequest(input.String("reason"), input.String("orderId"), input.Integer("penalty", DefaultPenalty));
        var trust = await api.LowerTrustAsync(customerId, request, input.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return JobOutput.From(trust, ConnectorJsonContext.Default.CustomerTrust);
    }
}
