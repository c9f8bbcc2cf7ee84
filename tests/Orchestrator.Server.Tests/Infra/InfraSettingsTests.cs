using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Infra;

/// <summary>
/// The settings docker-compose.yml, the Kubernetes manifests and start-cluster.sh give the nodes: the same keys in each,
/// and every one a key the server reads (a misspelt key would be silently ignored by ASP.NET Core's configuration).
/// </summary>
public sealed class InfraSettingsTests
{
    public static TheoryData<string> Deployments => ["docker-compose.yml", "k8s"];

    [Theory]
    [MemberData(nameof(Deployments))]
    public async Task InfraSettings_are_all_read_by_the_server(string deployment)
    {
        // Arrange
        var infra = deployment == "k8s" ? InfraFiles.KubernetesSettings() : InfraFiles.ComposeNodes().Values.First();
        using var database = TestDatabase.Create();
        var settings = infra.ToDictionary(s => InfraFiles.ConfigurationKey(s.Key), s => (string?)InfraFiles.Interpolate(s.Value), StringComparer.OrdinalIgnoreCase);
        // The test's own database in place of the deployment's server.
        foreach (var (key, value) in database.Settings())
        {
            settings[key] = value;
        }

        settings["Workflows:Path"] = Path.Combine(database.Folder, "none");
        var reads = new ConfigurationReads();
        IServiceCollection? services = null;

        // Act
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureAppConfiguration((_, configuration) => configuration.Add(reads));
            web.ConfigureServices(s => services = s);
        });
        using var client = factory.CreateClient();
        var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        BindEveryOption(factory.Services, services!);

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.All(infra.Keys.Select(InfraFiles.ConfigurationKey), key => Assert.True(reads.Read(key), $"the server never reads {key}"));
    }

    [Fact]
    public void InfraSettings_are_the_same_keys_for_compose_kubernetes_and_the_cluster_script()
    {
        // Arrange
        var nodes = InfraFiles.ComposeNodes();
        var keys = nodes.Values.First().Keys.Order(StringComparer.Ordinal).ToList();

        // Act
        var kubernetes = InfraFiles.KubernetesSettings().Keys.Order(StringComparer.Ordinal);
        var script = InfraFiles.ClusterScriptKeys().Order(StringComparer.Ordinal);

        // Assert
        Assert.True(nodes.Count >= 2, "docker-compose.yml runs at least two nodes");
        Assert.All(nodes.Values, node => Assert.Equal(keys, node.Keys.Order(StringComparer.Ordinal)));
        Assert.Equal(keys, kubernetes);
        Assert.Equal(keys, script);
        Assert.Contains("ConnectionStrings__Orchestrator", keys);
        // Nodes share their settings, so a pinned node id would clash: they claim theirs in the database.
        Assert.DoesNotContain(keys, k => InfraFiles.ConfigurationKey(k).StartsWith("Engine:NodeId", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Binds every options class of the server, so that settings read only when first needed are read too.</summary>
    private static void BindEveryOption(IServiceProvider provider, IServiceCollection services)
    {
        var optionTypes = services
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
            .Select(d => d.ServiceType.GetGenericArguments()[0])
            .Where(t => t.Namespace?.StartsWith("Orchestrator.", StringComparison.Ordinal) == true)
            .Distinct();
        foreach (var type in optionTypes)
        {
            var options = provider.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
            Assert.NotNull(options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options));
        }
    }
}
