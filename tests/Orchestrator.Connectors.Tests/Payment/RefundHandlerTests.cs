using System.Net;
using Orchestrator.Connectors.Tests.Support;
using Orchestrator.Workers;

namespace Orchestrator.Connectors.Tests.Payment;

/// <summary><c>payment.refund</c> and <c>payment.reverseRefund</c> against a fake that answers as <c>contracts/payment.openapi.yaml</c> says.</summary>
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

    [Fact]
    public async Task ReverseRefund_takes_the_refund_back_with_the_job_s_key()
    {
        _host.Api.Then(HttpStatusCode.OK, """{"reversalId":"RV-1","refundId":"RF-1","orderId":"ORD-1","amount":49.90,"currency":"EUR","status":"reversed"}""");

        var result = await _host.RunAsync("payment.reverseRefund", """{"refundId":"RF-1","reason":"return-not-received"}""");

        Assert.Equal("""{"reversalId":"RV-1","refundId":"RF-1","orderId":"ORD-1","amount":49.9,"currency":"EUR","status":"reversed"}""", ConnectorHost.Json(result, "refundReversal"));
        Assert.Equal(HttpMethod.Post, _host.Api.Request.Method);
        Assert.Equal("/payment/refunds/RF-1/reversal", _host.Api.Request.PathAndQuery);
        Assert.Equal("""{"reason":"return-not-received"}""", _host.Api.Request.Body);
        Assert.Equal(ConnectorHost.Key, _host.Api.Request.Header("Idempotency-Key"));
        Assert.Equal("payment-secret", _host.Api.Request.Header("X-Api-Key"));
    }

    [Theory]
    [InlineData(HttpStatusCode.UnprocessableEntity, """{"error":"REVERSAL_DECLINED","message":"the provider refused"}""", "REVERSAL_DECLINED")]
    [InlineData(HttpStatusCode.Conflict, """{"error":"ALREADY_REVERSED","message":"RF-1 was reversed by RV-7"}""", "ALREADY_REVERSED")]
    [InlineData(HttpStatusCode.NotFound, """{"error":"NOT_FOUND","message":"no refund RF-1"}""", "NOT_FOUND")]
    public async Task A_refused_reversal_is_a_BPMN_error_and_is_not_retried(HttpStatusCode status, string answer, string code)
    {
        _host.Api.Always(status, answer);

        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("payment.reverseRefund", """{"refundId":"RF-1","reason":"return-not-received"}"""));

        Assert.Equal(code, error.ErrorCode);
        Assert.Single(_host.Api.Requests);
    }

    [Fact]
    public async Task A_reversal_without_a_reason_is_INVALID_REQUEST_without_a_call()
    {
        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("payment.reverseRefund", """{"refundId":"RF-1"}"""));

        Assert.Equal("INVALID_REQUEST", error.ErrorCode);
        Assert.Empty(_host.Api.Requests);
    }

    public void Dispose() => _host.Dispose();
}
