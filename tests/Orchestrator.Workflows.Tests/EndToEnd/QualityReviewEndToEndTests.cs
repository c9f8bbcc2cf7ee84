using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.EndToEnd;

/// <summary>
/// quality-review as the QA sampler starts it: the reviewer <c>quinn</c> claims the scorecard and completes it; the review
/// keeps the score and the red lines, and a red line is told to the agent's team lead by the simulated notification service.
/// </summary>
public sealed class QualityReviewEndToEndTests(SimulatedWorldServer server) : IClassFixture<SimulatedWorldServer>
{
    // Wednesday 2 December 2026, 10:00 in Shanghai: the default calendar's working hours (09:00-18:00 on weekdays).
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_review_without_a_red_line_completes_with_the_criteria_score_and_tells_nobody()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var review = await server.StartAsync("quality-review", Sample("QR-CASE-1", teamLead: "lena", "rate"));

            var task = await TaskAsync(review);
            var form = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/user-tasks/{task["userTaskKey"]}/form"));
            Assert.Equal(("qa-reviewers", "quality-scorecard", 50), (task["candidateGroups"]![0]!.GetValue<string>(), form["formId"]!.GetValue<string>(), task["priority"]!.GetValue<int>()));
            // Two working days: 8 hours on Wednesday, 9 on Thursday, the last one on Friday morning.
            Assert.Equal("2026-12-04T02:00:00.000Z", task["dueDate"]!.GetValue<string>());
            // What the reviewer sends beyond the scorecard's fields is refused, and only the scorecard's outputs leave the task: she
            // cannot point the review at another case.
            await ReviewAsync(task, new { accuracy = 5, policy = 4, resolution = 4, tone = 3, clarity = 5, redLines = Array.Empty<string>(), reviewNote = "Clear and kind" },
                refused: new { accuracy = 5, reviewedInstanceKey = "1" });

