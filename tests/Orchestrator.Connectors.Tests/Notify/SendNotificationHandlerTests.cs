using System.Net;
using Orchestrator.Connectors.Tests.Support;
using Orchestrator.Workers;

namespace Orchestrator.Connectors.Tests.Notify;

/// <summary><c>notify.send</c> against a fake that answers as <c>contracts/notify.openapi.yaml</c> says.</summary>
public sealed class SendNotificationHandlerTests : IDisposable
{
    private readonly ConnectorHost _host = new();

    [Fact]
    public async Task Send_renders_the_template_with_its_data()
    {
        _host.Api.Then(HttpStatusCode.Accepted, """{"messageId":"MSG-1","subject":"Your refund","text":"We refunded 49.90 EUR."}""");

        var result = await _host.RunAsync(
            "notify.send",
            """{"customerId":"C-7","data":{"amount":49.90,"currency":"EUR"}}""",
            new Dictionary<string, string> { ["template"] = "refund-issued", ["language"] = "zh-CN" });

        Assert.Equal("""{"messageId":"MSG-1","subject":"Your refund","text":"We refunded 49.90 EUR."}""", ConnectorHost.Json(result, "notification"));
        Assert.Equal("/notify/messages", _host.Api.Request.PathAndQuery);
        Assert.Equal("""{"customerId":"C-7","channel":"email","template":"refund-issued","language":"zh-CN","data":{"amount":49.9,"currency":"EUR"}}""", _host.Api.Request.Body);
    }

    [Fact]
    public async Task An_unknown_template_is_the_BPMN_error_INVALID_REQUEST()
    {
        _host.Api.Then(HttpStatusCode.BadRequest, """{"error":"UNKNOWN_TEMPLATE","message":"no template 'nope'"}""");

        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("notify.send", """{"customerId":"C-7","template":"nope"}"""));

        Assert.Equal("INVALID_REQUEST", error.ErrorCode);
        Assert.Contains("no template 'nope'", error.Message, StringComparison.Ordinal);
        Assert.Single(_host.Api.Requests);
    }

    [Fact]
    public async Task A_missing_input_is_the_BPMN_error_INVALID_REQUEST_without_a_call()
    {
        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("notify.send", """{"template":"refund-issued"}"""));

        Assert.Equal("INVALID_REQUEST", error.ErrorCode);
        Assert.Contains("customerId", error.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Api.Requests);
    }

    public void Dispose() => _host.Dispose();
}
