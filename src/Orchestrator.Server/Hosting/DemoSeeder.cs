using Microsoft.EntityFrameworkCore;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;
using Microsoft.Extensions.Options;
using Orchestrator.Engine.Tracking;
using Orchestrator.Persistence;
using Orchestrator.Server.Tracking;

namespace Orchestrator.Server.Hosting;

/// <summary>
/// With <c>Demo:Seed</c> (on in Development), a fresh database gets a handful of customers' cases in every shipped
/// workflow, so a newcomer sees real work at once: returns (one VIP, one waiting for an agent, one exchange, one whose
/// parcel the simulated carrier will lose), a repair, and complaints (complex and major). Nothing is seeded once any instance exists.
/// The log names each case's customer page (<c>/track/{token}</c>), so the customer's side can be opened at once too.
/// Eight weeks of finished cases go into the service-quality facts (<see cref="Quality.DemoHistory"/>).
/// </summary>
public sealed partial class DemoSeeder(
    EngineHost host, OrchestratorDatabase database, Quality.CaseFacts facts, IConfiguration configuration, IOptions<TrackingOptions> tracking, ILogger<DemoSeeder> logger)
    : IHostedService
{
    private static readonly (string Process, string Variables)[] Cases =
    [
        ("return-and-refund", """{"orderId":"DEMO-1001","customerId":"CUST-WANG","customerTier":"VIP","kind":"refund","category":"kitchen","language":"zh-CN","amount":399,"currency":"CNY","returnReason":"changed my mind","items":[{"sku":"SKU-KETTLE","quantity":1}],"address":{"name":"Wang Fang","street":"5 Huaihai Road","city":"Shanghai","postalCode":"200001","country":"CN"}}"""),
        ("return-and-refund", """{"orderId":"DEMO-1002-BROKEN","customerId":"CUST-LI","customerTier":"standard","kind":"refund","category":"electronics","language":"en","amount":1299,"currency":"CNY","returnReason":"screen cracked on arrival","items":[{"sku":"SKU-TABLET","quantity":1}],"address":{"name":"Li Wei","street":"1 Nanjing Road","city":"Shanghai","postalCode":"200000","country":"CN"}}"""),
        ("return-and-refund", """{"orderId":"DEMO-1003","customerId":"CUST-ZHAO","customerTier":"standard","kind":"exchange","exchangeSku":"SKU-SHOES-42","category":"shoes","language":"zh-CN","amount":560,"currency":"CNY","returnReason":"wrong size","items":[{"sku":"SKU-SHOES-41","quantity":1}],"address":{"name":"Zhao Min","street":"9 Renmin Road","city":"Hangzhou","postalCode":"310000","country":"CN"}}"""),
        ("return-and-refund", """{"orderId":"DEMO-1004-LOST","customerId":"CUST-ZHOU","customerTier":"standard","trustLevel":"trusted","kind":"refund","category":"toys","language":"en","amount":259,"currency":"CNY","returnReason":"duplicate gift","items":[{"sku":"SKU-ROBOT","quantity":1}],"address":{"name":"Zhou Lin","street":"3 Binjiang Road","city":"Hangzhou","postalCode":"310001","country":"CN"}}"""),
        ("repair", """{"orderId":"DEMO-2001","customerId":"CUST-CHEN","serviceType":"onsite","productSku":"SKU-WASHER","issue":"drum does not spin","amount":3299,"currency":"CNY","language":"zh-CN","address":{"name":"Chen Jie","street":"12 Zhongshan Road","city":"Nanjing","postalCode":"210000","country":"CN"}}"""),
        ("complaint-escalation", """{"complaintId":"DEMO-C-1","customerId":"CUST-LI","orderId":"DEMO-1002-BROKEN","language":"en","description":"Second broken tablet in a month","orderValue":1299,"repeatComplaint":true}"""),
        ("complaint-escalation", """{"complaintId":"DEMO-C-2","customerId":"CUST-SUN","orderId":"DEMO-3001","language":"zh-CN","description":"Charger overheated and burned the desk","orderValue":199,"severity":"major"}"""),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Demo:Seed", false))
        {
            return;
        }

        await using (var context = database.CreateContext())
        {
            if (await context.ProcessInstances.AnyAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        var baseUrl = tracking.Value.PublicBaseUrl?.AbsoluteUri.TrimEnd('/') ?? string.Empty;
        var started = 0;
        foreach (var (process, json) in Cases)
        {
            if (host.Engine.Store.Definitions.GetLatest(process) is null)
            {
                continue;
            }

            var variables = FeelJson.FromJson(json) is FeelContext context ? context.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal) : [];
            variables["deliveredAt"] = new FeelString(host.Clock.GetUtcNow().AddDays(-4).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            var (key, token) = await host.RunAsync(engine =>
            {
                var instance = engine.CreateInstance(process, null, variables);
                return (instance.Key, instance.Root?.Variables?.GetValueOrDefault(TrackingToken.VariableName) as FeelString);
            }).ConfigureAwait(false);
            started++;
            if (token is not null)
            {
                LogTrackingPage(process, key, baseUrl, token.Value);
            }
        }

        LogSeeded(started);
        var history = await Quality.DemoHistory.SeedAsync(database, host, facts, cancellationToken).ConfigureAwait(false);
        LogHistory(history);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "demo: {Process} case {ProcessInstanceKey}, the customer's page: {BaseUrl}/track/{Token}")]
    private partial void LogTrackingPage(string process, long processInstanceKey, string baseUrl, string token);

    [LoggerMessage(Level = LogLevel.Information, Message = "demo: wrote {Count} finished cases of the last eight weeks into the service-quality facts (no instances behind them)")]
    private partial void LogHistory(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "demo: started {Count} cases in the shipped workflows")]
    private partial void LogSeeded(int count);
}
