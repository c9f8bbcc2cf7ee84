using System.Text.Json;

namespace Orchestrator.Simulators;

/// <summary>
/// The simulated carrier, warehouse, payment and notification APIs and the shop's orders and customers APIs (contracts:
/// <c>contracts/*.openapi.yaml</c>), and the <c>/_sim</c> controls.
/// </summary>
public static class SimulatorEndpoints
{
    /// <summary>Registers the world, its clock, fault injection and the loop that moves it.</summary>
    public static IServiceCollection AddSimulators(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SimulatorOptions>().Bind(configuration.GetSection("Simulators"));
        services.AddSingleton<SimulatorClock>();
        services.AddSingleton<SimulatedWorld>();
        services.AddSingleton<SimulatedOrders>();
        services.AddSingleton<SimulatedCustomers>();
        services.AddSingleton<FaultInjection>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WorldLoop>();
        services.AddHostedService(sp => sp.GetRequiredService<WorldLoop>());
        services.AddHttpClient(WebhookSender.ClientName);
        return services;
    }

    /// <summary>Maps the APIs under <paramref name="prefix"/> (<c>""</c> standalone, <c>/sim</c> inside the orchestrator).</summary>
    public static RouteGroupBuilder MapSimulators(this IEndpointRouteBuilder app, string prefix = "/sim")
    {
        ArgumentNullException.ThrowIfNull(app);
        var sim = app.MapGroup(prefix).AllowAnonymous().DisableAntiforgery().AddEndpointFilter(FaultsAndReplays);
        MapCarrier(sim.MapGroup("/carrier"));
        MapWarehouse(sim.MapGroup("/warehouse"));
        MapPayment(sim.MapGroup("/payment"));
        MapNotify(sim.MapGroup("/notify"));
        MapOrders(sim.MapGroup("/orders"));
        MapCustomers(sim.MapGroup("/customers"));
        MapControl(sim.MapGroup("/_sim"), prefix);
        return sim;
    }

    private static void MapCarrier(RouteGroupBuilder carrier)
    {
        carrier.MapPost("/shipments", (ShipmentBody body, SimulatedWorld world) =>
        {
            if (body.OrderId is null || body.CustomerId is null)
            {
                return BadRequest("orderId and customerId are required");
            }

            if (body.Parcel?.WeightKg > 30 || string.IsNullOrEmpty(body.To?.PostalCode) || string.IsNullOrEmpty(body.From?.PostalCode))
            {
                return Business("LABEL_REJECTED", "the parcel is over 30 kg or an address has no postal code");
            }

            var shipment = world.CreateShipment(body.OrderId, body.CustomerId, body.IsReturn ?? false);
            return Results.Json(new
            {
                shipmentId = shipment.ShipmentId, trackingCode = shipment.TrackingCode, labelUrl = $"https://labels.sim.example/{shipment.TrackingCode}.pdf", status = "Created",
            }, statusCode: 201);
        });
        carrier.MapPost("/pickups", (PickupBody body, SimulatedWorld world) =>
        {
            if (body.ShipmentId is null || world.ShipmentById(body.ShipmentId) is null)
            {
                return Results.Json(new { error = "NOT_FOUND", message = $"no shipment {body.ShipmentId}" }, statusCode: 404);
            }

            return !DateOnly.TryParse(body.Date, System.Globalization.CultureInfo.InvariantCulture, out var date) ? BadRequest("date must be yyyy-MM-dd")
                : date.DayOfWeek == DayOfWeek.Sunday ? Business("PICKUP_UNAVAILABLE", "no pickups on Sundays")
                : Results.Json(world.AddPickup(body.ShipmentId, body.Date!), statusCode: 201);
        });
        carrier.MapPost("/shipments/{shipmentId}/void", (string shipmentId, SimulatedWorld world) => world.VoidShipment(shipmentId) switch
        {
            SimulatedWorld.UndoRefusal.NotFound => NotFound($"no shipment {shipmentId}"),
            SimulatedWorld.UndoRefusal.InUse => Business("LABEL_IN_USE", "the carrier already has the parcel; its label can no longer be voided"),
            _ => Results.Json(new { shipmentId, status = "Voided" }),
        });
        carrier.MapPost("/pickups/{pickupId}/cancel", (string pickupId, SimulatedWorld world) => world.CancelPickup(pickupId) == SimulatedWorld.UndoRefusal.NotFound
            ? NotFound($"no pickup {pickupId}")
            : Results.Json(new { pickupId, status = "Cancelled" }));
        carrier.MapGet("/trackers/{trackingCode}", (string trackingCode, SimulatedWorld world) =>
        {
            if (world.Tracker(trackingCode) is not { } shipment)
            {
                return Results.Json(new { error = "NOT_FOUND", message = $"no tracker {trackingCode}" }, statusCode: 404);
            }

            var events = world.Track(shipment);
            return Results.Json(new { trackingCode, status = events[^1].Status, carrierStatus = events[^1].CarrierStatus, events });
        });
        carrier.MapPost("/trackers/{trackingCode}/subscriptions", (string trackingCode, SubscriptionBody body, SimulatedWorld world) =>
        {
            if (world.Tracker(trackingCode) is not { } shipment)
            {
                return Results.Json(new { error = "NOT_FOUND", message = $"no tracker {trackingCode}" }, statusCode: 404);
            }

            shipment.CallbackUrl = body.CallbackUrl;
            return Results.Json(new { subscriptionId = "SUB-" + trackingCode }, statusCode: 201);
        });
        carrier.MapPost("/claims", (ClaimBody body, SimulatedWorld world) =>
        {
            if (body.TrackingCode is null || world.Tracker(body.TrackingCode) is not { } shipment)
            {
                return Results.Json(new { error = "NOT_FOUND", message = $"no tracker {body.TrackingCode}" }, statusCode: 404);
            }

            return world.Track(shipment)[^1].Status == "Delivered" || body.Amount > 500
                ? Business("CLAIM_DENIED", "the parcel was delivered or the amount is over 500")
                : Results.Json(world.AddClaim(body.TrackingCode, body.Amount ?? 0), statusCode: 201);
        });
    }

