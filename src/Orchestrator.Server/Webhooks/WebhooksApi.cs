using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Engine;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Server.Api;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Messaging;

using Orchestrator.Server.Auth;

namespace Orchestrator.Server.Webhooks;

/// <summary>
/// <c>POST /webhooks/{path}</c>: checks the HMAC-SHA256 signature over <c>timestamp + "." + body</c> and the
/// timestamp window, stores the delivery (deduplicated by delivery id) and answers 202 once it is in the
/// database; <see cref="WebhookProcessor"/> publishes it. <c>GET /api/webhooks</c> lists the paths.
/// </summary>
public static partial class WebhooksApi
{
    public static WebApplication MapWebhooks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/webhooks/{**path}", ReceiveAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(Limits.RateLimits.Webhooks);
        app.MapGet("/api/webhooks", async (WebhookRegistry registry, CancellationToken ct) =>
            TypedResults.Ok((await registry.EndpointsAsync(ct).ConfigureAwait(false)).Values
                .Select(e => new { path = "/webhooks/" + e.Path, processDefinitionId = e.ProcessId, elementId = e.ElementId, messageName = e.MessageName, secret = e.Secret })
                .OrderBy(e => e.path, StringComparer.Ordinal))).RequirePermission(Permissions.WebhooksRead)
            .RequireAuthorization(Auth.AuthExtensions.ApiPolicy);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        string path, HttpRequest request, WebhookRegistry registry, IOptions<WebhookOptions> options, OrchestratorDatabase database,
        WebhookProcessor processor, ControllableClock clock, EngineHost host, ILogger<WebhookProcessor> logger, CancellationToken ct)
    {
        var settings = options.Value;
        var endpoints = await registry.EndpointsAsync(ct).ConfigureAwait(false);
        var known = endpoints.TryGetValue(path.Trim('/'), out var endpoint);
        var body = await ReadBodyAsync(request, settings.MaxBodyBytes, ct).ConfigureAwait(false);
        // An unknown path goes through the same checks as a known one with a secret nobody has, and so ends where an
        // unsigned delivery does: the answers do not tell which paths exist.
        endpoint ??= Decoy;
        var secret = known ? settings.Secrets.GetValueOrDefault(endpoint.Secret) : DecoySecret;
        if (string.IsNullOrEmpty(secret))
        {
            // Told to the operator, not to the sender: the answer is a wrong signature's, as for any other path.
            LogSecretMissing(logger, endpoint.Path, endpoint.Secret);
            secret = DecoySecret;
        }

        var timestampText = request.Headers[endpoint.TimestampHeader].ToString();
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            throw Unauthorized($"header {endpoint.TimestampHeader} must hold the unix time in seconds");
        }

        if (Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - timestamp) > settings.ToleranceSeconds)
        {
            throw Unauthorized($"the timestamp {timestamp} is more than {settings.ToleranceSeconds} s from the server's clock (a replay?)");
        }

        byte[] signed = [.. Encoding.UTF8.GetBytes(timestampText + "."), .. body];
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        var given = request.Headers[endpoint.SignatureHeader].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given.Trim().ToLowerInvariant())))
        {
            throw Unauthorized($"the signature in {endpoint.SignatureHeader} does not match (sha256=HMAC-SHA256(secret, timestamp + \".\" + body) in hex)");
        }

        var text = Encoding.UTF8.GetString(body);
        using var document = Parse(text);

        // Out of what the model declares (webhook.field.*): refused before it is stored, so nothing is published. First, so that a
        // field's own rule names it (an answer of 1e30 is out of its range before it is out of FEEL's).
        if (endpoint.Fields.Count > 0)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ApiException.Invalid($"the body must be a JSON object, not {Describe(document.RootElement.ValueKind)}");
            }

            var broken = endpoint.Fields.Select(f => f.Check(document.RootElement)).OfType<string>().ToList();
            if (broken.Count > 0)
            {
                throw ApiException.Invalid(string.Join("; ", broken));
            }
        }

        // Read strictly, as the API reads variables: a number out of range or a key named twice is refused, not kept as null or
        // as its last value.
        var value = Value(document);

        // The body becomes the message's variables: refused here, not later when it is published.
        if (host.Engine.Options.Limits.Check("the body", value) is { } violation)
        {
            throw ApiException.Of(violation);
        }

        // What it publishes, checked as the publication will check it: a delivery that could only fail is refused now, where the
        // sender hears why, not accepted and then dropped.
        if (Publication(endpoint, value, host.Engine.Options.Limits) is { } refusal)
        {
            throw ApiException.Of(refusal);
        }

        // The delivery id is not signed: the signed content, which holds the timestamp, is what makes a delivery the same.
        var contentHash = Convert.ToHexStringLower(SHA256.HashData(signed));
        var deliveryId = request.Headers[endpoint.DeliveryIdHeader].ToString();
        if (deliveryId.Length == 0)
        {
            deliveryId = contentHash;
        }

        if (deliveryId.Length > 200)
        {
            throw ApiException.Invalid($"header {endpoint.DeliveryIdHeader} is longer than 200 characters");
        }

        await using var context = database.CreateContext();
        if (await context.WebhookDeliveries.AnyAsync(d => d.Path == endpoint.Path && (d.DeliveryId == deliveryId || d.ContentHash == contentHash), ct).ConfigureAwait(false))
        {
            return TypedResults.Ok(new DeliveryResponse(deliveryId, true));
        }

        context.WebhookDeliveries.Add(new WebhookDeliveryRow
        {
            Path = endpoint.Path, DeliveryId = deliveryId, ContentHash = contentHash, ReceivedAt = clock.GetUtcNow(), Body = text, State = WebhookProcessor.Pending,
        });
        try
        {
            await context.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Two copies of one delivery raced; the unique (path, delivery id) and (path, content) indexes let one in.
            if (await IsDuplicateAsync(database, endpoint.Path, deliveryId, contentHash).ConfigureAwait(false))
            {
                return TypedResults.Ok(new DeliveryResponse(deliveryId, true));
            }

            throw;
        }

        processor.Wake();
        return TypedResults.Accepted((string?)null, new DeliveryResponse(deliveryId, false));
    }

    private static JsonDocument Parse(string text)
    {
        try
        {
            return JsonDocument.Parse(text, FeelJson.ReaderOptions);
        }
        catch (JsonException json)
        {
            throw ApiException.Invalid($"the body is not JSON: {json.Message}");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static FeelValue Value(JsonDocument document)
    {
        try
        {
            return FeelJson.FromJsonStrictly(document.RootElement);
        }
        catch (JsonException json)
        {
            throw ApiException.Invalid($"the body cannot be read: {json.Message}");
        }
    }

    /// <summary>Why the delivery of <paramref name="body"/> could not be published (the correlation key or variables its model's expressions give); null when it could.</summary>
    private static LimitViolation? Publication(WebhookEndpoint endpoint, FeelValue body, VariableLimits limits)
    {
        MessagePublication? publication;
        try
        {
            publication = WebhookProcessor.Prepare(endpoint, body);
        }
        catch (InvalidDataException invalid)
        {
            return new LimitViolation(false, invalid.Message);
        }

        if (publication is null)
        {
            return null;
        }

        return TextLimits.CheckMessage(endpoint.MessageName, publication.CorrelationKey) is { } refused
            ? new LimitViolation(false, refused)
            : limits.Check(publication.Variables);
    }

    private static async Task<bool> IsDuplicateAsync(OrchestratorDatabase database, string path, string deliveryId, string contentHash)
    {
        await using var context = database.CreateContext();
        return await context.WebhookDeliveries.AnyAsync(d => d.Path == path && (d.DeliveryId == deliveryId || d.ContentHash == contentHash)).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            throw ApiException.TooLarge($"the body is larger than {limit} bytes", bodyLeftUnread: true);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw ApiException.TooLarge($"the body is larger than {limit} bytes", bodyLeftUnread: true);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ApiException Unauthorized(string detail) => new(StatusCodes.Status401Unauthorized, "UNAUTHORIZED", detail);

    /// <summary>What an unknown path is checked as: the default headers, and a secret made at start-up that nobody knows.</summary>
    private static readonly WebhookEndpoint Decoy = new(
        "", "", "", "", "", WebhookRegistry.DefaultSignatureHeader, WebhookRegistry.DefaultTimestampHeader, WebhookRegistry.DefaultDeliveryIdHeader,
        null, null, TimeSpan.Zero, null, null, []);

    private static readonly string DecoySecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The answer to a delivery.</summary>
    public sealed record DeliveryResponse(string DeliveryId, bool Duplicate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "webhook /webhooks/{Path} refused a delivery: its secret '{Secret}' is not configured (Webhooks:Secrets)")]
    private static partial void LogSecretMissing(ILogger logger, string path, string secret);
}
