namespace Orchestrator.Server.Quality;

/// <summary>The <c>Quality</c> section: how cases are measured, sampled for review and reported.</summary>
public sealed class QualityOptions
{
    /// <summary>The share of completed user tasks sampled for review beside the rules (0..1). Default 0.1.</summary>
    public double SampleRate { get; set; } = 0.1;

    /// <summary>A case whose <see cref="AmountExpression"/> reaches this amount has its tasks sampled. Default 1,000.</summary>
    public decimal AmountThreshold { get; set; } = 1000;

    /// <summary>FEEL over the case's variables: the money the case gave away (refund, compensation).</summary>
    public string AmountExpression { get; set; } = "get or else(refundAmount, get or else(refund.amount, get or else(compensation.value, 0)))";

    /// <summary>A CSAT at or below this samples the case's tasks. Default 2.</summary>
    public int LowCsat { get; set; } = 2;

    /// <summary>A case of the same order (or customer) started within this many days after one ended reopens it. Default 14.</summary>
    public int ReopenDays { get; set; } = 14;

    /// <summary>The IANA zone the reports' days and weeks are counted in. Default UTC.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>How often new and finished cases are looked for, in seconds (also at once when the clock is pinned). Default 5.</summary>
    public int SweepSeconds { get; set; } = 5;

    /// <summary>The process the samples are reviewed in. Default <c>quality-review</c>.</summary>
    public string ReviewProcessId { get; set; } = "quality-review";

    /// <summary>Job types whose completion is a message to the customer (unless the element says <c>quality.response</c> = false).</summary>
    public string[] CustomerMessageJobTypes { get; set; } = ["notify.send"];

    /// <summary>The team lead of each candidate group (user names), told of red-line violations.</summary>
    public Dictionary<string, string> TeamLeads { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A pair (reason, dimension value) needs this many cases in the period to be listed as a mover. Default 3.</summary>
    public int MoverMinimumCount { get; set; } = 3;

    /// <summary>
    /// FEEL over a case's variables for each dimension the reports group by. Configuration adds to or replaces these, so a
    /// shop whose fifth workflow names its variables differently maps them here.
    /// </summary>
    public Dictionary<string, string> Dimensions { get; set; } = new(StringComparer.Ordinal)
    {
        ["reason"] = "reasonCode",
        ["sku"] = "get or else(sku, get or else(productSku, get or else(items[1].sku, order.lines[1].sku)))",
        ["category"] = "get or else(productCategory, order.lines[1].category)",
        ["carrier"] = "get or else(carrier, get or else(parcel.carrier, delivery.carrier))",
        ["supplier"] = "get or else(supplier, order.lines[1].supplier)",
        ["country"] = "get or else(country, order.country)",
        ["channel"] = "get or else(channel, order.channel)",
        ["language"] = "language",
        ["customer"] = "get or else(customerId, order.customerId)",
        ["order"] = "get or else(orderId, order.orderId)",
    };
}