    private static void MapWarehouse(RouteGroupBuilder warehouse)
    {
        warehouse.MapPost("/rmas", (RmaBody body, SimulatedWorld world) =>
        {
            if (body.OrderId is null || body.CustomerId is null)
            {
                return BadRequest("orderId and customerId are required");
            }

            var rma = world.CreateRma(body.OrderId, body.CustomerId);
            return Results.Json(new { rmaId = rma.RmaId, reference = rma.Reference }, statusCode: 201);
        });
        warehouse.MapGet("/rmas/{rmaId}", (string rmaId, SimulatedWorld world) => world.FindRma(rmaId) is { } rma
            ? Results.Json(new { rmaId, reference = rma.Reference, status = rma.Status, receivedAt = rma.ReceivedAt, disposition = rma.Disposition })
            : Results.Json(new { error = "NOT_FOUND", message = $"no RMA {rmaId}" }, statusCode: 404));
        warehouse.MapPost("/rmas/{rmaId}/receipt", async (string rmaId, SimulatedWorld world, WorldLoop loop, CancellationToken ct) =>
        {
            if (world.FindRma(rmaId) is not { } rma)
            {
                return Results.Json(new { error = "NOT_FOUND", message = $"no RMA {rmaId}" }, statusCode: 404);
            }

            await loop.SendAsync(world.ReceiveNow(rma), ct).ConfigureAwait(false);
            return Results.Json(new { rmaId, status = rma.Status });
        });
        warehouse.MapPost("/reshipments", (StockBody body, SimulatedWorld world) =>
        {
            if (body.OrderId is null || body.Sku is null)
            {
                return BadRequest("orderId and sku are required");
            }

            if (!world.TakeStock(body.Sku, body.Quantity ?? 1))
            {
                return Business("OUT_OF_STOCK", $"{body.Sku} is out of stock");
            }

            var shipment = world.CreateShipment(body.OrderId, body.CustomerId ?? "", isReturn: false);
            return Results.Json(new { shipmentId = shipment.ShipmentId, trackingCode = shipment.TrackingCode }, statusCode: 201);
        });
        warehouse.MapPost("/reservations", (StockBody body, SimulatedWorld world) =>
            body.OrderId is null || body.Sku is null ? BadRequest("orderId and sku are required")
            : !world.TakeStock(body.Sku, body.Quantity ?? 1) ? Business("OUT_OF_STOCK", $"{body.Sku} is out of stock")
            : Results.Json(world.AddReservation(body.OrderId, body.Sku, body.Quantity ?? 1), statusCode: 201));
        warehouse.MapPost("/reservations/{reservationId}/release", (string reservationId, SimulatedWorld world) =>
            world.ReleaseReservation(reservationId) == SimulatedWorld.UndoRefusal.NotFound
                ? NotFound($"no reservation {reservationId}")
                : Results.Json(new { reservationId, status = "Released" }));
        warehouse.MapGet("/stock/{sku}", (string sku, SimulatedWorld world) => Results.Json(new { sku, available = world.Available(sku) }));
    }

