using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>
/// The dashboard's period and filters change the figures as the API answers them; each figure leads to the instances or
/// tasks it counts; each table downloads as CSV; an empty base is worded as nothing to measure; the dashboard and its
/// reports fit a phone without sideways scrolling, in Chinese.
/// </summary>
[Collection(ProductTests.Name)]
public sealed class DashboardFilterTests(ProductServer product)
{
    private const string Process = "e2e-answer";

    [Fact]
    public async Task A_process_filter_and_a_range_change_the_figures_as_the_api_says_and_the_figures_lead_to_instances_and_tasks()
    {
        await ApiAssert.NoContent(await product.Api.PostAsync("/v2/clock/reset", null));
        await product.DeployAsync("answer.bpmn");
        await product.StartAsync(Process, new { orderId = "E2E-FILTER-1" });
        await product.StartAsync(Process, new { orderId = "E2E-FILTER-2" });

        await product.AsUserAsync("admin", nameof(A_process_filter_and_a_range_change_the_figures_as_the_api_says_and_the_figures_lead_to_instances_and_tasks), async page =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
            var filtered = await DashboardAsync(page, "processDefinitionId=e2e-answer", () => page.GetByLabel("Process", new() { Exact = true }).FillAsync(Process));
            var open = Figures(filtered)["open"]!.GetValue<int>();
            Assert.True(open >= 2, $"the two instances started are open: {filtered}");
            Assert.Single(filtered["processes"]!.AsArray());
            await ExpectFigureAsync(page, "Open cases", open);
            await Assertions.Expect(ProcessRow(page).GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync(open.ToString(CultureInfo.InvariantCulture));

            // A day long past holds none of them; today holds both.
            var today = await page.EvaluateAsync<string>("() => new Date().toLocaleDateString('sv')");
            var past = DateOnly.ParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddYears(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await page.GetByLabel("To", new() { Exact = true }).FillAsync(past);
            var before = await DashboardAsync(page, "processDefinitionId=e2e-answer", () => page.GetByLabel("From", new() { Exact = true }).FillAsync(past));
            Assert.NotNull(before["from"]);
            Assert.Empty(before["processes"]!.AsArray());
            await ExpectFigureAsync(page, "Open cases", 0);
            await Assertions.Expect(ProcessRow(page)).ToHaveCountAsync(0);

            await page.GetByLabel("From", new() { Exact = true }).FillAsync(today);
            var now = await DashboardAsync(page, "processDefinitionId=e2e-answer", () => page.GetByLabel("To", new() { Exact = true }).FillAsync(today));
            var openToday = Figures(now)["open"]!.GetValue<int>();
            Assert.True(openToday >= 2, $"today's two instances: {now}");
            await ExpectFigureAsync(page, "Open cases", openToday);

            // Click-through: the open cases to the operations list, the open tasks to the task list, both under the filters.
            var from = Uri.EscapeDataString(now["from"]!.GetValue<DateTimeOffset>().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            await page.GetByRole(AriaRole.Group, new() { Name = "Open cases" }).GetByRole(AriaRole.Link).ClickAsync();
            Assert.Contains($"#/operations?process={Process}&state=ACTIVE&from={from}&to=", page.Url, StringComparison.Ordinal);
            await page.GoBackAsync();
            await page.GetByRole(AriaRole.Group, new() { Name = "Open tasks" }).GetByRole(AriaRole.Link).ClickAsync();
            Assert.EndsWith($"#/tasks?process={Process}", page.Url, StringComparison.Ordinal);
            await page.GoBackAsync();
            await ProcessRow(page).GetByRole(AriaRole.Cell).Nth(3).GetByRole(AriaRole.Link).ClickAsync();
            Assert.EndsWith($"#/tasks?process={Process}&sla=breached", page.Url, StringComparison.Ordinal);
            await page.GoBackAsync();

            // The table as CSV: the API's field names, the figures the page shows.
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV: Figures per process" }).ClickAsync());
            var csv = (await File.ReadAllTextAsync((await download.PathAsync())!)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("processDefinitionId,open,closed,slaMet,slaBreached", csv[0], StringComparison.Ordinal);
            Assert.Equal([Process, openToday.ToString(CultureInfo.InvariantCulture)], csv[1].Split(',')[..2]);
            Assert.Equal("dashboard-processes.csv", download.SuggestedFilename);
        });
    }

    [Fact]
    public async Task An_operator_is_led_to_instances_but_not_to_the_task_list_they_cannot_open()
    {
        await ApiAssert.NoContent(await product.Api.PostAsync("/v2/clock/reset", null));
        await product.DeployAsync("answer.bpmn");
        await product.StartAsync(Process, new { orderId = "E2E-FILTER-3" });

        await product.AsUserAsync("oscar", nameof(An_operator_is_led_to_instances_but_not_to_the_task_list_they_cannot_open), async page =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
            await DashboardAsync(page, "processDefinitionId=e2e-answer", () => page.GetByLabel("Process", new() { Exact = true }).FillAsync(Process));
            await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Open cases" }).GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Open tasks" }).GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
            await Assertions.Expect(ProcessRow(page).GetByRole(AriaRole.Rowheader).GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"#/operations?process={Process}");
        });
    }

