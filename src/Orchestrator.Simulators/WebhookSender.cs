using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Orchestrator.Simulators;

/// <summary>Sends the world's webhooks signed as the orchestrator expects: <c>X-Timestamp</c>, <c>X-Signature: sha256=hex(HMAC(secret, timestamp + "." + body))</c>, <c>X-Delivery-Id</c>.</summary>
public sealed partial class WebhookSender(IHttpClientFactory clients, IOptions<SimulatorOptions> options, SimulatorClock clock, ILogger<WebhookSender> logger)
{
    /// <summary>The name of the HTTP client webhooks go through.</summary>
    public const string ClientName = "simulator-webhooks";

    public async Task SendAsync(SimulatedWorld.Outgoing outgoing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outgoing);
        var settings = options.Value;
        var url = outgoing.Carrier ? outgoing.CallbackUrl ?? settings.CarrierTrackingUrl : settings.WarehouseUrl;
        if (string.IsNullOrEmpty(url))
        {
            return;
        }

        var secret = outgoing.Carrier ? settings.CarrierSecret : settings.WarehouseSecret;
        var body = JsonSerializer.Serialize(outgoing.Body, JsonSerializerOptions.Web);
        var deliveryId = JsonDocument.Parse(body).RootElement.GetProperty("deliveryId").GetString()!;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Timestamp", timestamp);
            request.Headers.Add("X-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body))));
            request.Headers.Add("X-Delivery-Id", deliveryId);
            try
            {
                using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                LogRefused(url, (int)response.StatusCode, attempt);
            }
            catch (HttpRequestException exception)
            {
                LogFailed(exception, url, attempt);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "webhook to {Url} answered {Status} (attempt {Attempt})")]
    private partial void LogRefused(string url, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "webhook to {Url} failed (attempt {Attempt})")]
    private partial void LogFailed(Exception exception, string url, int attempt);
}