    private static void MapPayment(RouteGroupBuilder payment)
    {
        payment.MapPost("/refunds", (RefundBody body, SimulatedWorld world) =>
        {
            if (body.OrderId is null || body.CustomerId is null || body.Amount is null || body.Currency is null)
            {
                return BadRequest("orderId, customerId, amount and currency are required");
            }

            return body.Amount > 2000 || body.OrderId.Contains("DECLINE", StringComparison.OrdinalIgnoreCase)
                ? Business("REFUND_DECLINED", "the payment provider declined the refund")
                : Results.Json(world.AddRefund(body.OrderId, body.CustomerId, body.Amount.Value, body.Currency, body.Method ?? "original"), statusCode: 201);
        });
        payment.MapGet("/refunds", (string? orderId, SimulatedWorld world) => Results.Json(world.Refunds(orderId)));
        payment.MapPost("/refunds/{refundId}/reversal", async (string refundId, HttpRequest request, SimulatedWorld world) =>
        {
            if (await ReadAsync<ReversalBody>(request).ConfigureAwait(false) is not { Reason.Length: > 0 } body)
            {
                return BadRequest("a JSON body with reason is required");
            }

            if (world.FindRefund(refundId) is not { } refund)
            {
                return NotFound($"no refund {refundId}");
            }

            if (refund.OrderId.Contains("NOREVERSAL", StringComparison.OrdinalIgnoreCase))
            {
                return Business("REVERSAL_DECLINED", "the payment provider refused to reverse the refund");
            }

            var (reversal, isNew) = world.ReverseRefund(refund, body.Reason);
            return isNew
                ? Results.Json(new { reversal.ReversalId, reversal.RefundId, reversal.OrderId, reversal.Amount, reversal.Currency, status = "reversed" })
                : Results.Json(new { error = "ALREADY_REVERSED", message = $"{refundId} was reversed before ({reversal.ReversalId})" }, statusCode: 409);
        });
    }

    private static void MapNotify(RouteGroupBuilder notify)
    {
        notify.MapPost("/messages", (MessageBody body, SimulatedWorld world) =>
        {
            if (body.CustomerId is null || body.Channel is null || body.Template is null || body.Language is null || body.Body is null)
            {
                return BadRequest("customerId, channel, template, language and body are required");
            }

            return body.Channel is not ("email" or "sms" or "app")
                ? BadRequest("channel must be email, sms or app")
                : Results.Json(world.AddNotification(body.CustomerId, body.Channel, body.Template, body.Language, body.Subject ?? "", body.Body, body.TrackingUrl), statusCode: 202);
        });
        notify.MapGet("/messages", (string? customerId, SimulatedWorld world) => Results.Json(world.Notifications(customerId)));
    }

    private static void MapOrders(RouteGroupBuilder orders) =>
        orders.MapGet("/orders/{orderId}", (string orderId, SimulatedOrders all) => all.Find(orderId) is { } order
            ? Results.Json(order)
            : NotFound($"no order {orderId}"));

    private static void MapCustomers(RouteGroupBuilder customers)
    {
        customers.MapGet("/customers/{customerId}", (string customerId, SimulatedCustomers all) => all.Find(customerId) is { } customer
            ? Results.Json(customer)
            : NotFound($"no customer {customerId}"));
        customers.MapPost("/customers/{customerId}/trust-events", async (string customerId, HttpRequest request, SimulatedCustomers all) =>
        {
            if (await ReadAsync<TrustEventBody>(request).ConfigureAwait(false) is not { Reason.Length: > 0, OrderId.Length: > 0, Penalty: >= 1 and <= 100 } body)
            {
                return BadRequest("a JSON body with reason, orderId and penalty (1 to 100) is required");
            }

            return all.LowerTrust(customerId, body.Reason, body.OrderId, body.Penalty.Value) is { } customer
                ? Results.Json(new { customerId, customer.TrustLevel, customer.TrustScore })
                : NotFound($"no customer {customerId}");
        });
    }

