using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Orchestrator.Server.Tracking;

/// <summary>
/// The customer's page of a case: one small HTML document (no script, no app chrome, fits a phone) in the case's
/// language, with a link that loads it again while the case runs.
/// </summary>
public static class TrackingPage
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style = """
        :root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","PingFang SC","Microsoft YaHei",sans-serif}
        body{margin:0;background:#f4f5f7;color:#1d2330}
        main{max-width:34rem;margin:0 auto;padding:1.25rem 1rem 2rem}
        h1{font-size:1.4rem;margin:.25rem 0 .25rem}
        .meta{color:#4b5565;margin:0 0 1rem;font-size:.95rem}
        .status{display:inline-block;border-radius:1rem;padding:.15rem .7rem;font-size:.85rem;font-weight:600;background:#e3ecff;color:#1f3f99}
        .status.completed{background:#dff3e4;color:#1c6b33}.status.cancelled{background:#eee;color:#555}
        ol{list-style:none;margin:1.25rem 0;padding:0}
        li{position:relative;padding:0 0 1.1rem 2.1rem;min-height:1.6rem}
        li::before{content:"";position:absolute;left:.45rem;top:1.4rem;bottom:0;width:2px;background:#cfd5df}
        li:last-child::before{display:none}
        .dot{position:absolute;left:0;top:.1rem;width:1.1rem;height:1.1rem;border-radius:50%;border:2px solid #9aa3b2;background:#fff}
        li.done .dot{background:#2e7d4f;border-color:#2e7d4f}
        li.current .dot{background:#fff;border-color:#1f5fd6;box-shadow:0 0 0 4px #d6e3ff}
        .label{font-weight:600}
        li.pending .label{color:#565e6d;font-weight:500}
        .when{display:block;color:#4b5565;font-size:.85rem}
        dl{display:grid;grid-template-columns:auto 1fr;gap:.35rem 1rem;background:#fff;border-radius:.6rem;padding:.9rem 1rem;margin:0}
        dt{color:#4b5565}dd{margin:0;font-weight:600}
        footer{color:#565e6d;font-size:.8rem;margin-top:1.5rem}
        """;

    /// <summary>The page of a case, or of an unknown link when <paramref name="view"/> is null.</summary>
    public static string Render(CaseView? view, string? language, TrackingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var texts = TrackingTexts.For(language);
        var culture = Culture(language);
        var zone = Zone(options.TimeZone);
        var html = new StringBuilder(4096);
        html.Append("<!doctype html><html lang=\"").Append(Encode(language ?? "en")).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\">");
        html.Append("<title>").Append(Encode(view?.Title ?? texts.DefaultTitle)).Append("</title><style>").Append(Style).Append("</style></head><body><main>");
        if (view is null)
        {
            html.Append("<h1>").Append(Encode(texts.DefaultTitle)).Append("</h1><p class=\"meta\">").Append(Encode(texts.NotFound)).Append("</p>");
        }
        else
        {
            html.Append("<h1>").Append(Encode(view.Title)).Append("</h1><p class=\"meta\">");
            if (view.Reference is not null)
            {
                html.Append(Encode(texts.Reference)).Append(": <strong>").Append(Encode(view.Reference)).Append("</strong> · ");
            }

            html.Append("<span class=\"status ").Append(view.Status).Append("\">").Append(Encode(texts.Status(view.Status))).Append("</span></p><ol>");
            foreach (var step in view.Steps)
            {
                html.Append("<li class=\"").Append(step.State).Append("\"><span class=\"dot\" aria-hidden=\"true\"></span><span class=\"label\">")
                    .Append(Encode(step.Label)).Append("</span> <span class=\"when\">").Append(Encode(texts.StepState(step.State)));
                if (step.At is { } at)
                {
                    html.Append(" · ").Append(Time(at, zone, culture));
                }

                html.Append("</span></li>");
            }

            html.Append("</ol>");
            if (view.Eta is not null || view.Refund is not null)
            {
                html.Append("<dl>");
                if (view.Eta is { } eta)
                {
                    html.Append("<dt>").Append(Encode(texts.Eta)).Append("</dt><dd>").Append(Time(eta, zone, culture)).Append("</dd>");
                }

                if (view.Refund is { } refund)
                {
                    html.Append("<dt>").Append(Encode(texts.Refund)).Append("</dt><dd>")
                        .Append(Encode(refund.Amount.ToString("#,0.##", culture))).Append(refund.Currency is null ? "" : " " + Encode(refund.Currency)).Append("</dd>");
                }

                html.Append("</dl>");
            }

            html.Append("<footer>").Append(Encode(texts.Updated)).Append(": ").Append(Time(view.UpdatedAt, zone, culture));
            if (view.Status == "in-progress")
            {
                // A link, not an automatic reload: a page that reloads itself on a timer interrupts people who read slowly (WCAG 2.2.1).
                html.Append(" · <a href=\"\">").Append(Encode(texts.Refresh)).Append("</a>");
            }

            html.Append("</footer>");
        }

        return html.Append("</main></body></html>").ToString();
    }

    private static string Time(DateTimeOffset at, TimeZoneInfo zone, CultureInfo culture)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var offset = local.Offset == TimeSpan.Zero ? "UTC" : "UTC" + local.ToString("zzz", CultureInfo.InvariantCulture);
        return $"<time datetime=\"{at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\">{Encode(local.ToString("g", culture))} ({offset})</time>";
    }

    /// <summary>The language's formats on the Gregorian calendar (some cultures' own calendars end before the dates shown).</summary>
    private static CultureInfo Culture(string? language)
    {
        try
        {
            if (language is null)
            {
                return CultureInfo.InvariantCulture;
            }

            var culture = (CultureInfo)CultureInfo.GetCultureInfo(language).Clone();
            if (culture.Calendar is not GregorianCalendar)
            {
                culture.DateTimeFormat.Calendar = culture.OptionalCalendars.OfType<GregorianCalendar>().FirstOrDefault() ?? new GregorianCalendar();
            }

            return culture;
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    private static string Encode(string text) => Encoder.Encode(text);
}
