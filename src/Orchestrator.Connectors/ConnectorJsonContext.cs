using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Connectors.Carrier;
using Orchestrator.Connectors.Common;
using Orchestrator.Connectors.Customers;
using Orchestrator.Connectors.Notify;
using Orchestrator.Connectors.Orders;
using Orchestrator.Connectors.Payment;
using Orchestrator.Connectors.Warehouse;

namespace Orchestrator.Connectors;

/// <summary>
/// System.Text.Json metadata for every request and response of the six APIs, generated at compile time:
/// Refit serialises through it (no reflection), and the handlers use it to turn job variables into requests
/// and responses into variables. camelCase, nulls left out.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(CreateShipmentRequest))]
[JsonSerializable(typeof(Shipment))]
[JsonSerializable(typeof(SchedulePickupRequest))]
[JsonSerializable(typeof(Pickup))]
[JsonSerializable(typeof(LabelVoid))]
[JsonSerializable(typeof(PickupCancellation))]
[JsonSerializable(typeof(Tracker))]
[JsonSerializable(typeof(SubscribeTrackingRequest))]
[JsonSerializable(typeof(TrackingSubscription))]
[JsonSerializable(typeof(FileClaimRequest))]
[JsonSerializable(typeof(Claim))]
[JsonSerializable(typeof(CreateRmaRequest))]
[JsonSerializable(typeof(IReadOnlyList<RmaItem>))]
[JsonSerializable(typeof(RmaCreated))]
[JsonSerializable(typeof(Rma))]
[JsonSerializable(typeof(ReshipRequest))]
[JsonSerializable(typeof(Reshipment))]
[JsonSerializable(typeof(ReserveStockRequest))]
[JsonSerializable(typeof(Reservation))]
[JsonSerializable(typeof(StockRelease))]
[JsonSerializable(typeof(StockLevel))]
[JsonSerializable(typeof(RefundRequest))]
[JsonSerializable(typeof(Refund))]
[JsonSerializable(typeof(IReadOnlyList<Refund>))]
[JsonSerializable(typeof(RefundReversalRequest))]
[JsonSerializable(typeof(RefundReversal))]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(SentMessage))]
[JsonSerializable(typeof(IReadOnlyList<SentMessage>))]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(Customer))]
[JsonSerializable(typeof(TrustEventRequest))]
[JsonSerializable(typeof(CustomerTrust))]
internal sealed partial class ConnectorJsonContext : JsonSerializerContext;
