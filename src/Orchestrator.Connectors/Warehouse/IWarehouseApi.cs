using Refit;

namespace Orchestrator.Connectors.Warehouse;

/// <summary>
/// The warehouse API (<c>contracts/warehouse.openapi.yaml</c>). Paths are relative to <c>Connectors:Warehouse:BaseUrl</c>,
/// which includes the API's prefix (e.g. <c>http://localhost:5080/warehouse</c>).
/// </summary>
public interface IWarehouseApi
{
    /// <summary>Opens a return merchandise authorisation: the warehouse expects the parcel.</summary>
    /// <param name="request">Order, customer, lines and reason.</param>
    /// <param name="idempotencyKey">The same key with the same body answers the first result again and opens one RMA.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Post("/rmas")]
    Task<RmaCreated> CreateRmaAsync([Body] CreateRmaRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>An RMA and where it stands (expected, received, inspected with a disposition). 404 for an unknown id.</summary>
    /// <param name="rmaId">The RMA id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Get("/rmas/{rmaId}")]
    Task<Rma> GetRmaAsync(string rmaId, CancellationToken cancellationToken);

    /// <summary>Sends a replacement. 422 <c>OUT_OF_STOCK</c> when stock is short.</summary>
    /// <param name="request">Order, customer, article and quantity.</param>
    /// <param name="idempotencyKey">The same key with the same body answers the first result again and ships once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Post("/reshipments")]
    Task<Reshipment> ReshipAsync([Body] ReshipRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Reserves stock for an order. 422 <c>OUT_OF_STOCK</c> when stock is short.</summary>
    /// <param name="request">Order, article and quantity.</param>
    /// <param name="idempotencyKey">The same key with the same body answers the first result again and reserves once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Post("/reservations")]
    Task<Reservation> ReserveStockAsync([Body] ReserveStockRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Puts a reservation's stock back (releasing it again answers the same and puts nothing back twice). 404 for an unknown reservation.</summary>
    /// <param name="reservationId">The reservation.</param>
    /// <param name="idempotencyKey">The job key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Post("/reservations/{reservationId}/release")]
    Task<StockRelease> ReleaseStockAsync(string reservationId, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Available stock of one article.</summary>
    /// <param name="sku">The article.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Get("/stock/{sku}")]
    Task<StockLevel> GetStockAsync(string sku, CancellationToken cancellationToken);
}
