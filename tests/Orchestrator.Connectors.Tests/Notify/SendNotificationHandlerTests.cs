using System.Net;
using Orchestrator.Connectors.Notify;
using Orchestrator.Connectors.Tests.Support;
using Orchestrator.Workers;

namespace Orchestrator.Connectors.Tests.Notify;

/// <summary><c>notify.send</c> renders from a catalogue and posts the finished message to a fake that answers as <c>contracts/notify.openapi.yaml</c> says.</summary>
public sealed class SendNotificationHandlerTests : IDisposable
{
    private const string Sent = """{"messageId":"MSG-1","customerId":"C-7","channel":"email","template":"refund-issued","language":"de","subject":"s","body":"b","trackingUrl":null,"sentAt":"2026-12-01T08:00:00+00:00"}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("catalogue-").FullName;
    private readonly ConnectorHost _host;

    public SendNotificationHandlerTests()
    {
        Write("refund-issued", "en", "subject: Refund for {{ orderId }}\n\nAmount: {{ amount }}\n{{ if trackingUrl = null then \"\" else \"Follow your case: \" + trackingUrl }}");
        Write("refund-issued", "de", "subject: Erstattung zu {{ orderId }}\n\nBetrag: {{ amount }}\n{{ if trackingUrl = null then \"\" else \"Stand: \" + trackingUrl }}");
        Write("broken", "en", "subject: Broken\n\n{{ \"EUR \" + amount }}");
        _host = new ConnectorHost(new Dictionary<string, string?>
        {
            ["Notifications:Path"] = _folder,
            ["Notifications:TrackingBaseUrl"] = "http://shop.test/",
        });
    }

    [Fact]
    public async Task Send_posts_the_message_rendered_in_the_customer_s_language_with_the_tracking_link()
    {
        // Arrange
        _host.Api.Then(HttpStatusCode.Accepted, Sent);

        // Act
        var result = await _host.RunAsync(
            "notify.send",
            """{"customerId":"C-7","trackingToken":"tok-1","data":{"orderId":"O-1","amount":49.90}}""",
            new Dictionary<string, string> { ["template"] = "refund-issued", ["language"] = "de" });

        // Assert
        Assert.Equal("/notify/messages", _host.Api.Request.PathAndQuery);
        Assert.Equal(
            """{"customerId":"C-7","channel":"email","template":"refund-issued","language":"de","subject":"Erstattung zu O-1","body":"Betrag: 49.9\nStand: http://shop.test/track/tok-1","trackingUrl":"http://shop.test/track/tok-1"}""",
            _host.Api.Request.Body);
        Assert.Equal(
            """{"messageId":"MSG-1","customerId":"C-7","channel":"email","template":"refund-issued","language":"de","subject":"s","body":"b","sentAt":"2026-12-01T08:00:00+00:00"}""",
            ConnectorHost.Json(result, "notification"));
    }

    [Fact]
    public async Task A_language_without_a_file_is_sent_in_en_and_a_case_without_a_token_without_a_link()
    {
        // Arrange
        _host.Api.Then(HttpStatusCode.Accepted, Sent);

        // Act
        await _host.RunAsync("notify.send", """{"customerId":"C-7","template":"refund-issued","language":"th","channel":"sms","data":{"orderId":"O-1","amount":5}}""");

        // Assert
        Assert.Equal(
            """{"customerId":"C-7","channel":"sms","template":"refund-issued","language":"en","subject":"Refund for O-1","body":"Amount: 5","trackingUrl":null}""",
            _host.Api.Request.Body);
    }

    [Fact]
    public async Task Without_a_public_base_url_no_link_is_sent_even_with_a_token()
    {
        // Arrange
        using var host = new ConnectorHost(new Dictionary<string, string?> { ["Notifications:Path"] = _folder });
        host.Api.Then(HttpStatusCode.Accepted, Sent);

        // Act
        await host.RunAsync("notify.send", """{"customerId":"C-7","template":"refund-issued","trackingToken":"tok-1","data":{"orderId":"O-1","amount":5}}""");

        // Assert
        Assert.EndsWith("\"trackingUrl\":null}", host.Api.Request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_template_is_the_BPMN_error_INVALID_REQUEST_without_a_call()
    {
        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("notify.send", """{"customerId":"C-7","template":"nope"}"""));

        Assert.Equal("INVALID_REQUEST", error.ErrorCode);
        Assert.Contains("has no template 'nope'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Api.Requests);
    }

    [Fact]
    public async Task A_message_that_does_not_render_fails_the_job_without_a_call()
    {
        var error = await Assert.ThrowsAsync<NotificationTemplateException>(() => _host.RunAsync("notify.send", """{"customerId":"C-7","template":"broken","data":{"amount":5}}"""));

        Assert.Contains("notification template 'broken' (en,", error.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Api.Requests);
    }

    [Fact]
    public async Task A_missing_input_is_the_BPMN_error_INVALID_REQUEST_without_a_call()
    {
        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("notify.send", """{"template":"refund-issued"}"""));

        Assert.Equal("INVALID_REQUEST", error.ErrorCode);
        Assert.Contains("customerId", error.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Api.Requests);
    }

    [Fact]
    public async Task Data_that_is_not_a_context_is_the_BPMN_error_INVALID_REQUEST()
    {
        var error = await Assert.ThrowsAsync<BpmnErrorException>(() => _host.RunAsync("notify.send", """{"customerId":"C-7","template":"refund-issued","data":[1]}"""));

        Assert.Equal("INVALID_REQUEST", error.ErrorCode);
        Assert.Contains("'data' must be a context", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _host.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private void Write(string template, string language, string text) =>
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(_folder, template)).FullName, language + ".txt"), text);
}
