using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.Repairs;

/// <summary>
/// Stands in for the repair's connectors: the shop's orders and customers (records the test pins, else a Chinese customer's
/// order of a vacuum and two filters; order ids with <c>UNKNOWN</c> are the connector's <c>NOT_FOUND</c>), the warehouse,
/// carrier, payment provider (it declines refunds of order ids with <c>DECLINE</c>) and notification service. Remembers every job it served, by instance.
/// </summary>
internal sealed class RepairDesk(WorkflowServer server)
{
    private static readonly string[] Types =
        ["orders.get", "customers.get", "warehouse.createRma", "carrier.createLabel", "carrier.schedulePickup", "notify.send", "warehouse.reship", "payment.refund"];

    private readonly Dictionary<string, object> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> _customers = new(StringComparer.Ordinal);
    private readonly List<(string Instance, string Type, JsonNode Variables)> _served = [];

    /// <summary>Pins the order the shop answers for <paramref name="orderId"/>: the device's line (its paid amount for all units) and a line of filters.</summary>
    public void PinOrder(string orderId, string country, string currency, decimal devicePaid, int deviceQuantity = 1) =>
        _orders[orderId] = new
        {
            orderId, customerId = "CUST-" + orderId, channel = "web", country, currency, orderValue = devicePaid + 100, paidAmount = devicePaid + 90,
            placedAt = "2026-11-20T08:00:00Z", deliveredAt = "2026-11-23T08:00:00Z",
            lines = new object[]
            {
                new { sku = "SKU-FILTER", name = "Vacuum filter", category = "accessories", quantity = 2, unitPrice = 50, paidAmount = 90 },
                new { sku = "SKU-VACUUM", name = "Cordless vacuum", category = "appliances", quantity = deviceQuantity, unitPrice = devicePaid / deviceQuantity, paidAmount = devicePaid },
            },
        };

    /// <summary>Pins the customer the shop answers for <paramref name="customerId"/>.</summary>
    public void PinCustomer(string customerId, string tier, string language, string channel, string country) =>
        _customers[customerId] = Customer(customerId, tier, language, channel, country);

    /// <summary>The variables of the jobs of <paramref name="type"/> served for an instance, in order.</summary>
    public List<JsonNode> Served(string instance, string type) =>
        [.. _served.Where(s => s.Instance == instance && s.Type == type).Select(s => s.Variables)];

    /// <summary>The templates of the messages sent to the customer of an instance (not to teams), in order.</summary>
    public List<string> Told(string instance) =>
        [.. Served(instance, "notify.send").Where(n => !n["customerId"]!.GetValue<string>().StartsWith("team:", StringComparison.Ordinal))
            .Select(n => n["template"]!.GetValue<string>())];

    /// <summary>Serves the open jobs until <paramref name="reached"/> holds.</summary>
    public Task<bool> DriveAsync(Func<Task<bool>> reached) =>
        Poll.Until(async () =>
        {
            foreach (var type in Types)
            {
                await ServeAsync(type);
            }

            return await reached();
        });

    /// <summary>Serves the open jobs until the instance has an element instance of <paramref name="elementId"/> (in <paramref name="state"/>, if given).</summary>
    public Task<bool> DriveToAsync(string instance, string elementId, string? state = null) =>
        DriveAsync(async () => (await server.SearchAsync("element-instances", state is null
            ? new { processInstanceKey = instance, elementId }
            : (object)new { processInstanceKey = instance, elementId, state })).Count > 0);

    /// <summary>Drives the instance to the user task at <paramref name="elementId"/> and completes it.</summary>
    public async Task CompleteAsync(string instance, string elementId, object variables)
    {
        Assert.True(await DriveToAsync(instance, elementId), $"the repair never reached {elementId}");
        var task = await server.TaskAsync(instance, elementId);
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/completion", new { variables }));
    }

    private async Task ServeAsync(string type)
    {
        foreach (var job in await server.ActivateAsync(type, 100))
        {
            var variables = job!["variables"]!;
            _served.Add((job["processInstanceKey"]!.GetValue<string>(), type, variables));
            var orderId = variables["orderId"]?.GetValue<string>() ?? "";
            if (Error(type, orderId) is { } error)
            {
                await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job["jobKey"]}/error", new { errorCode = error, errorMessage = $"{type} failed for order {orderId}" }));
                continue;
            }

            await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job["jobKey"]}/completion", new { variables = Result(type, orderId, variables) }));
        }
    }

    private static string? Error(string type, string orderId) => type switch
    {
        "orders.get" when orderId.Contains("UNKNOWN", StringComparison.Ordinal) => "NOT_FOUND",
        "payment.refund" when orderId.Contains("DECLINE", StringComparison.Ordinal) => "REFUND_DECLINED",
        _ => null,
    };

    private object Result(string type, string orderId, JsonNode job) => type switch
    {
        "orders.get" => new { order = _orders.GetValueOrDefault(orderId) ?? DefaultOrder(orderId) },
        "customers.get" => new { customer = _customers.GetValueOrDefault(job["customerId"]!.GetValue<string>()) ?? Customer(job["customerId"]!.GetValue<string>(), "standard", "zh-CN", "sms", "CN") },
        "warehouse.createRma" => new { rma = new { rmaId = "RMA-" + orderId, reference = "REF-" + orderId } },
        "carrier.createLabel" => new { label = new { shipmentId = "SH-" + orderId, trackingCode = "TRK-" + orderId, labelUrl = "https://labels.example/r.pdf" } },
        "carrier.schedulePickup" => new { pickup = new { pickupId = "P-" + orderId } },
        "warehouse.reship" => new { reshipment = new { shipmentId = "SH-R-" + orderId, trackingCode = "TRK-R-" + orderId } },
        "payment.refund" => new { refund = new { refundId = "RF-" + orderId, status = "SUCCEEDED", amount = job["amount"]!.GetValue<decimal>(), method = "original" } },
        _ => new { },
    };

    private object DefaultOrder(string orderId)
    {
        PinOrder(orderId, "CN", "CNY", 949);
        return _orders[orderId];
    }

    private static object Customer(string customerId, string tier, string language, string channel, string country) => new
    {
        customerId, name = "Wang Fang", tier, trustLevel = "normal", trustScore = 55, language, preferredChannel = channel, country,
    };

    /// <summary>An ISO date-time as the models write it.</summary>
    public static DateTimeOffset Parse(JsonNode? value) => DateTimeOffset.Parse(value!.GetValue<string>(), CultureInfo.InvariantCulture);
}
