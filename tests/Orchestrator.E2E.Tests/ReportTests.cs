using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>
/// The dashboard's report pages (KPIs, voice of the customer, quality) show the figures the report APIs answer, switch
/// their breakdown with the selector (and the address), and download the same report as CSV.
/// </summary>
[Collection(ProductTests.Name)]
public sealed class ReportTests(ProductServer product)
{
    [Fact]
    public async Task The_kpi_page_shows_the_api_figures_per_agent_switches_to_groups_and_tiers_and_downloads_the_csv()
    {
        await FeedbackCase.FinishAsync(product, new { csat = 5, nps = 9 });

        await product.AsUserAsync("admin", nameof(The_kpi_page_shows_the_api_figures_per_agent_switches_to_groups_and_tiers_and_downloads_the_csv), async page =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
            var byAgent = await ReportAsync(page, "/api/kpis", () => page.GetByRole(AriaRole.Link, new() { Name = "KPIs" }).ClickAsync());
            Assert.EndsWith("#/dashboard/kpis", page.Url, StringComparison.Ordinal);
            var table = page.GetByRole(AriaRole.Table, new() { Name = "KPIs per agent" });
            await ExpectKpiRowAsync(table, Row(byAgent, "alice"));
            await ExpectKpiRowAsync(table, byAgent["totals"]!, "All");
            await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Cases", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "NPS (−100 … 100)" })).ToBeVisibleAsync();

            var byGroup = await ReportAsync(page, "/api/kpis", () => page.GetByLabel("By", new() { Exact = true }).SelectOptionAsync("group"));
            Assert.EndsWith("#/dashboard/kpis/group", page.Url, StringComparison.Ordinal);
            await ExpectKpiRowAsync(page.GetByRole(AriaRole.Table, new() { Name = "KPIs per group" }), Row(byGroup, "e2e-agents"));

            var byTier = await ReportAsync(page, "/api/kpis", () => page.GetByLabel("By", new() { Exact = true }).SelectOptionAsync("tier"));
            await ExpectKpiRowAsync(page.GetByRole(AriaRole.Table, new() { Name = "KPIs per tier" }), Row(byTier, "tier3"));

            await ExpectCsvAsync(page, "by=tier", "tier3");
        });
    }

    [Fact]
    public async Task Bug_the_kpi_table_cut_off_its_last_column_in_a_1400_px_window()
    {
        var window = new ViewportSize { Width = 1400, Height = 900 };
        await product.AsUserAsync("admin", nameof(Bug_the_kpi_table_cut_off_its_last_column_in_a_1400_px_window), window, async page =>
        {
            // The demo's figures per group, as the probe saw them: long group names and times of hours.
            await page.RouteAsync(url => new Uri(url).AbsolutePath == "/api/kpis", async route =>
            {
                var report = JsonNode.Parse(await (await route.FetchAsync()).TextAsync())!;
                report["rows"] = JsonNode.Parse(DemoGroups);
                report["totals"] = JsonNode.Parse(DemoTotals);
                await route.FulfillAsync(new() { ContentType = "application/json", Body = report.ToJsonString() });
            });
            await page.GotoAsync(product.Address + "#/dashboard/kpis/group");

            var table = page.GetByRole(AriaRole.Table, new() { Name = "KPIs per group" });
            await Assertions.Expect(table.GetByRole(AriaRole.Rowheader, new() { Name = "repair-technicians" })).ToBeVisibleAsync();
            await ExpectEveryColumnShownAsync(table, window);
        });
    }

    [Fact]
    public async Task The_voice_of_the_customer_page_shows_counts_changes_and_movers_per_carrier_and_reason_and_downloads_the_csv()
    {
        await FeedbackCase.FinishAsync(product, new { });

        await product.AsUserAsync("olga", nameof(The_voice_of_the_customer_page_shows_counts_changes_and_movers_per_carrier_and_reason_and_downloads_the_csv), async page =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
            var byReason = await ReportAsync(page, "/api/voc/report", () => page.GetByRole(AriaRole.Link, new() { Name = "Voice of the customer" }).ClickAsync());
            Assert.EndsWith("#/dashboard/voc", page.Url, StringComparison.Ordinal);
            var reasons = page.GetByRole(AriaRole.Table, new() { Name = "Cases per reason" });
            var damaged = reasons.GetByRole(AriaRole.Row).Filter(new() { HasText = "logistics/damaged" });
            await ExpectCellsAsync(damaged, VocCells(Row(byReason, "logistics/damaged")));
            var movers = byReason["movers"]!.AsArray().Select(m => m!["text"]!.GetValue<string>()).ToArray();
            var listed = page.GetByRole(AriaRole.Region, new() { Name = "Top movers" }).GetByRole(AriaRole.Listitem);
            await Assertions.Expect(listed).ToHaveCountAsync(movers.Length);
            for (var i = 0; i < movers.Length; i++)
            {
                await Assertions.Expect(listed.Nth(i)).ToContainTextAsync(movers[i]);
            }

            var byCarrier = await ReportAsync(page, "/api/voc/report", () => page.GetByLabel("By", new() { Exact = true }).SelectOptionAsync("carrier"));
            Assert.EndsWith("#/dashboard/voc/carrier", page.Url, StringComparison.Ordinal);
            var carrier = page.GetByRole(AriaRole.Table, new() { Name = "Cases per carrier" }).GetByRole(AriaRole.Row)
                .Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = FeedbackCase.Carrier, Exact = true }) });
            await ExpectCellsAsync(carrier, VocCells(Row(byCarrier, FeedbackCase.Carrier)));
            await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Cases per carrier, this and the previous period" })).ToBeVisibleAsync();

            await ExpectCsvAsync(page, "by=carrier", FeedbackCase.Carrier);
        });
    }

    [Fact]
    public async Task The_quality_page_shows_the_api_figures_per_agent_and_group_and_leads_to_the_review_queue()
    {
        await FeedbackCase.FinishAsync(product, new { csat = 1 });
        Assert.True(await Poll.Until(async () =>
            Rows(await ApiAssert.OkJson(await product.Api.GetAsync("/api/quality/summary?by=agent"))).Any(r => r!["key"]!.GetValue<string>() == "alice")),
            "the finished case's task was not sampled for a quality review");

        await product.AsUserAsync("admin", nameof(The_quality_page_shows_the_api_figures_per_agent_and_group_and_leads_to_the_review_queue), async page =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
            var byAgent = await ReportAsync(page, "/api/quality/summary", () => page.GetByRole(AriaRole.Link, new() { Name = "Quality", Exact = true }).ClickAsync());
            var table = page.GetByRole(AriaRole.Table, new() { Name = "Quality per agent" });
            await ExpectCellsAsync(RowOf(table, "alice"), QualityCells(Row(byAgent, "alice")));
            await ExpectCellsAsync(RowOf(table, "All"), QualityCells(byAgent["totals"]!));

            var byGroup = await ReportAsync(page, "/api/quality/summary", () => page.GetByLabel("By", new() { Exact = true }).SelectOptionAsync("group"));
            Assert.EndsWith("#/dashboard/quality/group", page.Url, StringComparison.Ordinal);
            await ExpectCellsAsync(RowOf(page.GetByRole(AriaRole.Table, new() { Name = "Quality per group" }), "e2e-agents"), QualityCells(Row(byGroup, "e2e-agents")));
            await ExpectCsvAsync(page, "by=group", "e2e-agents");

            await page.GetByRole(AriaRole.Link, new() { Name = "Open the QA review queue" }).ClickAsync();
            Assert.EndsWith("#/tasks/group/qa-reviewers", page.Url, StringComparison.Ordinal);
            await Assertions.Expect(page.GetByLabel("Group")).ToHaveValueAsync("qa-reviewers");
        });
    }

    private const string DemoGroups = """
        [
          { "key": "directors", "label": "directors", "cases": 4, "tasksCompleted": 4, "firstResponseMinutes": 49.5, "handlingMinutes": 220.5,
            "resolutionHours": 8.5, "firstContactResolutionPercent": 0, "slaMet": 3, "slaBreached": 1, "slaCompliancePercent": 75, "reopenRatePercent": 0,
            "csatAverage": 3, "csatResponses": 1, "nps": 0, "npsResponses": 1, "promoters": 0, "passives": 1, "detractors": 0 },
          { "key": "repair-technicians", "label": "repair-technicians", "cases": 39, "tasksCompleted": 39, "firstResponseMinutes": 46.9, "handlingMinutes": 101.4,
            "resolutionHours": 3.3, "firstContactResolutionPercent": 100, "slaMet": 38, "slaBreached": 1, "slaCompliancePercent": 97.4, "reopenRatePercent": 2.6,
            "csatAverage": 3.78, "csatResponses": 23, "nps": 17.4, "npsResponses": 23, "promoters": 10, "passives": 7, "detractors": 6 },
          { "key": "tier2-specialists", "label": "tier2-specialists", "cases": 17, "tasksCompleted": 19, "firstResponseMinutes": 36.4, "handlingMinutes": 69.3,
            "resolutionHours": 4.8, "firstContactResolutionPercent": 0, "slaMet": 16, "slaBreached": 3, "slaCompliancePercent": 84.2, "reopenRatePercent": 5.9,
            "csatAverage": 3.85, "csatResponses": 13, "nps": 7.7, "npsResponses": 13, "promoters": 5, "passives": 4, "detractors": 4 }
        ]
        """;

    private const string DemoTotals = """
        { "key": "all", "label": "all", "cases": 200, "tasksCompleted": 223, "firstResponseMinutes": 46.7, "handlingMinutes": 92.6,
          "resolutionHours": 3.4, "firstContactResolutionPercent": 89.5, "slaMet": 196, "slaBreached": 27, "slaCompliancePercent": 87.9, "reopenRatePercent": 4,
          "csatAverage": 3.84, "csatResponses": 120, "nps": 18.3, "npsResponses": 120, "promoters": 52, "passives": 38, "detractors": 30 }
        """;

    /// <summary>Does <paramref name="action"/> and returns the report the page asked for because of it (its JSON, not the CSV).</summary>
    private static async Task<JsonNode> ReportAsync(IPage page, string path, Func<Task> action)
    {
        var response = await page.RunAndWaitForResponseAsync(action, r => new Uri(r.Url).AbsolutePath == path && !r.Url.Contains("format=csv", StringComparison.Ordinal));
        Assert.Equal(200, response.Status);
        return JsonNode.Parse(await response.TextAsync())!;
    }

    private static JsonArray Rows(JsonNode report) => report["rows"]!.AsArray();

    private static JsonNode Row(JsonNode report, string key) =>
        Rows(report).SingleOrDefault(r => r!["key"]!.GetValue<string>() == key) ?? throw new Xunit.Sdk.XunitException($"the report has no row {key}: {report.ToJsonString()}");

    private static ILocator RowOf(ILocator table, string header) =>
        table.GetByRole(AriaRole.Row).Filter(new() { Has = table.Page.GetByRole(AriaRole.Rowheader, new() { Name = header, Exact = true }) });

    /// <summary>The row of the table headed by the API row's label (or <paramref name="header"/>) shows its figures as the KPI table words them.</summary>
    private static Task ExpectKpiRowAsync(ILocator table, JsonNode row, string? header = null) =>
        ExpectCellsAsync(RowOf(table, header ?? row["label"]!.GetValue<string>()), [
            Count(row["cases"]), Count(row["tasksCompleted"]), null, null, null, Percent(row["firstContactResolutionPercent"]),
            Count(row["slaMet"]), Count(row["slaBreached"]), Percent(row["slaCompliancePercent"]), Percent(row["reopenRatePercent"]),
            Decimal(row["csatAverage"]), Count(row["csatResponses"]), null, Count(row["npsResponses"]),
            $"{Count(row["promoters"])} / {Count(row["passives"])} / {Count(row["detractors"])}",
        ]);

    private static string?[] VocCells(JsonNode row) =>
        [Count(row["count"]), Percent(row["sharePercent"]), Count(row["previousCount"]), Change(row)];

    private static string?[] QualityCells(JsonNode row) =>
        [Count(row["sampled"]), Count(row["reviewed"]), Decimal(row["averageScore"]), Count(row["redLineViolations"])];

    /// <summary>
    /// The table's last column lies within its scrolling box, and the box within the window: every column is in sight without
    /// scrolling. (A cell cut off by its box's overflow keeps its whole bounding box, so the right edges tell.)
    /// </summary>
    private static async Task ExpectEveryColumnShownAsync(ILocator table, ViewportSize window)
    {
        var box = (await table.Locator("xpath=..").BoundingBoxAsync())!;
        var last = (await table.GetByRole(AriaRole.Columnheader).Last.BoundingBoxAsync())!;
        Assert.True(last.X + last.Width <= box.X + box.Width, $"the last column ends at {last.X + last.Width} px, the table's box at {box.X + box.Width} px");
        Assert.True(box.X + box.Width <= window.Width, $"the table's box ends at {box.X + box.Width} px in a window {window.Width} px wide");
    }

    /// <summary>Each cell of the row has the expected text (null: not checked here, e.g. durations the UI words).</summary>
    private static async Task ExpectCellsAsync(ILocator row, string?[] expected)
    {
        await Assertions.Expect(row).ToHaveCountAsync(1);
        var cells = row.GetByRole(AriaRole.Cell);
        await Assertions.Expect(cells).ToHaveCountAsync(expected.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] is { } text)
            {
                await Assertions.Expect(cells.Nth(i)).ToHaveTextAsync(text);
            }
        }
    }

    /// <summary>"Download CSV" saves what the CSV export answers for the page's report, which holds <paramref name="expected"/>.</summary>
    private async Task ExpectCsvAsync(IPage page, string query, string expected)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        Assert.Contains("format=csv", download.Url, StringComparison.Ordinal);
        Assert.Contains(query, download.Url, StringComparison.Ordinal);
        var saved = await File.ReadAllTextAsync((await download.PathAsync())!);
        var answer = await product.Api.GetAsync(new Uri(download.Url).PathAndQuery);
        Assert.Equal("text/csv", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await answer.Content.ReadAsStringAsync(), saved);
        Assert.Contains(expected, saved, StringComparison.Ordinal);
    }

    private static string Count(JsonNode? value) => value!.GetValue<long>().ToString(CultureInfo.InvariantCulture);

    private static string Decimal(JsonNode? value) =>
        value is null ? "—" : (Math.Round(value.GetValue<double>() * 10, MidpointRounding.AwayFromZero) / 10).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Percent(JsonNode? value) => value is null ? "—" : Decimal(value) + " %";

    /// <summary>The change column as the page words it: "new" after a period without any, else an arrow and the signed percentage.</summary>
    private static string Change(JsonNode row)
    {
        var count = row["count"]!.GetValue<long>();
        var previous = row["previousCount"]!.GetValue<long>();
        if (previous == 0)
        {
            return count == 0 ? "—" : "new";
        }

        var change = Math.Round((row["changePercent"]?.GetValue<double>() ?? 100.0 * (count - previous) / previous) * 10, MidpointRounding.AwayFromZero) / 10;
        var percent = Math.Abs(change).ToString("0.#", CultureInfo.InvariantCulture);
        return change > 0 ? $"▲ +{percent} %" : change < 0 ? $"▼ −{percent} %" : "= 0 %";
    }
}
