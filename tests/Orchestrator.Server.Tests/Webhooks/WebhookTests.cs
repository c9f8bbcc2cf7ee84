using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Webhooks;

/// <summary>A server with the carrier's and the warehouse's webhook secrets, and a small body limit.</summary>
public class WebhookServer : ServerFixture
{
    public const string CarrierSecret = "carrier-secret-123";
    public const string WarehouseSecret = "warehouse-secret-456";

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Webhooks:Secrets:carrier"] = CarrierSecret;
        settings["Webhooks:Secrets:warehouse"] = WarehouseSecret;
        settings["Webhooks:MaxBodyBytes"] = "4096";
        return settings;
    }

    /// <summary>Sends a signed delivery the way a carrier does.</summary>
    public Task<HttpResponseMessage> DeliverAsync(string path, string body, string secret, string? deliveryId = null, long? timestamp = null, string? signature = null)
    {
        var time = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/" + path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Timestamp", time);
        request.Headers.Add("X-Signature", signature ?? Sign(secret, time, body));
        if (deliveryId is not null)
        {
            request.Headers.Add("X-Delivery-Id", deliveryId);
        }

        return Client.SendAsync(request);
    }

    /// <summary>The signature recipe of README: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body)).</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
}

/// <summary>Inbound webhooks declared by models: signed, replay-protected, deduplicated, durable before 202.</summary>
public sealed class WebhookTests(WebhookServer server) : IClassFixture<WebhookServer>
{
    [Fact]
    public async Task A_signed_delivery_starts_an_instance_at_the_message_start_event()
    {
        await server.DeployAsync("Webhooks/webhooks.bpmn");

        var response = await server.DeliverAsync("carrier/tracking", """{"tracking_code":"TRK-1","status":"Lost"}""", WebhookServer.CarrierSecret, "d-1");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = await Poll.Until(async () => (await server.SearchAsync("variables", new { name = "trackingCode", value = "\"TRK-1\"" })).Count == 1);
        Assert.True(started, "no instance got the tracking code");
        var status = await server.SearchAsync("variables", new { name = "status", value = "\"Lost\"" });
        Assert.Single(status);
    }

