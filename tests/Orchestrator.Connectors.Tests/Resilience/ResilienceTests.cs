using System.Net;
using Orchestrator.Connectors.Common;
using Orchestrator.Connectors.Tests.Support;
using Orchestrator.Workers;

namespace Orchestrator.Connectors.Tests.Resilience;

/// <summary>Transient failures are retried by the standard resilience handler (POSTs too: they are idempotent by key); others are not.</summary>
public sealed class ResilienceTests : IDisposable
{
    private const string Refund = """{"orderId":"ORD-1","customerId":"C-7","amount":10,"currency":"EUR"}""";
    private const string Refunded = """{"refundId":"RF-1","status":"SUCCEEDED","amount":10,"method":"original"}""";

    private readonly ConnectorHost _host = new();

    [Fact]
    public async Task Two_503s_then_201_succeeds_with_the_same_idempotency_key_each_time()
    {
        _host.Api.Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.Created, Refunded);

        var result = await _host.RunAsync("payment.refund", Refund);

        Assert.Equal(Refunded, ConnectorHost.Json(result, "refund"));
        Assert.Equal(3, _host.Api.Requests.Count);
        Assert.All(_host.Api.Requests, r => Assert.Equal(ConnectorHost.Key, r.Header("Idempotency-Key")));
        Assert.Single(_host.Api.Requests.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task A_429_is_retried()
    {
        _host.Api.Then(HttpStatusCode.TooManyRequests).Then(HttpStatusCode.OK, """{"rmaId":"RMA-1","reference":"R","status":"EXPECTED"}""");

        await _host.RunAsync("warehouse.getRma", """{"rmaId":"RMA-1"}""");

        Assert.Equal(2, _host.Api.Requests.Count);
    }

    [Fact]
    public async Task Always_503_fails_the_job_after_the_retries_with_a_plain_exception()
    {
        _host.Api.Always(HttpStatusCode.ServiceUnavailable);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _host.RunAsync("payment.refund", Refund));

        Assert.Equal(4, _host.Api.Requests.Count);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Contains("/payment/refunds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_500_without_a_body_after_the_retries_is_not_a_BPMN_error()
    {
        _host.Api.Always(HttpStatusCode.InternalServerError);

        var error = await Record.ExceptionAsync(() => _host.RunAsync("warehouse.getRma", """{"rmaId":"RMA-1"}"""));

        Assert.IsType<ConnectorException>(error);
        Assert.IsNotType<BpmnErrorException>(error);
    }

    [Theory]
    [InlineData(HttpStatusCode.UnprocessableEntity, """{"error":"REFUND_DECLINED","message":"no"}""")]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"BAD","message":"amount must be positive"}""")]
    [InlineData(HttpStatusCode.NotFound, null)]
    [InlineData(HttpStatusCode.Unauthorized, null)]
    public async Task Answers_that_retrying_cannot_change_are_not_retried(HttpStatusCode status, string? body)
    {
        _host.Api.Always(status, body);

        await Assert.ThrowsAnyAsync<Exception>(() => _host.RunAsync("payment.refund", Refund));

        Assert.Single(_host.Api.Requests);
    }

    [Fact]
    public async Task A_wrong_api_key_fails_the_job_for_an_operator_to_fix()
    {
        _host.Api.Always(HttpStatusCode.Unauthorized);

        await Assert.ThrowsAsync<ConnectorException>(() => _host.RunAsync("payment.refund", Refund));
    }

    public void Dispose() => _host.Dispose();
}
