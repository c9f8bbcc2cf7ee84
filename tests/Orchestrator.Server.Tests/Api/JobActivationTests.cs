using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Server.Hosting;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>Job activation as workers use it: long-polling, answering at once on request, fetching some variables, moving the lease.</summary>
public sealed class JobActivationTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_waiting_activation_is_answered_when_a_job_of_its_type_is_created()
    {
        await server.DeployAsync("Api/job-work.bpmn");
        var type = NewType();
        var signals = server.Services.GetRequiredService<JobSignals>();
        var clock = Stopwatch.StartNew();

        var activation = server.PostAsync("/v2/jobs/activation", new { type, worker = "w1", timeout = 60_000, maxJobsToActivate = 5, requestTimeout = 5_000 });
        Assert.True(await Poll.Until(() => signals.IsAwaited(type) || activation.IsCompleted), "the activation never started waiting");
        Assert.False(activation.IsCompleted, "the activation answered before any job of its type existed");
        var instance = await server.StartAsync("job-work", new { jobType = type });
        var jobs = (await ApiAssert.OkJson(await activation))["jobs"]!.AsArray();

        // A generous bound: far below the 5 s request timeout, so the job woke the request.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"the activation took {clock.Elapsed}");
        var job = Assert.Single(jobs)!;
        Assert.Equal(instance, job["processInstanceKey"]!.GetValue<string>());
        Assert.Equal(type, job["type"]!.GetValue<string>());
        Assert.Equal("w1", job["worker"]!.GetValue<string>());
        Assert.Equal("BPMN_ELEMENT", job["kind"]!.GetValue<string>());
        Assert.Equal("UNSPECIFIED", job["listenerEventType"]!.GetValue<string>());
        Assert.Equal("work", job["elementId"]!.GetValue<string>());
        Assert.True(job["deadline"]!.GetValue<long>() > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_negative_request_timeout_answers_at_once_with_no_jobs()
    {
        var response = await server.PostOkAsync("/v2/jobs/activation", new { type = NewType(), timeout = 60_000, maxJobsToActivate = 1, requestTimeout = -1 });

        Assert.Empty(response["jobs"]!.AsArray());
    }

    [Fact]
    public async Task Fetch_variable_limits_the_variables_of_the_activated_job()
    {
        await server.DeployAsync("Api/job-work.bpmn");
        var type = NewType();
        await server.StartAsync("job-work", new { jobType = type, orderId = "A-1", amount = 12, secret = "x" });

        var response = await server.PostOkAsync("/v2/jobs/activation", new
        {
            type, timeout = 60_000, maxJobsToActivate = 1, requestTimeout = -1, fetchVariable = OrderAndAmount, tenantIds = DefaultTenant,
        });

        var variables = Assert.Single(response["jobs"]!.AsArray())!["variables"]!.AsObject();
        Assert.Equal(["amount", "orderId"], variables.Select(v => v.Key).Order(StringComparer.Ordinal));
        Assert.Equal(12, variables["amount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Max_jobs_to_activate_caps_the_batch_and_activated_jobs_are_not_handed_out_twice()
    {
        await server.DeployAsync("Api/job-work.bpmn");
        var type = NewType();
        for (var i = 0; i < 3; i++)
        {
            await server.StartAsync("job-work", new { jobType = type });
        }

        var first = await server.ActivateAsync(type, max: 2);
        var second = await server.ActivateAsync(type, max: 2);
        var third = await server.ActivateAsync(type, max: 2);

        Assert.Equal(2, first.Count);
        Assert.Single(second);
        Assert.Empty(third);
    }

    [Fact]
    public async Task Shortening_the_timeout_hands_the_job_out_again_once_it_runs_out()
    {
        await server.DeployAsync("Api/job-work.bpmn");
        var type = NewType();
        await server.StartAsync("job-work", new { jobType = type });
        var job = Assert.Single(await server.ActivateAsync(type))!;
        var jobKey = job["jobKey"]!.GetValue<string>();
        Assert.Empty(await server.ActivateAsync(type));

        await ApiAssert.NoContent(await server.Client.PatchAsJsonAsync($"/v2/jobs/{jobKey}", new { changeset = new { timeout = 1 } }));

        JsonArray again = [];
        Assert.True(await Poll.Until(async () => (again = await server.ActivateAsync(type)).Count > 0), "the job was not handed out again after its lease ran out");
        Assert.Equal(jobKey, Assert.Single(again)!["jobKey"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_second_completion_of_a_job_is_not_found()
    {
        await server.DeployAsync("Api/job-work.bpmn");
        var type = NewType();
        var instance = await server.StartAsync("job-work", new { jobType = type });
        var jobKey = Assert.Single(await server.ActivateAsync(type))!["jobKey"]!.GetValue<string>();

        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{jobKey}/completion", new { variables = new { done = true } }));

        Assert.Equal("COMPLETED", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}")))["state"]!.GetValue<string>());
        await ApiAssert.Problem(await server.PostAsync($"/v2/jobs/{jobKey}/completion", null), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task A_failed_job_with_retries_left_is_activatable_again()
    {
        await server.DeployAsync("Api/job-work.bpmn");
        var type = NewType();
        await server.StartAsync("job-work", new { jobType = type });
        var jobKey = Assert.Single(await server.ActivateAsync(type))!["jobKey"]!.GetValue<string>();

        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{jobKey}/failure", new { retries = 2, errorMessage = "flaky", retryBackOff = 0 }));

        var again = Assert.Single(await server.ActivateAsync(type))!;
        Assert.Equal(jobKey, again["jobKey"]!.GetValue<string>());
        Assert.Equal(2, again["retries"]!.GetValue<int>());
    }

    private static readonly string[] OrderAndAmount = ["orderId", "amount"];
    private static readonly string[] DefaultTenant = ["<default>"];

    private static string NewType() => "jobs." + Guid.NewGuid().ToString("N");
}
