using System.Net;
using System.Net.Http.Json;

namespace Orchestrator.Simulators.Tests;

/// <summary><c>POST /payment/refunds/{refundId}/reversal</c>: once per refund, replayed by key, refused by the provider for <c>NOREVERSAL</c> orders.</summary>
public sealed class RefundReversalTests : IAsyncLifetime
{
    private static readonly object Reason = new { reason = "return-not-received" };

    private SimulatorHost _host = null!;

    public async Task InitializeAsync() => _host = await SimulatorHost.StartAsync(new Dictionary<string, string?>());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_refund_is_reversed_once_its_key_replays_and_another_key_is_409()
    {
        var refundId = await Refund("ORD-REV-1", 49.90m);

        var reversed = await SimulatorHost.Json(await _host.Post($"/payment/refunds/{refundId}/reversal", Reason, "job-1"), HttpStatusCode.OK);
        var replayed = await SimulatorHost.Json(await _host.Post($"/payment/refunds/{refundId}/reversal", Reason, "job-1"), HttpStatusCode.OK);
        var again = await SimulatorHost.Json(await _host.Post($"/payment/refunds/{refundId}/reversal", Reason, "job-2"), HttpStatusCode.Conflict);
        var state = await _host.Get("/_sim/state");

        Assert.Equal(refundId, (string?)reversed["refundId"]);
        Assert.Equal("ORD-REV-1", (string?)reversed["orderId"]);
        Assert.Equal(49.90m, (decimal)reversed["amount"]!);
        Assert.Equal("EUR", (string?)reversed["currency"]);
        Assert.Equal("reversed", (string?)reversed["status"]);
        Assert.StartsWith("RV-", (string?)reversed["reversalId"], StringComparison.Ordinal);
        Assert.Equal(reversed.ToJsonString(), replayed.ToJsonString());
        Assert.Equal("ALREADY_REVERSED", (string?)again["error"]);
        Assert.Single(state["world"]!["reversals"]!.AsArray());
    }

    [Fact]
    public async Task An_unknown_refund_is_404_a_bad_body_400_and_a_NOREVERSAL_order_422()
    {
        var refundId = await Refund("ORD-NOREVERSAL-1", 10m);

        var unknown = await SimulatorHost.Json(await _host.Post("/payment/refunds/RF-NOPE/reversal", Reason), HttpStatusCode.NotFound);
        var noReason = await SimulatorHost.Json(await _host.Post($"/payment/refunds/{refundId}/reversal", new { }), HttpStatusCode.BadRequest);
        var declined = await SimulatorHost.Json(await _host.Post($"/payment/refunds/{refundId}/reversal", Reason), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("NOT_FOUND", (string?)unknown["error"]);
        Assert.Equal("INVALID_REQUEST", (string?)noReason["error"]);
        Assert.Equal("REVERSAL_DECLINED", (string?)declined["error"]);
        Assert.Empty((await _host.Get("/_sim/state"))["world"]!["reversals"]!.AsArray());
    }

    [Fact]
    public async Task An_injected_fault_is_not_replayed_to_the_retry()
    {
        var refundId = await Refund("ORD-REV-2", 5m);
        await _host.Client.PutAsJsonAsync("/_sim/faults", new { method = "POST", path = $"/payment/refunds/{refundId}/reversal", failNext = 1, status = 503 });

        var failed = await _host.Post($"/payment/refunds/{refundId}/reversal", Reason, "job-3");
        var retried = await SimulatorHost.Json(await _host.Post($"/payment/refunds/{refundId}/reversal", Reason, "job-3"), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("reversed", (string?)retried["status"]);
    }

    private async Task<string> Refund(string orderId, decimal amount) =>
        (string)(await SimulatorHost.Json(await _host.Post("/payment/refunds", new { orderId, customerId = "C-1", amount, currency = "EUR" }), HttpStatusCode.Created))["refundId"]!;
}
