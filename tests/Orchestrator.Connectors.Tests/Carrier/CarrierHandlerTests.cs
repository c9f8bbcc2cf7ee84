using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Connectors.Tests.Support;
using Orchestrator.Workers;

namespace Orchestrator.Connectors.Tests.Carrier;

/// <summary>The carrier handlers against a fake that answers as <c>contracts/carrier.openapi.yaml</c> says.</summary>
public sealed class CarrierHandlerTests : IDisposable
{
    private const string LabelVariables = """
        {
          "orderId": "ORD-1001", "customerId": "C-7",
          "from": {"name": "Ana Lima", "street": "Rua 1", "city": "Lisboa", "postalCode": "1000-001", "country": "PT"},
          "to": {"name": "Returns Centre", "street": "Dock 4", "city": "Venlo", "postalCode": "5928", "country": "NL"},
          "parcel": {"weightKg": 2.5},
          "isReturn": true
        }
        """;

    private readonly ConnectorHost _host = new();

    [Fact]
    public async Task CreateLabel_posts_the_shipment_and_completes_with_the_label()
    {
        _host.Api.Then(HttpStatusCode.Created, """{"shipmentId":"SHP-1","trackingCode":"TRK-1","labelUrl":"http://labels/SHP-1.pdf","status":"Created"}""");

        var result = await _host.RunAsync("carrier.createLabel", LabelVariables);

        Assert.Equal("""{"shipmentId":"SHP-1","trackingCode":"TRK-1","labelUrl":"http://labels/SHP-1.pdf","status":"Created"}""", ConnectorHost.Json(result, "label"));
        var request = _host.Api.Request;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/carrier/shipments", request.PathAndQuery);
        var body = JsonNode.Parse(request.Body!)!;
        Assert.Equal("ORD-1001", (string?)body["orderId"]);
        Assert.True((bool?)body["isReturn"]);
        Assert.Equal(2.5m, (decimal?)body["parcel"]!["weightKg"]);
        Assert.Equal("1000-001", (string?)body["from"]!["postalCode"]);
    }

    [Fact]
    public async Task Every_call_sends_the_job_key_as_idempotency_key_and_the_api_key()
    {
        _host.Api.Then(HttpStatusCode.Created, """{"shipmentId":"SHP-1","trackingCode":"TRK-1","labelUrl":"u","status":"Created"}""");

        await _host.RunAsync("carrier.createLabel", LabelVariables);

        Assert.Equal(ConnectorHost.Key, _host.Api.Request.Header("Idempotency-Key"));
        Assert.Equal(ConnectorHost.CarrierKey, _host.Api.Request.Header("X-Api-Key"));
    }

    [Fact]
    public async Task A_task_header_isReturn_wins_over_a_variable_of_that_name()
    {
        _host.Api.Then(HttpStatusCode.Created, """{"shipmentId":"SHP-1","trackingCode":"TRK-1","labelUrl":"u","status":"Created"}""");

        await _host.RunAsync("carrier.createLabel", LabelVariables, new Dictionary<string, string> { ["isReturn"] = "false" });

        Assert.False((bool?)JsonNode.Parse(_host.Api.Request.Body!)!["isReturn"]);
    }

    [Fact]
    public async Task CreateLabel_rejected_by_the_carrier_is_the_BPMN_error_LABEL_REJECTED()
    {
        _host.Api.Then(HttpStatusCode.UnprocessableEntity, """{"error":"LABEL_REJECTED","message":"parcel weighs 31 kg, at most 30"}""");

        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("carrier.createLabel", LabelVariables));

