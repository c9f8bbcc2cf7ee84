using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Connectors.Tests.Support;
using Orchestrator.Workers;

namespace Orchestrator.Connectors.Tests.Orders;

/// <summary><c>orders.get</c> against a fake that answers as <c>contracts/orders.openapi.yaml</c> says.</summary>
public sealed class GetOrderHandlerTests : IDisposable
{
    private const string Undelivered = """
        {"orderId":"ORD-TH-1","customerId":"CUST-ORD-TH-1","channel":"app","country":"TH","currency":"THB","orderValue":1500.00,"paidAmount":1425.50,
         "placedAt":"2026-12-01T08:00:00Z","deliveredAt":null,
         "lines":[{"sku":"SKU-EARBUDS","name":"Wireless earbuds","category":"electronics","quantity":2,"unitPrice":750.00,"paidAmount":1425.50,"supplier":"Shenzhen Sound Co."}]}
        """;

    private readonly ConnectorHost _host = new();

    [Fact]
    public async Task GetOrder_completes_with_the_order_and_keeps_an_absent_delivery_as_null()
    {
        _host.Api.Then(HttpStatusCode.OK, Undelivered);

        var result = await _host.RunAsync("orders.get", """{"orderId":"ORD-TH-1"}""");

        var order = JsonNode.Parse(ConnectorHost.Json(result, "order"))!.AsObject();
        Assert.Equal("CUST-ORD-TH-1", (string?)order["customerId"]);
        Assert.Equal("THB", (string?)order["currency"]);
        Assert.Equal(1425.5m, (decimal?)order["paidAmount"]);
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse((string)order["placedAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(order.ContainsKey("deliveredAt"));
        Assert.Null(order["deliveredAt"]);
        var line = Assert.Single(order["lines"]!.AsArray())!;
        Assert.Equal("electronics", (string?)line["category"]);
        Assert.Equal(2, (int?)line["quantity"]);
        Assert.Equal("Shenzhen Sound Co.", (string?)line["supplier"]);
        Assert.Equal(HttpMethod.Get, _host.Api.Request.Method);
        Assert.Equal("/orders/orders/ORD-TH-1", _host.Api.Request.PathAndQuery);
        Assert.Equal("orders-secret", _host.Api.Request.Header("X-Api-Key"));
        Assert.Null(_host.Api.Request.Body);
    }

    [Fact]
    public async Task An_unknown_order_is_the_BPMN_error_NOT_FOUND()
    {
        _host.Api.Then(HttpStatusCode.NotFound, """{"error":"NOT_FOUND","message":"no order ORD-UNKNOWN-1"}""");

        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("orders.get", """{"orderId":"ORD-UNKNOWN-1"}"""));

        Assert.Equal("NOT_FOUND", error.ErrorCode);
        Assert.Contains("no order ORD-UNKNOWN-1", error.Message, StringComparison.Ordinal);
        Assert.Single(_host.Api.Requests);
    }

    [Fact]
    public async Task A_missing_order_id_is_INVALID_REQUEST_without_a_call()
    {
        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("orders.get", "{}"));

        Assert.Equal("INVALID_REQUEST", error.ErrorCode);
        Assert.Empty(_host.Api.Requests);
    }

    public void Dispose() => _host.Dispose();
}
