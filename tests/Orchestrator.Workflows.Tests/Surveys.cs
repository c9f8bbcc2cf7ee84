using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests;

/// <summary>
/// The satisfaction survey a case calls once the customer is told the outcome (process <c>satisfaction-survey</c>): finds it,
/// answers it as the customer does (message <c>survey-response</c> by the case's tracking token).
/// </summary>
public static class Surveys
{
    /// <summary>The survey instance <paramref name="instance"/> called, once it waits for the answer; <paramref name="work"/> runs on each look (e.g. sending notifications).</summary>
    public static async Task<string> WaitingAsync(ServerFixture server, string instance, Func<Task>? work = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        string? survey = null;
        Assert.True(await Poll.Until(async () =>
        {
            if (work is not null)
            {
                await work();
            }

            survey = (await server.SearchAsync("process-instances", new { parentProcessInstanceKey = instance, processDefinitionId = "satisfaction-survey" }))
                .FirstOrDefault()?["processInstanceKey"]?.GetValue<string>();
            return survey is not null
                && (await server.SearchAsync("element-instances", new { processInstanceKey = survey, elementId = "awaitSurvey", state = "ACTIVE" })).Count > 0;
        }), $"instance {instance} does not wait for a survey answer");
        return survey!;
    }

    /// <summary>Answers the survey of <paramref name="instance"/> (once it waits) with <paramref name="variables"/> (<c>csat</c>, <c>nps</c>, <c>surveyComment</c>).</summary>
    public static async Task AnswerAsync(ServerFixture server, string instance, object variables, Func<Task>? work = null)
    {
        await WaitingAsync(server, instance, work);
        await server.PostOkAsync("/v2/messages/publication", new { name = "survey-response", correlationKey = await TokenAsync(server, instance), variables });
    }

    /// <summary>The case's tracking token.</summary>
    public static async Task<string> TokenAsync(ServerFixture server, string instance)
    {
        ArgumentNullException.ThrowIfNull(server);
        var token = Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = instance, scopeKey = instance, name = "trackingToken" }))!;
        return token["value"]!.GetValue<string>().Trim('"');
    }
}
