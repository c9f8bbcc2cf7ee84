using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Orchestrator.Server.Hosting;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Telemetry;

/// <summary>
/// <c>/metrics</c> after driving a real process through the API: the engine's, the jobs', the incidents', the timers',
/// the SLA's and the journal's numbers move; only an admin or operator may scrape.
/// </summary>
public sealed class MetricsTests(MetricsFixture server) : IClassFixture<MetricsFixture>
{
    [Fact]
    public async Task A_completed_job_is_counted_by_its_type_with_the_commands_and_commits_that_did_it()
    {
        await server.DeployAsync("Telemetry/metered.bpmn");
        var jobType = "metered.pack-" + Guid.NewGuid().ToString("N");
        await server.StartAsync("metered", new { jobType });
        var job = Assert.Single(await server.ActivateAsync(jobType))!["jobKey"]!.GetValue<string>();

        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job}/completion", new { }));

        var metrics = await ScrapeAsync();
        Assert.Equal(1, PrometheusText.Sum(metrics, "orchestrator_jobs_activated_total", $"job_type={jobType}"));
        Assert.Equal(1, PrometheusText.Sum(metrics, "orchestrator_jobs_completed_total", $"job_type={jobType}"));
        Assert.Null(PrometheusText.Sum(metrics, "orchestrator_jobs_failed_total", $"job_type={jobType}"));
        Assert.True(PrometheusText.Sum(metrics, "orchestrator_engine_command_duration_seconds_count", "engine_command=CompleteJob") >= 1, metrics);
        Assert.True(PrometheusText.Sum(metrics, "orchestrator_engine_command_duration_seconds_count", "engine_command=ActivateJobs") >= 1, metrics);
        Assert.True(PrometheusText.Sum(metrics, "orchestrator_journal_batch_size_count") >= 1, metrics);
        Assert.True(PrometheusText.Sum(metrics, "orchestrator_journal_commit_duration_seconds_count") >= 1, metrics);
        Assert.True(PrometheusText.Sum(metrics, "http_server_request_duration_seconds_count", "http_route=/v2/jobs/{key}/completion") >= 1, metrics);
    }

    [Fact]
    public async Task A_job_failed_without_retries_counts_the_failure_and_the_incident_it_opened()
    {
        await server.DeployAsync("Telemetry/metered.bpmn");
        var jobType = "metered.pack-" + Guid.NewGuid().ToString("N");
        await server.StartAsync("metered", new { jobType });
        var job = Assert.Single(await server.ActivateAsync(jobType))!["jobKey"]!.GetValue<string>();

        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job}/failure", new { retries = 0, errorMessage = "printer jammed" }));

        var metrics = await ScrapeAsync();
        Assert.Equal(1, PrometheusText.Sum(metrics, "orchestrator_jobs_failed_total", $"job_type={jobType}"));
        Assert.True(PrometheusText.Sum(metrics, "orchestrator_incidents_created_total", "incident_type=JOB_NO_RETRIES", "bpmn_process_id=metered") >= 1, metrics);
    }

    [Fact]
    public async Task A_fired_timer_and_a_breached_task_sla_are_counted() => await server.RunAtAsync(DateTimeOffset.UtcNow.AddDays(40), async () =>
    {
        await server.DeployAsync("Telemetry/metered.bpmn");
        var jobType = "metered.pack-" + Guid.NewGuid().ToString("N");
        var instance = await server.StartAsync("metered", new { jobType });
        var job = Assert.Single(await server.ActivateAsync(jobType))!["jobKey"]!.GetValue<string>();
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job}/completion", new { }));

        await server.PinAsync(server.Now.AddHours(1).AddMinutes(1));
        Assert.True(await Poll.Until(async () => (await server.SearchAsync("user-tasks", new { processInstanceKey = instance })).Count == 1), "the timer did not fire");
        await server.PinAsync(server.Now.AddHours(3));

        Assert.True(await Poll.Until(async () => PrometheusText.Sum(await ScrapeAsync(), "orchestrator_sla_breaches_total", "sla_subject=USER_TASK", "bpmn_process_id=metered") >= 1),
            "no SLA breach counted");
        var metrics = await ScrapeAsync();
        Assert.True(PrometheusText.Sum(metrics, "orchestrator_timers_fired_total", "bpmn_process_id=metered") >= 1, metrics);
        Assert.True(PrometheusText.Sum(metrics, "orchestrator_sla_warnings_total", "sla_subject=USER_TASK", "bpmn_process_id=metered") >= 1, metrics);
    });

    [Fact]
    public async Task A_refused_command_is_measured_with_its_error_and_traced_as_a_failed_span()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == EngineHost.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        const string missingJob = "2251799813685249";

        await ApiAssert.Problem(await server.PostAsync($"/v2/jobs/{missingJob}/completion", new { }), 404, "NOT_FOUND");

        var metrics = await ScrapeAsync();
        Assert.True(PrometheusText.Sum(metrics, "orchestrator_engine_command_duration_seconds_count", "engine_command=CompleteJob", "error_type=NOT_FOUND") >= 1, metrics);
        lock (spans)
        {
            Assert.Contains(spans, s => s.DisplayName == "CompleteJob" && s.Status == ActivityStatusCode.Error && (string?)s.GetTagItem("error.type") == "NOT_FOUND"
                && s.StatusDescription!.Contains(missingJob, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_runtimes_garbage_collections_and_thread_pool_are_scraped_beside_the_engines_numbers()
    {
        // The test server runs in this process: a collection forced here is one the scrape must count.
        GC.Collect(0);

        var metrics = await ScrapeAsync();
        Assert.True(PrometheusText.Sum(metrics, "dotnet_gc_collections_total", "gc_heap_generation=gen0") >= 1, metrics);
        Assert.NotNull(PrometheusText.Sum(metrics, "dotnet_gc_pause_time_seconds_total"));
        Assert.True(PrometheusText.Sum(metrics, "dotnet_thread_pool_thread_count") >= 1, metrics);
    }

    [Fact]
    public async Task Only_a_role_with_metrics_read_may_scrape()
    {
        // (Without credentials this fixture's anonymous access acts as an admin; the permission matrix test covers 401.)
        using var agent = server.ClientAs("alice", MetricsFixture.Password);
        using var prometheus = server.NewClient();
        prometheus.DefaultRequestHeaders.Add("X-API-Key", MetricsFixture.PrometheusKey);

        await ApiAssert.Problem(await agent.GetAsync("/metrics"), 403, "FORBIDDEN");
        var scraped = await prometheus.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Equal("text/plain", scraped.Content.Headers.ContentType?.MediaType);
    }

    private async Task<string> ScrapeAsync()
    {
        using var oscar = server.ClientAs("oscar", MetricsFixture.Password);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        var response = await oscar.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {text}");
        return text;
    }
}