    [Fact]
    public async Task A_signed_delivery_advances_the_instance_that_waits_for_its_correlation_key()
    {
        await server.DeployAsync("Webhooks/webhooks.bpmn");
        var instance = await server.StartAsync("return-receipt", new { rma = "RMA-7" });

        var response = await server.DeliverAsync("warehouse/receipt", """{"rma":"RMA-7","condition":"sealed"}""", WebhookServer.WarehouseSecret, "r-7");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(await Poll.Until(async () =>
            (await server.SearchAsync("process-instances", new { processInstanceKey = instance, state = "COMPLETED" })).Count == 1), "the instance did not move on");
        Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = instance, name = "condition" }));
    }

    [Fact]
    public async Task A_repeated_delivery_id_is_accepted_once_and_published_once()
    {
        await server.DeployAsync("Webhooks/webhooks.bpmn");
        var body = """{"tracking_code":"TRK-DUP","status":"Delayed"}""";

        var first = await server.DeliverAsync("carrier/tracking", body, WebhookServer.CarrierSecret, "dup-1");
        var second = await server.DeliverAsync("carrier/tracking", body, WebhookServer.CarrierSecret, "dup-1");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("\"duplicate\":true", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await Poll.Until(async () => (await server.SearchAsync("variables", new { name = "trackingCode", value = "\"TRK-DUP\"" })).Count >= 1));
        await Task.Delay(300);
        Assert.Single(await server.SearchAsync("variables", new { name = "trackingCode", value = "\"TRK-DUP\"" }));
    }

    [Fact]
    public async Task A_wrong_signature_is_refused_with_401()
    {
        await server.DeployAsync("Webhooks/webhooks.bpmn");

        var wrongSecret = await server.DeliverAsync("carrier/tracking", """{"tracking_code":"X"}""", "not-the-secret");
        var noSignature = await server.DeliverAsync("carrier/tracking", """{"tracking_code":"X"}""", WebhookServer.CarrierSecret, signature: "");

        await ApiAssert.Problem(wrongSecret, 401, "UNAUTHORIZED");
        await ApiAssert.Problem(noSignature, 401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_delivery_signed_long_ago_is_refused_as_a_replay()
    {
        await server.DeployAsync("Webhooks/webhooks.bpmn");

        var stale = await server.DeliverAsync("carrier/tracking", """{"tracking_code":"X"}""", WebhookServer.CarrierSecret, timestamp: DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds());

        Assert.Contains("replay", await ApiAssert.Problem(stale, 401, "UNAUTHORIZED"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_body_is_400_and_a_large_one_413()
    {
        await server.DeployAsync("Webhooks/webhooks.bpmn");

        await ApiAssert.Problem(await server.DeliverAsync("carrier/tracking", "{not json", WebhookServer.CarrierSecret), 400, "INVALID_ARGUMENT");
        var large = "{\"pad\":\"" + new string('x', 5000) + "\"}";
        await ApiAssert.Problem(await server.DeliverAsync("carrier/tracking", large, WebhookServer.CarrierSecret), 413, "PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task Bug_an_unknown_path_answered_404_telling_which_paths_exist()
    {
        await server.DeployAsync("Webhooks/webhooks.bpmn");
        var body = "{}";

        var unknownSigned = await ApiAssert.Problem(await server.DeliverAsync("carrier/nothing", body, WebhookServer.CarrierSecret), 401, "UNAUTHORIZED");
        var knownWronglySigned = await ApiAssert.Problem(await server.DeliverAsync("carrier/tracking", body, "not-the-secret"), 401, "UNAUTHORIZED");
        var unknownLarge = await ApiAssert.Problem(await server.DeliverAsync("carrier/nothing", "{\"pad\":\"" + new string('x', 5000) + "\"}", "x"), 413, "PAYLOAD_TOO_LARGE");

        Assert.Equal(knownWronglySigned, unknownSigned);
        Assert.Contains("larger than", unknownLarge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bug_a_captured_delivery_sent_again_under_a_new_delivery_id_was_published_again()
    {
        await server.DeployAsync("Webhooks/webhooks.bpmn");
        var body = """{"tracking_code":"TRK-REPLAY","status":"Delayed"}""";
        var signedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var first = await server.DeliverAsync("carrier/tracking", body, WebhookServer.CarrierSecret, "orig-1", signedAt);
        var replay = await server.DeliverAsync("carrier/tracking", body, WebhookServer.CarrierSecret, "forged-2", signedAt);
        var later = await server.DeliverAsync("carrier/tracking", body, WebhookServer.CarrierSecret, "orig-3", signedAt + 1);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("\"duplicate\":true", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The same body signed anew (another timestamp) is a delivery of its own.
        Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
    }

    [Fact]
    public async Task Bug_SignedDeliveryWithALoneSurrogateEscapeAnswered500()
    {
        // Arrange: valid JSON syntax that no string can hold; FeelJson threw InvalidOperationException, not the JsonException
        // the endpoint turns into a 400 (found by tests/Orchestrator.Fuzz.Tests).
        await server.DeployAsync("Webhooks/webhooks.bpmn");

        // Act
        var response = await server.DeliverAsync("carrier/tracking", "{\"rma\": \"\\ud800\"}", WebhookServer.CarrierSecret);

        // Assert
        await ApiAssert.Problem(response, 400, "INVALID_ARGUMENT");
    }

    [Theory]
    [InlineData("""{"rma":["RMA-L"]}""", "the correlation key gave list")]
    [InlineData("""{"rma":null}""", "the correlation key gave null")]
    [InlineData("""{"rma":{"id":"RMA-O"}}""", "the correlation key gave context")]
    [InlineData("""{"rma":"RMA-N","bad\u0000key":1}""", "NUL")]
    [InlineData("""{"rma":"RMA-K\u0000"}""", "NUL")]
    [InlineData("""{"rma":"RMA-E","weight":1e308}""", "1e308")]
    [InlineData("""{"rma":"RMA-D","condition":"sealed","condition":"opened"}""", "\"condition\" twice")]
    public async Task Bug_a_delivery_that_could_not_be_published_was_answered_202_and_then_dropped(string body, string why)
    {
        // Arrange: what the warehouse's model publishes (correlation key body.rma, the body's entries as variables) of each body
        // could only fail, or lost a value without a word (1e308 kept as null, a key named twice as its last value).
        await server.DeployAsync("Webhooks/webhooks.bpmn");
        var deliveryId = "bad-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..12];

        // Act
        var response = await server.DeliverAsync("warehouse/receipt", body, WebhookServer.WarehouseSecret, deliveryId);

        // Assert: refused where the sender hears why, and nothing stored to fail later.
        Assert.Contains(why, await ApiAssert.Problem(response, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        await using var context = server.Services.GetRequiredService<OrchestratorDatabase>().CreateContext();
        Assert.DoesNotContain(context.WebhookDeliveries, d => d.DeliveryId == deliveryId);
    }

    [Fact]
    public async Task A_delivery_whose_correlation_key_is_too_long_is_refused()
    {
        await server.DeployAsync("Webhooks/webhooks.bpmn");

        var response = await server.DeliverAsync("warehouse/receipt", $$"""{"rma":"{{new string('r', 401)}}"}""", WebhookServer.WarehouseSecret, "long-key");

        Assert.Contains("correlation key is 401 characters long", await ApiAssert.Problem(response, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registered_paths_are_listed()
    {
        await server.DeployAsync("Webhooks/webhooks.bpmn");

        var list = await ApiAssert.OkJson(await server.Client.GetAsync("/api/webhooks"));

        Assert.Contains(list.AsArray(), e => e!["path"]!.GetValue<string>() == "/webhooks/carrier/tracking" && e["secret"]!.GetValue<string>() == "carrier");
        Assert.Contains(list.AsArray(), e => e!["path"]!.GetValue<string>() == "/webhooks/warehouse/receipt");
    }
}

/// <summary>A delivery stored just before a crash (202 sent, not yet published) is published by the next server on the database.</summary>
public sealed class WebhookCrashTests
{
    [Fact]
    public async Task A_delivery_accepted_before_a_crash_is_published_after_the_restart()
    {
        var first = new WebhookServer { KeepsDatabase = true };
        await first.InitializeAsync();
        await first.DeployAsync("Webhooks/webhooks.bpmn");
        var instance = await first.StartAsync("return-receipt", new { rma = "RMA-CRASH" });
        var database = first.Services.GetRequiredService<OrchestratorDatabase>();
        await first.DisposeAsync();

        // As if the server had stored the delivery and answered 202, then died before publishing it.
        await using (var context = database.CreateContext())
        {
            context.WebhookDeliveries.Add(new WebhookDeliveryRow
            {
                Path = "warehouse/receipt", DeliveryId = "crash-1", ReceivedAt = DateTimeOffset.UtcNow, Body = """{"rma":"RMA-CRASH"}""", State = "PENDING",
            });
            await context.SaveChangesAsync();
        }

        var second = new RestartedServer(first.Database);
        await second.InitializeAsync();
        try
        {
            Assert.True(await Poll.Until(async () =>
                (await second.SearchAsync("process-instances", new { processInstanceKey = instance, state = "COMPLETED" })).Count == 1), "the stored delivery was not published");
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task Bug_a_delivery_whose_value_made_a_timer_due_after_the_year_9999_stopped_the_server_at_every_start()
    {
        const string Model = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
              <bpmn:message id="pauseMessage" name="carrier.pause" />
              <bpmn:process id="pause-hook" isExecutable="true">
                <bpmn:startEvent id="paused">
                  <bpmn:extensionElements><zeebe:properties>
                    <zeebe:property name="webhook.path" value="carrier/pause" /><zeebe:property name="webhook.secret" value="carrier" />
                  </zeebe:properties></bpmn:extensionElements>
                  <bpmn:messageEventDefinition messageRef="pauseMessage" />
                </bpmn:startEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="paused" targetRef="wait" />
                <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>=duration(wait)</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        var first = new WebhookServer { KeepsDatabase = true };
        await first.InitializeAsync();
        await first.DeployXmlAsync("pause-hook.bpmn", Model);

        // Act: the timer's duration comes from the sender; it threw out of the engine and stopped the host, and the stored
        // delivery did the same again at every start.
        Assert.Equal(HttpStatusCode.Accepted, (await first.DeliverAsync("carrier/pause", """{"wait":"P9999Y"}""", WebhookServer.CarrierSecret, "far-1")).StatusCode);

        // Assert: the instance waits at an incident that says why, and a restart on the same database serves it.
        JsonNode? incident = null;
        Assert.True(await Poll.Until(async () => (incident = (await first.SearchAsync("incidents", new { elementId = "wait" })).FirstOrDefault()) is not null),
            "no incident at the timer");
        Assert.Contains("would be after the year 9999", incident!["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        await first.DisposeAsync();
        var second = new RestartedServer(first.Database);
        await second.InitializeAsync();
        try
        {
            Assert.Single(await second.SearchAsync("incidents", new { elementId = "wait", state = "ACTIVE" }));
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    private sealed class RestartedServer(TestDatabase database) : WebhookServer
    {
        public override TestDatabase Database => database;
    }
}
