using System.Net;
using Orchestrator.Connectors.Tests.Support;
using Orchestrator.Workers;

namespace Orchestrator.Connectors.Tests.Payment;

/// <summary><c>payment.refund</c> against a fake that answers as <c>contracts/payment.openapi.yaml</c> says.</summary>
public sealed class RefundHandlerTests : IDisposable
{
    private readonly ConnectorHost _host = new();

    [Fact]
    public async Task Refund_pays_back_to_the_original_method_by_default()
    {
        _host.Api.Then(HttpStatusCode.Created, """{"refundId":"RF-1","status":"SUCCEEDED","amount":49.90,"method":"original"}""");

        var result = await _host.RunAsync("payment.refund", """{"orderId":"ORD-1","customerId":"C-7","amount":49.90,"currency":"EUR","reason":"return"}""");

        Assert.Equal("""{"refundId":"RF-1","status":"SUCCEEDED","amount":49.9,"method":"original"}""", ConnectorHost.Json(result, "refund"));
        Assert.Equal("/payment/refunds", _host.Api.Request.PathAndQuery);
        Assert.Equal("""{"orderId":"ORD-1","customerId":"C-7","amount":49.90,"currency":"EUR","method":"original","reason":"return"}""", _host.Api.Request.Body);
        Assert.Equal(ConnectorHost.Key, _host.Api.Request.Header("Idempotency-Key"));
        Assert.Equal("payment-secret", _host.Api.Request.Header("X-Api-Key"));
    }

    [Fact]
    public async Task A_declined_refund_is_the_BPMN_error_REFUND_DECLINED()
    {
        _host.Api.Then(HttpStatusCode.UnprocessableEntity, """{"error":"REFUND_DECLINED","message":"amount above 2000"}""");

        var error = await Assert.ThrowsAsync<BpmnErrorException>(() =>
            _host.RunAsync("payment.refund", """{"orderId":"ORD-1","customerId":"C-7","amount":2500,"currency":"EUR"}""", new Dictionary<string, string> { ["method"] = "store_credit" }));

        Assert.Equal("REFUND_DECLINED", error.ErrorCode);
        Assert.Contains("\"method\":\"store_credit\"", _host.Api.Request.Body, StringComparison.Ordinal);
    }

    public void Dispose() => _host.Dispose();
}
