using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Connectors.Tests.Support;
using Orchestrator.Workers;

namespace Orchestrator.Connectors.Tests.Warehouse;

/// <summary>The warehouse handlers against a fake that answers as <c>contracts/warehouse.openapi.yaml</c> says.</summary>
public sealed class WarehouseHandlerTests : IDisposable
{
    private readonly ConnectorHost _host = new();

    [Fact]
    public async Task CreateRma_opens_the_RMA_with_its_lines()
    {
        _host.Api.Then(HttpStatusCode.Created, """{"rmaId":"RMA-1","reference":"RMA-2026-000123"}""");

        var result = await _host.RunAsync("warehouse.createRma", """
            {"orderId":"ORD-1","customerId":"C-7","items":[{"sku":"SKU-1","quantity":2}],"reason":"too small"}
            """);

        Assert.Equal("""{"rmaId":"RMA-1","reference":"RMA-2026-000123"}""", ConnectorHost.Json(result, "rma"));
        Assert.Equal("/warehouse/rmas", _host.Api.Request.PathAndQuery);
        Assert.Equal("""{"orderId":"ORD-1","customerId":"C-7","items":[{"sku":"SKU-1","quantity":2}],"reason":"too small"}""", _host.Api.Request.Body);
        Assert.Equal(ConnectorHost.Key, _host.Api.Request.Header("Idempotency-Key"));
        Assert.Equal("warehouse-secret", _host.Api.Request.Header("X-Api-Key"));
    }

    [Fact]
    public async Task ReleaseStock_puts_the_reservation_back()
    {
        _host.Api.Then(HttpStatusCode.OK, """{"reservationId":"RS-1","status":"Released"}""");

        var result = await _host.RunAsync("warehouse.releaseStock", """{"reservationId":"RS-1"}""");

        Assert.Equal("""{"reservationId":"RS-1","status":"Released"}""", ConnectorHost.Json(result, "stockRelease"));
        Assert.Equal(HttpMethod.Post, _host.Api.Request.Method);
        Assert.Equal("/warehouse/reservations/RS-1/release", _host.Api.Request.PathAndQuery);
        Assert.Equal(ConnectorHost.Key, _host.Api.Request.Header("Idempotency-Key"));
    }

    [Fact]
    public async Task GetRma_completes_with_the_inspection_result()
    {
        _host.Api.Then(HttpStatusCode.OK, """{"rmaId":"RMA-1","reference":"RMA-2026-000123","status":"INSPECTED","receivedAt":"2026-05-06T10:00:00Z","disposition":"restock"}""");

        var result = await _host.RunAsync("warehouse.getRma", """{"rmaId":"RMA-1"}""");

        var rma = JsonNode.Parse(ConnectorHost.Json(result, "rma"))!;
        Assert.Equal("INSPECTED", (string?)rma["status"]);
        Assert.Equal("restock", (string?)rma["disposition"]);
        Assert.Null(rma["notes"]);
        Assert.Equal("/warehouse/rmas/RMA-1", _host.Api.Request.PathAndQuery);
    }

    [Fact]
    public async Task Reship_completes_with_the_replacement_shipment()
    {
        _host.Api.Then(HttpStatusCode.Created, """{"shipmentId":"SHP-9","trackingCode":"TRK-9"}""");

        var result = await _host.RunAsync("warehouse.reship", """{"orderId":"ORD-1","customerId":"C-7","sku":"SKU-1","quantity":1}""");

        Assert.Equal("""{"shipmentId":"SHP-9","trackingCode":"TRK-9"}""", ConnectorHost.Json(result, "reshipment"));
        Assert.Equal("""{"orderId":"ORD-1","customerId":"C-7","sku":"SKU-1","quantity":1}""", _host.Api.Request.Body);
    }

    [Fact]
    public async Task Reship_short_of_stock_is_the_BPMN_error_OUT_OF_STOCK()
    {
        _host.Api.Then(HttpStatusCode.UnprocessableEntity, """{"error":"OUT_OF_STOCK","message":"SKU-SOLDOUT: 0 available"}""");

        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("warehouse.reship", """{"orderId":"ORD-1","customerId":"C-7","sku":"SKU-SOLDOUT","quantity":1}"""));

        Assert.Equal("OUT_OF_STOCK", error.ErrorCode);
    }

    [Fact]
    public async Task ReserveStock_completes_with_the_reservation_or_reports_OUT_OF_STOCK()
    {
        _host.Api.Then(HttpStatusCode.Created, """{"reservationId":"RES-1"}""")
            .Then(HttpStatusCode.UnprocessableEntity, """{"error":"OUT_OF_STOCK","message":"only 10"}""");

        var result = await _host.RunAsync("warehouse.reserveStock", """{"orderId":"ORD-1","sku":"SKU-1","quantity":3}""");
        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("warehouse.reserveStock", """{"orderId":"ORD-1","sku":"SKU-1","quantity":11}"""));

        Assert.Equal("""{"reservationId":"RES-1"}""", ConnectorHost.Json(result, "reservation"));
        Assert.Equal("/warehouse/reservations", _host.Api.Requests[0].PathAndQuery);
        Assert.Equal("OUT_OF_STOCK", error.ErrorCode);
    }

    [Fact]
    public async Task A_fractional_quantity_is_the_BPMN_error_INVALID_REQUEST_without_a_call()
    {
        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("warehouse.reserveStock", """{"orderId":"ORD-1","sku":"SKU-1","quantity":1.5}"""));

        Assert.Equal("INVALID_REQUEST", error.ErrorCode);
        Assert.Empty(_host.Api.Requests);
    }

    public void Dispose() => _host.Dispose();
}