    [Fact]
    public async Task With_nothing_resolved_the_page_says_there_is_nothing_to_measure_instead_of_a_percentage_of_nothing()
    {
        await product.AsUserAsync("admin", nameof(With_nothing_resolved_the_page_says_there_is_nothing_to_measure_instead_of_a_percentage_of_nothing), async page =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
            var channel = "e2e-none-" + Guid.NewGuid().ToString("N");
            var empty = await DashboardAsync(page, "channel=" + channel, () => page.GetByLabel("Channel", new() { Exact = true }).FillAsync(channel));
            Assert.Equal(0, empty["firstContact"]!["resolvedCases"]!.GetValue<int>());
            await Assertions.Expect(page.GetByText("First-contact resolution: no case has been resolved yet, so there is nothing to measure.")).ToBeVisibleAsync();
            var firstContact = page.GetByRole(AriaRole.Group, new() { Name = "First-contact resolution" });
            await Assertions.Expect(firstContact.Locator(".value")).ToHaveTextAsync("—");
            await Assertions.Expect(firstContact).ToContainTextAsync("nothing to measure yet");
            await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "SLA compliance" })).ToContainTextAsync("no SLA met or breached yet");
            await Assertions.Expect(page.GetByText("%")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task On_a_phone_in_Chinese_the_dashboard_and_its_reports_fit_the_screen()
    {
        await product.AsUserAsync("admin", nameof(On_a_phone_in_Chinese_the_dashboard_and_its_reports_fit_the_screen), new ViewportSize { Width = 390, Height = 844 }, async page =>
        {
            await page.EvaluateAsync("() => localStorage.setItem('orchestrator.language', 'zh-CN')");
            await page.GotoAsync(product.Address + "#/dashboard");
            await page.ReloadAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "看板", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "各流程指标" })).ToBeAttachedAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "首次联系解决率" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("首次联系解决率：")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "时间范围与筛选" }).GetByLabel("流程", new() { Exact = true })).ToBeVisibleAsync();
            await ExpectNoSidewaysScrollAsync(page);

            foreach (var (section, heading) in new[] { ("kpis", "按客服统计的关键指标"), ("voc", "按原因统计的工单"), ("quality", "按客服统计的质检") })
            {
                await page.GetByRole(AriaRole.Navigation, new() { Name = "看板栏目" }).GetByRole(AriaRole.Link).Nth(section switch { "kpis" => 1, "voc" => 2, _ => 3 }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 2 })).ToBeVisibleAsync();
                await ExpectNoSidewaysScrollAsync(page);
            }
        });
    }

    /// <summary>Does <paramref name="action"/> and returns the dashboard figures the page asked for because of it (the query holding <paramref name="query"/>).</summary>
    private static async Task<JsonNode> DashboardAsync(IPage page, string query, Func<Task> action)
    {
        var response = await page.RunAndWaitForResponseAsync(action, r => new Uri(r.Url).AbsolutePath == "/api/dashboard" && r.Url.Contains(query, StringComparison.Ordinal));
        Assert.Equal(200, response.Status);
        return JsonNode.Parse(await response.TextAsync())!;
    }

    private static JsonNode Figures(JsonNode dashboard) => dashboard["processes"]!.AsArray().Single(p => p!["processDefinitionId"]!.GetValue<string>() == Process)!;

    private static ILocator ProcessRow(IPage page) =>
        page.GetByRole(AriaRole.Table, new() { Name = "Figures per process" }).GetByRole(AriaRole.Row)
            .Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = Process, Exact = true }) });

    private static Task ExpectFigureAsync(IPage page, string figure, int value) =>
        Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = figure }).Locator(".value")).ToHaveTextAsync(value.ToString("N0", CultureInfo.GetCultureInfo("en")));

    private static async Task ExpectNoSidewaysScrollAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width} px wide at 390 px ({page.Url})");
    }
}
