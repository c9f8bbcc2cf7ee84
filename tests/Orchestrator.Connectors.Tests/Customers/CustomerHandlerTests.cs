using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Connectors.Tests.Support;
using Orchestrator.Workers;

namespace Orchestrator.Connectors.Tests.Customers;

/// <summary><c>customers.get</c> and <c>customers.lowerTrust</c> against a fake that answers as <c>contracts/customers.openapi.yaml</c> says.</summary>
public sealed class CustomerHandlerTests : IDisposable
{
    private readonly ConnectorHost _host = new();

    [Fact]
    public async Task GetCustomer_completes_with_the_customer()
    {
        _host.Api.Then(HttpStatusCode.OK, """
            {"customerId":"C-VIP-DE-1","name":"Customer C-VIP-DE-1","tier":"VIP","trustLevel":"normal","trustScore":55,"language":"de","preferredChannel":"app","country":"DE"}
            """);

        var result = await _host.RunAsync("customers.get", """{"customerId":"C-VIP-DE-1"}""");

        Assert.Equal(
            """{"customerId":"C-VIP-DE-1","name":"Customer C-VIP-DE-1","tier":"VIP","trustLevel":"normal","trustScore":55,"language":"de","preferredChannel":"app","country":"DE"}""",
            ConnectorHost.Json(result, "customer"));
        Assert.Equal(HttpMethod.Get, _host.Api.Request.Method);
        Assert.Equal("/customers/customers/C-VIP-DE-1", _host.Api.Request.PathAndQuery);
        Assert.Equal("customers-secret", _host.Api.Request.Header("X-Api-Key"));
    }

    [Fact]
    public async Task An_unknown_customer_is_the_BPMN_error_NOT_FOUND()
    {
        _host.Api.Then(HttpStatusCode.NotFound, """{"error":"NOT_FOUND","message":"no customer C-UNKNOWN"}""");

        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("customers.get", """{"customerId":"C-UNKNOWN"}"""));

        Assert.Equal("NOT_FOUND", error.ErrorCode);
    }

    [Fact]
    public async Task LowerTrust_posts_a_trust_event_with_the_default_penalty_and_the_job_s_key()
    {
        _host.Api.Then(HttpStatusCode.OK, """{"customerId":"C-1","trustLevel":"low","trustScore":25}""");

        var result = await _host.RunAsync("customers.lowerTrust", """{"customerId":"C-1","orderId":"ORD-1","reason":"refund-clawback"}""");

        Assert.Equal("""{"customerId":"C-1","trustLevel":"low","trustScore":25}""", ConnectorHost.Json(result, "trust"));
        Assert.Equal(HttpMethod.Post, _host.Api.Request.Method);
        Assert.Equal("/customers/customers/C-1/trust-events", _host.Api.Request.PathAndQuery);
        Assert.Equal("""{"reason":"refund-clawback","orderId":"ORD-1","penalty":30}""", _host.Api.Request.Body);
        Assert.Equal(ConnectorHost.Key, _host.Api.Request.Header("Idempotency-Key"));
        Assert.Equal("customers-secret", _host.Api.Request.Header("X-Api-Key"));
    }

    [Fact]
    public async Task LowerTrust_takes_the_penalty_from_a_header_over_a_variable()
    {
        _host.Api.Then(HttpStatusCode.OK, """{"customerId":"C-1","trustLevel":"normal","trustScore":45}""");

        await _host.RunAsync(
            "customers.lowerTrust",
            """{"customerId":"C-1","orderId":"ORD-1","reason":"refund-clawback","penalty":50}""",
            new Dictionary<string, string> { ["penalty"] = "10" });

        var body = JsonNode.Parse(_host.Api.Request.Body!)!;
        Assert.Equal(10, (int?)body["penalty"]);
    }

    [Theory]
    [InlineData("""{"customerId":"C-1","orderId":"ORD-1","reason":"refund-clawback","penalty":12.5}""")]
    [InlineData("""{"customerId":"C-1","orderId":"ORD-1"}""")]
    public async Task LowerTrust_with_a_malformed_or_missing_input_is_INVALID_REQUEST_without_a_call(string variables)
    {
        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("customers.lowerTrust", variables));

        Assert.Equal("INVALID_REQUEST", error.ErrorCode);
        Assert.Empty(_host.Api.Requests);
    }

    [Fact]
    public async Task LowerTrust_for_an_unknown_customer_is_NOT_FOUND()
    {
        _host.Api.Then(HttpStatusCode.NotFound, """{"error":"NOT_FOUND","message":"no customer C-UNKNOWN"}""");

        var error = await Assert.ThrowsAsync<BpmnErrorException>(() =>
            _host.RunAsync("customers.lowerTrust", """{"customerId":"C-UNKNOWN","orderId":"ORD-1","reason":"refund-clawback","penalty":5}"""));

        Assert.Equal("NOT_FOUND", error.ErrorCode);
        Assert.Equal("/customers/customers/C-UNKNOWN/trust-events", _host.Api.Request.PathAndQuery);
    }

    public void Dispose() => _host.Dispose();
}
