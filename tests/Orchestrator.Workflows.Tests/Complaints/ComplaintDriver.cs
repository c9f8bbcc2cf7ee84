using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Workflows.Tests.Complaints;

/// <summary>
/// Runs complaint-escalation cases on a <see cref="WorkflowServer"/>: starts one, answers its lookups from <see cref="Shop"/>,
/// sends its notifications (recording them in <see cref="Sent"/>) and reaches its tasks.
/// </summary>
public sealed class ComplaintDriver(WorkflowServer server)
{
    /// <summary>The orders and customers the lookups answer with.</summary>
    public ShopStub Shop { get; } = new(server);

    /// <summary>The <c>notify.send</c> jobs sent so far (their variables), in order.</summary>
    public List<JsonNode> Sent { get; } = [];

    /// <summary>Starts a complaint and answers its order and customer lookups.</summary>
    public async Task<string> StartAsync(object variables)
    {
        var instance = await server.StartAsync("complaint-escalation", variables);
        await Shop.AnswerLookupsAsync(instance);
        return instance;
    }

    /// <summary>Sends the instance's open notifications.</summary>
    public async Task NotifyAsync(string instance) => Sent.AddRange(await server.CompleteJobsAsync("notify.send", instance));

    /// <summary>The instance's open task at <paramref name="elementId"/>, sending notifications until it is there.</summary>
    public async Task<JsonNode> TaskAsync(string instance, string elementId)
    {
        Assert.True(await Poll.Until(async () =>
        {
            await NotifyAsync(instance);
            return (await server.SearchAsync("user-tasks", new { processInstanceKey = instance, elementId, state = "CREATED" })).Count > 0;
        }), $"no open task '{elementId}'");
        return await server.TaskAsync(instance, elementId);
    }

    /// <summary>The first notification sent with <paramref name="template"/> (to <paramref name="customerId"/> if given), sending until there is one.</summary>
    public async Task<JsonNode> MessageAsync(string instance, string template, string? customerId = null)
    {
        JsonNode? found = null;
        Assert.True(await Poll.Until(async () =>
        {
            await NotifyAsync(instance);
            found = Sent.FirstOrDefault(n => Text(n, "template") == template && (customerId is null || Text(n, "customerId") == customerId));
            return found is not null;
        }), $"no '{template}' message");
        return found!;
    }

    /// <summary>Completes a user task with variables.</summary>
    public async Task CompleteAsync(JsonNode task, object variables) =>
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/completion", new { variables }));

    /// <summary>Sends notifications until the instance has completed <paramref name="elementId"/>.</summary>
    public async Task<bool> PassAsync(string instance, string elementId) =>
        await Poll.Until(async () =>
        {
            await NotifyAsync(instance);
            return (await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId, state = "COMPLETED" })).Count > 0;
        });

    /// <summary>A text entry of a notification job's variables (<c>customerId</c>, <c>template</c>, ...) or of its <c>data</c>.</summary>
    public static string? Text(JsonNode notification, string name) =>
        (notification[name] ?? notification["data"]?[name])?.ToString();
}
