namespace Orchestrator.Connectors.Common;

/// <summary>The BPMN error codes the connector handlers throw; a model catches them with error boundary events.</summary>
public static class ConnectorErrorCodes
{
    /// <summary>The request could not be built from the job (a missing or malformed input) or the API answered 400.</summary>
    public const string InvalidRequest = "INVALID_REQUEST";

    /// <summary>The API answered 404: the shipment, tracking code or RMA it names does not exist.</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>Carrier: the label was refused (too heavy, an incomplete address).</summary>
    public const string LabelRejected = "LABEL_REJECTED";

    /// <summary>Carrier: no pickup that day.</summary>
    public const string PickupUnavailable = "PICKUP_UNAVAILABLE";

    /// <summary>Carrier: the claim was denied (the parcel was delivered, or the amount is too high).</summary>
    public const string ClaimDenied = "CLAIM_DENIED";

    /// <summary>Warehouse: not enough stock to reship or reserve.</summary>
    public const string OutOfStock = "OUT_OF_STOCK";

    /// <summary>Payment: the refund was declined.</summary>
    public const string RefundDeclined = "REFUND_DECLINED";

    /// <summary>Payment: the provider refused to reverse the refund.</summary>
    public const string ReversalDeclined = "REVERSAL_DECLINED";

    /// <summary>Payment: the refund was reversed before (by another job); a 409 answer.</summary>
    public const string AlreadyReversed = "ALREADY_REVERSED";
}
