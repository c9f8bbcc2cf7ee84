using Refit;

namespace Orchestrator.Connectors.Orders;

/// <summary>
/// The shop's orders API (<c>contracts/orders.openapi.yaml</c>). Paths are relative to <c>Connectors:Orders:BaseUrl</c>,
/// which includes the API's prefix (e.g. <c>http://localhost:8080/sim/orders</c>).
/// </summary>
public interface IOrdersApi
{
    /// <summary>An order as placed and paid, with its lines. 404 for an unknown id.</summary>
    /// <param name="orderId">The order id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Get("/orders/{orderId}")]
    Task<Order> GetOrderAsync(string orderId, CancellationToken cancellationToken);
}
