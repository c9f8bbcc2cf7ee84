using System.Net;
using Orchestrator.Connectors.Common;
using Orchestrator.Connectors.Tests.Support;

namespace Orchestrator.Connectors.Tests.Resilience;

/// <summary>The API key travels in a header and nowhere else: not in logs at any level, not in the exceptions a failed job logs.</summary>
public sealed class SecretLoggingTests : IDisposable
{
    private readonly ConnectorHost _host = new();

    [Fact]
    public async Task The_api_key_appears_in_no_log_line_even_at_trace_level()
    {
        _host.Api.Then(HttpStatusCode.ServiceUnavailable).Then(HttpStatusCode.OK, """{"trackingCode":"TRK-1","status":"InTransit","carrierStatus":"in_transit","events":[]}""");

        await _host.RunAsync("carrier.getTracking", """{"trackingCode":"TRK-1"}""");

        Assert.Contains(_host.Logs.Lines, line => line.Contains("X-Api-Key", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(_host.Logs.Lines, line => line.Contains(ConnectorHost.CarrierKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_exception_of_a_failed_call_does_not_carry_the_request_or_its_key()
    {
        _host.Api.Always(HttpStatusCode.BadGateway, """{"error":"UPSTREAM","message":"carrier down"}""");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _host.RunAsync("carrier.getTracking", """{"trackingCode":"TRK-1"}"""));

        Assert.DoesNotContain(ConnectorHost.CarrierKey, error.ToString(), StringComparison.Ordinal);
        Assert.Null(error.InnerException);
        Assert.DoesNotContain(_host.Logs.Lines, line => line.Contains(ConnectorHost.CarrierKey, StringComparison.Ordinal));
    }

    public void Dispose() => _host.Dispose();
}