        Assert.Equal("LABEL_REJECTED", error.ErrorCode);
        Assert.Equal("parcel weighs 31 kg, at most 30", error.Message);
        Assert.Single(_host.Api.Requests);
    }

    [Fact]
    public async Task SchedulePickup_books_the_pickup()
    {
        _host.Api.Then(HttpStatusCode.Created, """{"pickupId":"PU-1","shipmentId":"SHP-1","date":"2026-05-04","window":"09:00-13:00"}""");

        var result = await _host.RunAsync("carrier.schedulePickup", """{"shipmentId":"SHP-1","date":"2026-05-04"}""");

        Assert.Equal("""{"pickupId":"PU-1","shipmentId":"SHP-1","date":"2026-05-04","window":"09:00-13:00"}""", ConnectorHost.Json(result, "pickup"));
        Assert.Equal("/carrier/pickups", _host.Api.Request.PathAndQuery);
        Assert.Equal("""{"shipmentId":"SHP-1","date":"2026-05-04"}""", _host.Api.Request.Body);
    }

    [Fact]
    public async Task SchedulePickup_on_a_Sunday_is_the_BPMN_error_PICKUP_UNAVAILABLE()
    {
        _host.Api.Then(HttpStatusCode.UnprocessableEntity, """{"error":"PICKUP_UNAVAILABLE","message":"no pickups on Sundays"}""");

        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("carrier.schedulePickup", """{"shipmentId":"SHP-1","date":"2026-05-03"}"""));

        Assert.Equal("PICKUP_UNAVAILABLE", error.ErrorCode);
    }

    [Fact]
    public async Task VoidLabel_voids_the_shipment_s_label_and_a_used_label_is_the_BPMN_error_LABEL_IN_USE()
    {
        _host.Api.Then(HttpStatusCode.OK, """{"shipmentId":"SHP-1","status":"Voided"}""");
        _host.Api.Then(HttpStatusCode.UnprocessableEntity, """{"error":"LABEL_IN_USE","message":"the carrier already has the parcel"}""");

        var result = await _host.RunAsync("carrier.voidLabel", """{"shipmentId":"SHP-1"}""");
        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("carrier.voidLabel", """{"shipmentId":"SHP-2"}"""));

        Assert.Equal("""{"shipmentId":"SHP-1","status":"Voided"}""", ConnectorHost.Json(result, "labelVoid"));
        Assert.Equal(HttpMethod.Post, _host.Api.Requests[0].Method);
        Assert.Equal("/carrier/shipments/SHP-1/void", _host.Api.Requests[0].PathAndQuery);
        Assert.Equal(ConnectorHost.Key, _host.Api.Requests[0].Header("Idempotency-Key"));
        Assert.Equal("LABEL_IN_USE", error.ErrorCode);
    }

    [Fact]
    public async Task CancelPickup_cancels_the_pickup_and_an_unknown_one_is_NOT_FOUND()
    {
        _host.Api.Then(HttpStatusCode.OK, """{"pickupId":"PU-1","status":"Cancelled"}""");
        _host.Api.Then(HttpStatusCode.NotFound, """{"error":"NOT_FOUND","message":"no pickup PU-9"}""");

        var result = await _host.RunAsync("carrier.cancelPickup", """{"pickupId":"PU-1"}""");
        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("carrier.cancelPickup", """{"pickupId":"PU-9"}"""));

        Assert.Equal("""{"pickupId":"PU-1","status":"Cancelled"}""", ConnectorHost.Json(result, "pickupCancellation"));
        Assert.Equal("/carrier/pickups/PU-1/cancel", _host.Api.Requests[0].PathAndQuery);
        Assert.Equal("NOT_FOUND", error.ErrorCode);
    }

    [Fact]
    public async Task GetTracking_completes_with_the_tracker()
    {
        _host.Api.Then(HttpStatusCode.OK, """
            {"trackingCode":"TRK-1","status":"OutForDelivery","carrierStatus":"out_for_delivery",
             "events":[{"status":"Created","carrierStatus":"pre_transit","at":"2026-05-04T08:00:00Z"},
                       {"status":"OutForDelivery","carrierStatus":"out_for_delivery","at":"2026-05-05T06:00:00Z"}]}
            """);

        var result = await _host.RunAsync("carrier.getTracking", """{"trackingCode":"TRK-1"}""");

        var tracking = JsonNode.Parse(ConnectorHost.Json(result, "tracking"))!;
        Assert.Equal("OutForDelivery", (string?)tracking["status"]);
        Assert.Equal(2, tracking["events"]!.AsArray().Count);
        Assert.Equal(HttpMethod.Get, _host.Api.Request.Method);
        Assert.Equal("/carrier/trackers/TRK-1", _host.Api.Request.PathAndQuery);
        Assert.Null(_host.Api.Request.Header("Idempotency-Key"));
    }

    [Fact]
    public async Task GetTracking_normalises_the_carrier_status_when_the_answer_has_no_normalised_one()
    {
        _host.Api.Then(HttpStatusCode.OK, """{"trackingCode":"TRK-1","carrierStatus":"FAILURE/package_lost","events":[]}""");

        var result = await _host.RunAsync("carrier.getTracking", """{"trackingCode":"TRK-1"}""", new Dictionary<string, string> { ["provider"] = "shippo" });

        Assert.Equal("Lost", (string?)JsonNode.Parse(ConnectorHost.Json(result, "tracking"))!["status"]);
    }

    [Fact]
    public async Task GetTracking_of_an_unknown_code_is_the_BPMN_error_NOT_FOUND()
    {
        _host.Api.Then(HttpStatusCode.NotFound, """{"error":"NOT_FOUND","message":"no shipment TRK-404"}""");

        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("carrier.getTracking", """{"trackingCode":"TRK-404"}"""));

        Assert.Equal("NOT_FOUND", error.ErrorCode);
        Assert.Single(_host.Api.Requests);
    }

    [Fact]
    public async Task SubscribeTracking_registers_the_configured_callback_when_the_job_names_none()
    {
        _host.Api.Then(HttpStatusCode.Created, """{"subscriptionId":"SUB-1"}""");

        var result = await _host.RunAsync("carrier.subscribeTracking", """{"trackingCode":"TRK-1"}""");

        Assert.Equal("""{"subscriptionId":"SUB-1"}""", ConnectorHost.Json(result, "trackingSubscription"));
        Assert.Equal("/carrier/trackers/TRK-1/subscriptions", _host.Api.Request.PathAndQuery);
        Assert.Equal("""{"callbackUrl":"http://orchestrator.test/webhooks/carrier"}""", _host.Api.Request.Body);
    }

    [Fact]
    public async Task FileClaim_files_the_claim()
    {
        _host.Api.Then(HttpStatusCode.Created, """{"claimId":"CLM-1","status":"APPROVED","amount":120.50}""");

        var result = await _host.RunAsync("carrier.fileClaim", """{"trackingCode":"TRK-1","reason":"lost","amount":120.50,"currency":"EUR"}""");

        Assert.Equal("""{"claimId":"CLM-1","status":"APPROVED","amount":120.5}""", ConnectorHost.Json(result, "claim"));
        Assert.Equal("""{"trackingCode":"TRK-1","reason":"lost","amount":120.50,"currency":"EUR"}""", _host.Api.Request.Body);
    }

    [Fact]
    public async Task FileClaim_denied_is_the_BPMN_error_CLAIM_DENIED()
    {
        _host.Api.Then(HttpStatusCode.UnprocessableEntity, """{"error":"CLAIM_DENIED","message":"the parcel was delivered"}""");

        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("carrier.fileClaim", """{"trackingCode":"TRK-1","reason":"lost","amount":10,"currency":"EUR"}"""));

        Assert.Equal("CLAIM_DENIED", error.ErrorCode);
    }

    public void Dispose() => _host.Dispose();
}
