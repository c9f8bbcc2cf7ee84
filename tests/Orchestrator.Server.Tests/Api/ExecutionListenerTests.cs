using System.Net.Http.Json;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>Execution listeners through Camunda's job API: the kind and event of their jobs, a failure's incident, what a listener may not do.</summary>
public sealed class ExecutionListenerTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Listener_jobs_are_activated_with_their_kind_and_event_and_the_element_waits_for_them()
    {
        // Arrange
        await server.DeployAsync("Api/listeners.bpmn");
        var instance = await server.StartAsync("api-listeners", new { parcel = "P-1" });

        // Act
        var before = Assert.Single(await server.ActivateAsync("api-listeners.before"))!;
        var early = await server.ActivateAsync("api-listeners.ship");
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{before["jobKey"]}/completion", new { variables = new { checkedAt = "dock 4" } }));
        var ship = Assert.Single(await server.ActivateAsync("api-listeners.ship"))!;
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{ship["jobKey"]}/completion", new { variables = new { shipped = true } }));
        var after = Assert.Single(await server.ActivateAsync("api-listeners.after"))!;
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{after["jobKey"]}/completion", null));

        // Assert: the element's job came only after its start listener, which sees the process's variables
        Assert.Empty(early);
        Assert.Equal(("EXECUTION_LISTENER", "START", "ship"), (before["kind"]!.GetValue<string>(), before["listenerEventType"]!.GetValue<string>(), before["elementId"]!.GetValue<string>()));
        Assert.Equal("P-1", before["variables"]!["parcel"]!.GetValue<string>());
        Assert.Equal(("BPMN_ELEMENT", "UNSPECIFIED"), (ship["kind"]!.GetValue<string>(), ship["listenerEventType"]!.GetValue<string>()));
        Assert.Equal("dock 4", ship["variables"]!["checkedAt"]!.GetValue<string>());
        Assert.Equal(("EXECUTION_LISTENER", "END"), (after["kind"]!.GetValue<string>(), after["listenerEventType"]!.GetValue<string>()));
        var ended = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}"));
        Assert.Equal("COMPLETED", ended["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_listener_out_of_retries_opens_its_incident_and_may_not_throw_a_BPMN_error()
    {
        // Arrange
        await server.DeployAsync("Api/listeners.bpmn");
        var instance = await server.StartAsync("api-listeners");
        var before = Assert.Single(await server.ActivateAsync("api-listeners.before"))!;

        // Act
        var thrown = await server.PostAsync($"/v2/jobs/{before["jobKey"]}/error", new { errorCode = "not-allowed" });
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{before["jobKey"]}/failure", new { retries = 0, errorMessage = "carrier down" }));

        // Assert
        Assert.Contains("Cannot throw BPMN error from EXECUTION_LISTENER job", await ApiAssert.Problem(thrown, 409, "INVALID_STATE"), StringComparison.Ordinal);
        var incident = Assert.Single(await server.SearchAsync("incidents", new { processInstanceKey = instance }))!;
        Assert.Equal(("EXECUTION_LISTENER_NO_RETRIES", "ship", "carrier down"),
            (incident["errorType"]!.GetValue<string>(), incident["elementId"]!.GetValue<string>(), incident["errorMessage"]!.GetValue<string>()));

        // Act: retries back, the incident resolved, the listener answers
        await ApiAssert.NoContent(await server.Client.PatchAsJsonAsync($"/v2/jobs/{before["jobKey"]}", new { changeset = new { retries = 1 } }));
        await ApiAssert.NoContent(await server.PostAsync($"/v2/incidents/{incident["incidentKey"]}/resolution", null));
        var again = Assert.Single(await server.ActivateAsync("api-listeners.before"))!;
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{again["jobKey"]}/completion", null));

        // Assert
        Assert.Equal(before["jobKey"]!.GetValue<string>(), again["jobKey"]!.GetValue<string>());
        Assert.Single(await server.ActivateAsync("api-listeners.ship"));
    }
}