            Assert.True(await Poll.Until(async () => await StateAsync(review) == "COMPLETED"), "the review did not complete");
            Assert.Equal(80m, (await VariableAsync(review, "score"))!.GetValue<decimal>());
            Assert.Empty((await VariableAsync(review, "redLines"))!.AsArray());
            Assert.Equal("Clear and kind", (await VariableAsync(review, "reviewNote"))!.GetValue<string>());
            Assert.Equal("2251799813690000", (await VariableAsync(review, "reviewedInstanceKey"))!.GetValue<string>());
            Assert.Equal(5, (await VariableAsync(review, "criteria"))!["accuracy"]!.GetValue<int>());
            Assert.Single(await server.SearchAsync("element-instances", new { processInstanceKey = review, elementId = "reviewed", state = "COMPLETED" }));
            Assert.Equal("quinn", Assert.Single(await server.SearchAsync("user-tasks", new { processInstanceKey = review }))!["assignee"]!.GetValue<string>());
            Assert.Empty(await RedLineMessagesAsync("QR-CASE-1"));
        });
    }

    [Fact]
    public async Task A_red_line_is_told_to_the_agents_team_lead_with_the_lines_crossed_and_the_note()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var review = await server.StartAsync("quality-review", Sample("QR-CASE-2", teamLead: "lena", "rate", "sla-breached"));

            var task = await TaskAsync(review);
            Assert.Equal(80, task["priority"]!.GetValue<int>());
            await ReviewAsync(task, new { accuracy = 2, policy = 1, resolution = 3, tone = 1, clarity = 3, redLines = new List<string> { "wrong-amount", "rude" }, reviewNote = "Refunded 50 instead of 500" });

            Assert.True(await Poll.Until(async () => await StateAsync(review) == "COMPLETED"), "the review did not complete");
            Assert.Equal(25m, (await VariableAsync(review, "score"))!.GetValue<decimal>());
            Assert.Equal(["wrong-amount", "rude"], (await VariableAsync(review, "redLines"))!.AsArray().Select(c => c!.GetValue<string>()));
            var told = Assert.Single(await RedLineMessagesAsync("QR-CASE-2"))!;
            Assert.Equal(("user:lena", "en", "app"), (Text(told, "customerId"), Text(told, "language"), Text(told, "channel")));
            Assert.Equal("QA review: red line crossed by alice", Text(told, "subject"));
            var body = Text(told, "body");
            Assert.Contains("Task: Review the return (return-and-refund)", body, StringComparison.Ordinal);
            Assert.Contains("Score: 25 / 100", body, StringComparison.Ordinal);
            Assert.Contains("Red lines crossed:\n- Wrong amount\n- Rude or dismissive\n", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Promised what policy forbids", body, StringComparison.Ordinal);
            Assert.EndsWith("Reviewer's note: Refunded 50 instead of 500", body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Without_a_team_lead_a_red_line_is_told_to_the_agents_group()
    {
        await server.RunAtAsync(Start, async () =>
        {
            var review = await server.StartAsync("quality-review", Sample("QR-CASE-3", teamLead: null, "tier3"));

            var task = await TaskAsync(review);
            Assert.Equal(80, task["priority"]!.GetValue<int>());
            // The form sends an empty note as "".
            await ReviewAsync(task, new { accuracy = 4, policy = 2, resolution = 4, tone = 4, clarity = 4, redLines = new List<string> { "forbidden-promise" }, reviewNote = "" });

            Assert.True(await Poll.Until(async () => await StateAsync(review) == "COMPLETED"), "the review did not complete");
            Assert.Equal("null", Assert.Single(await server.SearchAsync("variables", new { scopeKey = review, name = "reviewNote" }))!["value"]!.GetValue<string>());
            var told = Assert.Single(await RedLineMessagesAsync("QR-CASE-3"))!;
            Assert.Equal("team:returns-agents", Text(told, "customerId"));
            Assert.Contains("- Promised what policy forbids", Text(told, "body"), StringComparison.Ordinal);
            Assert.DoesNotContain("Reviewer's note", Text(told, "body"), StringComparison.Ordinal);
        });
    }

    /// <summary>The start variables the QA sampler gives a review of alice's "Review the return" task.</summary>
    private static object Sample(string caseReference, string? teamLead, params string[] reasons) => new
    {
        reviewedTaskKey = "2251799813690001",
        reviewedTaskName = "Review the return",
        reviewedElementId = "review",
        reviewedProcessId = "return-and-refund",
        reviewedInstanceKey = "2251799813690000",
        caseReference,
        agent = "alice",
        agentGroup = "returns-agents",
        teamLead,
        sampleReasons = reasons,
        agentInput = new { approved = true, refundAmount = 50, note = "Refund approved" },
    };

    private async Task<JsonNode> TaskAsync(string review)
    {
        JsonNode? task = null;
        Assert.True(await Poll.Until(async () => (task = (await server.SearchAsync("user-tasks", new { processInstanceKey = review, elementId = "review", state = "CREATED" })).FirstOrDefault()) is not null),
            "the review has no scorecard task");
        return task!;
    }

    /// <summary>The reviewer claims the task and completes it with the scorecard (after a refused completion with <paramref name="refused"/>, when given).</summary>
    private async Task ReviewAsync(JsonNode task, object scorecard, object? refused = null)
    {
        using var quinn = server.ClientAs("quinn", SimulatedWorldServer.ReviewerPassword);
        var key = task["userTaskKey"]!.GetValue<string>();
        await ApiAssert.NoContent(await quinn.PostAsJsonAsync($"/v2/user-tasks/{key}/assignment", new { assignee = "quinn" }));
        if (refused is not null)
        {
            var problem = await ApiAssert.Problem(await quinn.PostAsJsonAsync($"/v2/user-tasks/{key}/completion", new { variables = refused }), 403, "FORBIDDEN");
            Assert.Contains("form 'quality-scorecard' (accuracy, clarity, policy, redLines, resolution, reviewNote, tone), not reviewedInstanceKey", problem, StringComparison.Ordinal);
        }

        await ApiAssert.NoContent(await quinn.PostAsJsonAsync($"/v2/user-tasks/{key}/completion", new { variables = scorecard }));
    }

    private async Task<string> StateAsync(string instance) =>
        (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}")))["state"]!.GetValue<string>();

    private async Task<JsonNode?> VariableAsync(string instance, string name)
    {
        var variable = (await server.SearchAsync("variables", new { scopeKey = instance, name })).FirstOrDefault();
        return variable is null ? null : JsonNode.Parse(variable["value"]!.GetValue<string>());
    }

    private async Task<List<JsonNode?>> RedLineMessagesAsync(string caseReference) =>
        [.. (await server.WorldAsync())["notifications"]!.AsArray()
            .Where(n => Text(n!, "template") == "quality-red-line" && Text(n!, "body").Contains("Case: " + caseReference, StringComparison.Ordinal))];

    private static string Text(JsonNode node, string name) => node[name]?.GetValue<string>() ?? "";
}
