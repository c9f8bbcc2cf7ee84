using Refit;

namespace Orchestrator.Connectors.Customers;

/// <summary>
/// The shop's customers API (<c>contracts/customers.openapi.yaml</c>). Paths are relative to <c>Connectors:Customers:BaseUrl</c>,
/// which includes the API's prefix (e.g. <c>http://localhost:8080/sim/customers</c>).
/// </summary>
public interface ICustomersApi
{
    /// <summary>A customer: tier, trust, language and preferred channel. 404 for an unknown id.</summary>
    /// <param name="customerId">The customer id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Get("/customers/{customerId}")]
    Task<Customer> GetCustomerAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Lowers a customer's trust score by a penalty (not below 0) and recomputes the trust level. 404 for an unknown customer.</summary>
    /// <param name="customerId">The customer id.</param>
    /// <param name="request">Why, for which order, and by how much.</param>
    /// <param name="idempotencyKey">The same key with the same body answers the first result again and lowers once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Post("/customers/{customerId}/trust-events")]
    Task<CustomerTrust> LowerTrustAsync(string customerId, [Body] TrustEventRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken);
}
