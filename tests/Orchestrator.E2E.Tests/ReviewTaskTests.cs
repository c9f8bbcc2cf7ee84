using Microsoft.Playwright;
using Orchestrator.Testing;

namespace Orchestrator.E2E.Tests;

/// <summary>A quality reviewer opens a review task and sees the reviewed work: the agent's input, why it was sampled, the case and its history.</summary>
[Collection(ProductTests.Name)]
public sealed class ReviewTaskTests(ProductServer product)
{
    private static readonly string[] SampleReasons = ["tier3", "low-csat"];

    [Fact]
    public async Task A_review_task_shows_the_agents_input_and_the_reviewed_cases_history()
    {
        var reviewed = await FeedbackCase.FinishAsync(product, new { });
        await product.DeployAsync("review.bpmn");
        await product.StartAsync("e2e-review", new
        {
            reviewedInstanceKey = reviewed, reviewedProcessId = "e2e-feedback", reviewedTaskName = "Handle the feedback", agent = "alice",
            caseReference = "E2E-REVIEWED", sampleReasons = SampleReasons,
            agentInput = new { resolution = FeedbackCase.Resolution, replacementOrder = new { sku = "SKU-MUG", quantity = 1 } },
        });

        await product.AsUserAsync("admin", nameof(A_review_task_shows_the_agents_input_and_the_reviewed_cases_history), async page =>
        {
            await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Score the handling" }).Last.GetByRole(AriaRole.Button, new() { Name = "Score the handling" }).ClickAsync();

            var work = page.GetByRole(AriaRole.Region, new() { Name = "Reviewed work" });
            await Assertions.Expect(work.GetByRole(AriaRole.Heading, new() { Name = "Reviewed: “Handle the feedback” by alice" })).ToBeVisibleAsync();
            await Assertions.Expect(work).ToContainTextAsync("Sampled becausetier-3 complaint, low CSAT");
            var input = work.GetByRole(AriaRole.Region, new() { Name = "Agent input" });
            await Assertions.Expect(input).ToContainTextAsync($"Resolution{FeedbackCase.Resolution}");
            await Assertions.Expect(input).ToContainTextAsync("Replacement order");
            await Assertions.Expect(input).ToContainTextAsync("\"sku\": \"SKU-MUG\"");
            await Assertions.Expect(work.GetByRole(AriaRole.Region, new() { Name = "Reviewed case", Exact = true })).ToContainTextAsync("E2E-VOC-");
            var history = work.GetByRole(AriaRole.Region, new() { Name = "History of the reviewed case" });
            await Assertions.Expect(history).ToContainTextAsync("Task \"Handle the feedback\" completed by alice");
            await Assertions.Expect(history).ToContainTextAsync("Process completed");
        });
    }

    [Fact]
    public async Task A_qa_reviewer_opens_the_review_the_sampler_started_and_sees_the_reviewed_case()
    {
        var reviewed = await FeedbackCase.FinishAsync(product, new { });
        Assert.True(await Poll.Until(async () =>
            (await product.SearchAsync("variables", new { name = "reviewedInstanceKey", value = $"\"{reviewed}\"" }))
                .Any(v => v!["value"]!.GetValue<string>() == $"\"{reviewed}\"")),
            $"no quality review was started for the tier-3 task of {reviewed}");

        await product.AsUserAsync("quinn", nameof(A_qa_reviewer_opens_the_review_the_sampler_started_and_sees_the_reviewed_case), async page =>
        {
            // The newest review is the last of the queue (same priority, no due date: oldest first).
            await page.GetByRole(AriaRole.Button, new() { Name = "Review a sampled task" }).Last.ClickAsync();

            var work = page.GetByRole(AriaRole.Region, new() { Name = "Reviewed work" });
            await Assertions.Expect(work.GetByRole(AriaRole.Heading, new() { Name = "Reviewed: “Handle the feedback” by alice" })).ToBeVisibleAsync();
            await Assertions.Expect(work).ToContainTextAsync("tier-3 complaint");
            await Assertions.Expect(work.GetByRole(AriaRole.Region, new() { Name = "Reviewed case", Exact = true })).ToContainTextAsync($"e2e-feedback #{reviewed}");
            await Assertions.Expect(work.GetByRole(AriaRole.Region, new() { Name = "History of the reviewed case" }))
                .ToContainTextAsync("Task \"Handle the feedback\" completed by alice");
        });
    }
}
