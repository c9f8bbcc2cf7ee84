using System.Text.Json;

namespace Orchestrator.Simulators;

/// <summary>The notification service's templates, in English and Simplified Chinese.</summary>
internal static class Templates
{
    private static readonly Dictionary<string, (string En, string Zh)> Subjects = new(StringComparer.Ordinal)
    {
        ["pickup-booked"] = ("Your return pickup is booked", "您的退货取件已预约"),
        ["parcel-received"] = ("We received your parcel", "我们已收到您的包裹"),
        ["inspection-result"] = ("The result of your return", "您的退货检验结果"),
        ["return-cancelled"] = ("Your return is cancelled", "您的退货已取消"),
        ["refund-issued"] = ("Your refund is on its way", "您的退款已发放"),
        ["repair-status"] = ("An update on your repair", "您的维修进度"),
        ["exchange-shipped"] = ("Your replacement has shipped", "您的换货已发出"),
        ["complaint-update"] = ("An update on your complaint", "您的投诉处理进度"),
        ["csat-survey"] = ("How did we do?", "请为我们的服务评分"),
        ["delivery-exception"] = ("A problem with your delivery", "您的包裹配送异常"),
    };

    public static bool TryRender(string template, string language, JsonElement? data, out string subject, out string text)
    {
        subject = text = "";
        if (!Subjects.TryGetValue(template, out var pair))
        {
            return false;
        }

        var chinese = language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        subject = chinese ? pair.Zh : pair.En;
        var details = data is { ValueKind: JsonValueKind.Object } d
            ? string.Join(", ", d.EnumerateObject().Select(p => $"{p.Name}: {(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}"))
            : "";
        text = (chinese ? "您好，" : "Hello, ") + subject + (details.Length > 0 ? (chinese ? "。详情：" : ". Details: ") + details : "");
        return true;
    }

    public static IEnumerable<string> Names => Subjects.Keys;
}
