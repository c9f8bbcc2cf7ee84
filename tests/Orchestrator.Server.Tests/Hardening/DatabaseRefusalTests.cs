using System.Security.Cryptography;
using Orchestrator.Server.Tests.Cluster;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Hardening;

/// <summary>
/// A value PostgreSQL cannot hold (here an index entry over about 2,700 bytes: a job type a model's expression takes from a
/// variable) fails the one command that would store it with a 400, and the node goes on; before, the journal stopped and the
/// node with it, at the first such value a client sent.
/// </summary>
public sealed class DatabaseRefusalTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [PostgresFact]
    public async Task Bug_a_value_the_database_could_not_index_stopped_the_node()
    {
        // Arrange
        await server.DeployAsync("Api/job-work.bpmn");
        var unindexable = Convert.ToHexString(RandomNumberGenerator.GetBytes(3_000));

        // Act
        var refused = await server.PostAsync("/v2/process-instances", new { processDefinitionId = "job-work", variables = new { jobType = unindexable } });

        // Assert: that command is refused, nothing of it is stored, and the node serves the next one.
        Assert.Contains("the database refused", await ApiAssert.Problem(refused, 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
        Assert.Empty(await server.SearchAsync("variables", new { name = "jobType", value = $"\"{unindexable}\"" }));
        var instance = await server.StartAsync("job-work", new { jobType = "after-a-refusal" });
        var job = Assert.Single(await server.ActivateAsync("after-a-refusal"));
        Assert.Equal(instance, job!["processInstanceKey"]!.GetValue<string>());
        Assert.Single(await server.SearchAsync("process-instances", new { processDefinitionId = "job-work" }));
    }

    [PostgresFact]
    public async Task Bug_a_timer_whose_firing_the_database_refused_kept_the_other_due_timers_from_firing()
    {
        // Arrange: two instances wait an hour, then create a job whose type a variable gives; the first one's type cannot be
        // indexed. The clock-control loop fired every due timer in one command, so the refusal left out both, for good.
        await server.DeployXmlAsync("wait-then-work.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
              <bpmn:process id="wait-then-work" isExecutable="true">
                <bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="hour" />
                <bpmn:intermediateCatchEvent id="hour"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="hour" targetRef="work" />
                <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="=jobType" /></bpmn:extensionElements></bpmn:serviceTask>
              </bpmn:process>
            </bpmn:definitions>
            """);
        var start = DateTimeOffset.UtcNow;

        await server.RunAtAsync(start, async () =>
        {
            await server.StartAsync("wait-then-work", new { jobType = Convert.ToHexString(RandomNumberGenerator.GetBytes(3_000)) });
            var fine = await server.StartAsync("wait-then-work", new { jobType = "after-the-hour" });

            // Act
            await server.PinAsync(start.AddHours(2));

            // Assert: the other timer fired; its job is there.
            var jobs = new System.Text.Json.Nodes.JsonArray();
            Assert.True(await Poll.Until(async () => (jobs = await server.ActivateAsync("after-the-hour")).Count == 1), "the second timer never fired");
            Assert.Equal(fine, jobs[0]!["processInstanceKey"]!.GetValue<string>());
        });
    }
}
