using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Hardening;

/// <summary>
/// Every broken resource in <see cref="MalformedDeployments"/> is refused by <c>POST /v2/deployments</c> with a 400 problem
/// that names the resource, the element or line, and what is wrong; nothing of a refused deployment is stored.
/// (<see cref="RestartTests"/> starts the server again on a database that saw them all.)
/// </summary>
public sealed class MalformedDeploymentTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [MemberData(nameof(MalformedDeployments.Names), MemberType = typeof(MalformedDeployments))]
    public async Task A_malformed_resource_is_a_400_naming_what_and_where(string name)
    {
        // Arrange
        var bad = MalformedDeployments.All[name];
        var before = await StoredAsync(server.Services);

        // Act
        var response = await DeployAsync(server.Client, bad);

        // Assert
        var detail = await ApiAssert.Problem(response, 400, "INVALID_ARGUMENT");
        Assert.True(Regex.IsMatch(detail, Regex.Escape(bad.Name) + bad.Where), $"the detail does not say where ({bad.Where}): {detail}");
        Assert.True(detail.Contains(bad.What, StringComparison.OrdinalIgnoreCase), $"the detail does not say '{bad.What}': {detail}");
        Assert.Equal(before, await StoredAsync(server.Services));
    }

    [Fact]
    public async Task A_valid_resource_deployed_beside_a_malformed_one_is_not_stored()
    {
        // Arrange
        var valid = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <bpmn:process id="beside-a-broken-one" isExecutable="true"><bpmn:startEvent id="start" /></bpmn:process>
            </bpmn:definitions>
            """;
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(valid)), "resources", "valid.bpmn" },
            { new ByteArrayContent(MalformedDeployments.All["form component without type"].Content), "resources", "notype.form" },
        };

        // Act
        var response = await server.Client.PostAsync("/v2/deployments", content);

        // Assert
        await ApiAssert.Problem(response, 400, "INVALID_ARGUMENT");
        Assert.Empty(await server.SearchAsync("process-definitions", new { processDefinitionId = "beside-a-broken-one" }));
    }

    /// <summary>Deploys one broken resource.</summary>
    public static async Task<HttpResponseMessage> DeployAsync(HttpClient client, MalformedDeployments.Resource bad)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(bad);
        using var content = new MultipartFormDataContent { { new ByteArrayContent(bad.Content), "resources", bad.Name } };
        return await client.PostAsync("/v2/deployments", content);
    }

    /// <summary>How many definitions of each kind the database holds.</summary>
    public static async Task<(int Processes, int Forms, int Requirements, int Decisions)> StoredAsync(IServiceProvider services)
    {
        await using var context = services.GetRequiredService<OrchestratorDatabase>().CreateContext();
        return (await context.ProcessDefinitions.CountAsync(), await context.Forms.CountAsync(),
            await context.DecisionRequirements.CountAsync(), await context.DecisionDefinitions.CountAsync());
    }
}