    private static void MapControl(RouteGroupBuilder control, string prefix)
    {
        control.MapPut("/clock", (ClockBody body, SimulatorClock clock) =>
        {
            if (body.Timestamp is not { } timestamp)
            {
                return BadRequest("timestamp (epoch milliseconds) is required");
            }

            clock.Pin(DateTimeOffset.FromUnixTimeMilliseconds(timestamp));
            return Results.NoContent();
        });
        control.MapPost("/clock/reset", (SimulatorClock clock) =>
        {
            clock.Reset();
            return Results.NoContent();
        });
        control.MapPut("/faults", (FaultBody body, FaultInjection faults) =>
        {
            if (body.Method is null || body.Path is null)
            {
                return BadRequest("method and path (e.g. POST /carrier/shipments) are required");
            }

            faults.Set(body.Method, prefix + body.Path, new FaultInjection.Fault
            {
                ErrorRate = body.ErrorRate ?? 0, LatencyMs = body.LatencyMs ?? 0, FailNext = body.FailNext ?? 0, Status = body.Status ?? 503,
            });
            return Results.NoContent();
        });
        control.MapDelete("/faults", (FaultInjection faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        control.MapPut("/orders/{orderId}", (string orderId, HttpRequest request, SimulatedOrders orders) => PinAsync<OrderBody, SimulatedOrders.Order>(
            request,
            body => SimulatedOrders.FromBody(orderId, body),
            orders.Pin,
            "the order: customerId, channel (web, app or marketplace), country, currency, orderValue, paidAmount, placedAt, deliveredAt (or null) "
                + "and lines [{sku, name, category, quantity, unitPrice, paidAmount}]; an orderId must be the path's"));
        control.MapPut("/customers/{customerId}", (string customerId, HttpRequest request, SimulatedCustomers customers) => PinAsync<CustomerBody, SimulatedCustomers.Customer>(
            request,
            body => SimulatedCustomers.FromBody(customerId, body),
            customers.Pin,
            "the customer: name, tier (standard or VIP), trustLevel (low, normal or trusted), trustScore (0 to 100), language, "
                + "preferredChannel (email, sms or app) and country; a customerId must be the path's"));
        control.MapGet("/state", (SimulatedWorld world, SimulatedOrders orders, SimulatedCustomers customers, FaultInjection faults) =>
            Results.Json(new { world = world.Snapshot(), orders = orders.All(), customers = customers.Snapshot(), faults = faults.All }));
    }

    /// <summary>Injected faults first; then a POST with an Idempotency-Key seen before gets its first successful answer again (one call per key at a time).</summary>
    private static async ValueTask<object?> FaultsAndReplays(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var path = http.Request.Path.Value ?? "";
        if (path.Contains("/_sim/", StringComparison.Ordinal))
        {
            return await next(context).ConfigureAwait(false);
        }

        var faults = http.RequestServices.GetRequiredService<FaultInjection>();
        var key = http.Request.Method == "POST" ? http.Request.Headers["Idempotency-Key"].ToString() : "";
        // One call per key at a time: a second call with the key waits for the first's answer and replays it.
        using var turn = key.Length > 0 ? await faults.TurnAsync(path + "|" + key, http.RequestAborted).ConfigureAwait(false) : null;
        if (await faults.ApplyAsync(http.Request.Method, path, http.RequestAborted).ConfigureAwait(false) is { } status)
        {
            return Results.Json(new { error = "SIMULATED_FAULT", message = $"injected {status}" }, statusCode: status);
        }

        if (key.Length > 0 && faults.TryReplay(path + "|" + key, out var replay))
        {
            return Results.Text(replay.Body, "application/json", statusCode: replay.Status);
        }

        var result = await next(context).ConfigureAwait(false);
        // Results.Json without a status code answers 200 but reports none.
        if (key.Length > 0 && result is IStatusCodeHttpResult answer and IValueHttpResult { Value: { } value } && (answer.StatusCode ?? 200) is var succeeded and >= 200 and < 300)
        {
            faults.Remember(path + "|" + key, succeeded, JsonSerializer.Serialize(value, JsonSerializerOptions.Web));
        }

        return result;
    }

    /// <summary>Pins the record a <c>PUT /_sim/…</c> body describes (204), or answers 400 saying what <paramref name="record"/> needs.</summary>
    private static async Task<IResult> PinAsync<TBody, TRecord>(HttpRequest request, Func<TBody, TRecord?> read, Action<TRecord> pin, string record)
        where TBody : class
        where TRecord : class
    {
        if (await ReadAsync<TBody>(request).ConfigureAwait(false) is not { } body || read(body) is not { } value)
        {
            return BadRequest("the body must be " + record);
        }

        pin(value);
        return Results.NoContent();
    }

    /// <summary>The JSON body, or null when it is missing or does not read as <typeparamref name="T"/>: the caller answers 400, never 500.</summary>
    private static async Task<T?> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, JsonSerializerOptions.Web, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult NotFound(string message) => Results.Json(new { error = "NOT_FOUND", message }, statusCode: 404);

    private static IResult BadRequest(string message) => Results.Json(new { error = "INVALID_REQUEST", message }, statusCode: 400);

    private static IResult Business(string code, string message) => Results.Json(new { error = code, message }, statusCode: 422);
}
