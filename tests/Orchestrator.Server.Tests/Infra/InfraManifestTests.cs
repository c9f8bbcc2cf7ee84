using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Orchestrator.Server.Limits;
using Orchestrator.Testing;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Server.Tests.Infra;

/// <summary>
/// What can be checked of the Dockerfile, docker-compose.yml, the nginx configuration and the Kubernetes manifests without
/// pulling an image: they parse, and their parts agree with each other and with the server.
/// </summary>
public sealed partial class InfraManifestTests
{
    [Fact]
    public void InfraYaml_every_file_parses()
    {
        // Arrange
        var files = Directory.EnumerateFiles(InfraFiles.Folder, "*.y*ml", SearchOption.AllDirectories).ToList();

        // Act
        var documents = files.Select(f => InfraFiles.Yaml(Path.GetRelativePath(InfraFiles.Folder, f))).ToList();

        // Assert
        Assert.Contains(files, f => f.EndsWith("docker-compose.yml", StringComparison.Ordinal));
        Assert.All(documents, Assert.NotEmpty);
    }

    [Fact]
    public void Dockerfile_builds_with_the_sdk_and_node_and_runs_the_published_app_as_a_non_root_user_with_a_health_check()
    {
        // Arrange
        var stages = Dockerfile.Read(Path.Combine(InfraFiles.Folder, "docker", "Dockerfile"));
        var pinned = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "global.json")))!["sdk"]!["version"]!.GetValue<string>();

        // Act
        var build = stages.Single(s => s.Image.StartsWith("mcr.microsoft.com/dotnet/sdk:", StringComparison.Ordinal));
        var runtime = stages[^1];
        var publish = build.Arguments("RUN").Single(r => r.Contains("dotnet publish", StringComparison.Ordinal));
        var appFolder = PublishOutput().Match(publish).Groups[1].Value;
        var copied = runtime.Arguments("COPY").Single(c => c.StartsWith($"--from={build.Name} {appFolder} ", StringComparison.Ordinal)).Split(' ')[^1];
        var port = runtime.Arguments("EXPOSE").Single();
        var user = runtime.Arguments("USER")[^1];

        // Assert
        Assert.True(Version.Parse(build.Image.Split(':')[1]) >= Version.Parse(pinned), $"the SDK image {build.Image} is older than global.json's {pinned}");
        Assert.Contains(build.Arguments("COPY"), c => c.StartsWith("--from=", StringComparison.Ordinal) && c.Contains("/bin/node ", StringComparison.Ordinal));
        Assert.Contains("src/Orchestrator.Server/Orchestrator.Server.csproj", publish, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", runtime.Image, StringComparison.Ordinal);
        Assert.False(user is "root" or "0" or "", $"the image runs as '{user}'");
        Assert.Contains($"http://+:{port}", runtime.Arguments("ENV").Single(e => e.StartsWith("ASPNETCORE_URLS=", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{port}/health\"", runtime.Arguments("HEALTHCHECK").Single(), StringComparison.Ordinal);
        Assert.Equal($"[\"{copied.TrimEnd('/')}/Orchestrator.Server\"]", runtime.Arguments("ENTRYPOINT").Single());
    }

    [Fact]
    public void Dockerfile_restores_every_project_the_server_references()
    {
        // Arrange
        var stages = Dockerfile.Read(Path.Combine(InfraFiles.Folder, "docker", "Dockerfile"));
        var copies = stages.SelectMany(s => s.Arguments("COPY")).ToList();

        // Act
        var projects = ProjectClosure(Path.Combine(Repository.Server, "Orchestrator.Server.csproj"))
            .Select(p => Path.GetRelativePath(Repository.Root, p).Replace('\\', '/'));

        // Assert
        Assert.All(projects, project => Assert.Contains(copies, c => c.StartsWith(project + " ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Compose_runs_postgres_the_nodes_and_nginx_balancing_across_every_node()
    {
        // Arrange
        var compose = InfraFiles.Yaml("docker-compose.yml").Single();
        var services = compose.Services().ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        var nodes = InfraFiles.ComposeNodes();
        var port = Dockerfile.Read(Path.Combine(InfraFiles.Folder, "docker", "Dockerfile"))[^1].Arguments("EXPOSE").Single();

        // Act
        var mounts = ((YamlSequenceNode)services["nginx"].At("volumes")).Children.Select(v => ((YamlScalarNode)v).Value!.Split(':')[0]).ToList();
        var config = File.ReadAllText(Path.Combine(InfraFiles.Folder, mounts.Single(m => m.EndsWith("compose.conf", StringComparison.Ordinal))));
        var upstream = UpstreamServer().Matches(config).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
        var subnet = compose.At("networks", "default", "ipam", "config", "0").Text("subnet");

        // Assert
        Assert.Equal("infra/docker/Dockerfile", services.Single(s => nodes.ContainsKey(s.Key) && ((YamlMappingNode)s.Value).Children.ContainsKey(new YamlScalarNode("build"))).Value.Text("build", "dockerfile"));
        Assert.Equal(nodes.Keys.Select(n => $"{n}:{port}").Order(StringComparer.Ordinal), upstream);
        Assert.All(mounts, m => Assert.True(File.Exists(Path.Combine(InfraFiles.Folder, m)), $"{m} is not in infra/"));
        Assert.All(nodes.Values, env =>
        {
            Assert.Contains("Host=postgres;", env["ConnectionStrings__Orchestrator"], StringComparison.Ordinal);
            Assert.Equal(IPNetwork.Parse(subnet), IPNetwork.Parse(env["Proxy__KnownNetworks__0"]));
        });
        Assert.True(services.ContainsKey("postgres"));
    }

    [Fact]
    public void Nginx_waits_longer_than_the_longest_request_and_takes_the_largest_deployment()
    {
        // Arrange
        var location = File.ReadAllText(Path.Combine(InfraFiles.Folder, "nginx", "orchestrator-location.conf"));
        var limits = new LimitsOptions();

        // Act
        var readTimeout = int.Parse(Directive("proxy_read_timeout", "s").Match(location).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var bodyMegabytes = long.Parse(Directive("client_max_body_size", "m").Match(location).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        // Assert
        Assert.True(readTimeout * 1000L > limits.RequestTimeoutMaxMilliseconds, $"proxy_read_timeout {readTimeout}s ends long-polls early");
        Assert.True(bodyMegabytes * 1024 * 1024 >= limits.DeploymentMaxBytes, $"client_max_body_size {bodyMegabytes}m refuses deployments the server takes");
    }

    [Fact]
    public void Kubernetes_runs_two_probed_non_root_replicas_behind_a_service_with_a_disruption_budget()
    {
        // Arrange
        var objects = InfraFiles.KubernetesObjects();
        var deployment = objects["Deployment"].Single();
        var pod = deployment.At("spec", "template");
        var container = pod.At("spec", "containers", "0");
        var labels = pod.At("metadata", "labels").Scalars();
        var port = Dockerfile.Read(Path.Combine(InfraFiles.Folder, "docker", "Dockerfile"))[^1].Arguments("EXPOSE").Single();

        // Act
        var service = objects["Service"].Single();
        var budget = objects["PodDisruptionBudget"].Single();
        var containerPort = container.At("ports", "0");

        // Assert
        Assert.Equal("2", deployment.Text("spec", "replicas"));
        Assert.Equal(labels, deployment.At("spec", "selector", "matchLabels").Scalars());
        Assert.Equal(labels, service.At("spec", "selector").Scalars());
        Assert.Equal(labels, budget.At("spec", "selector", "matchLabels").Scalars());
        Assert.True(int.Parse(budget.Text("spec", "minAvailable"), System.Globalization.CultureInfo.InvariantCulture) < 2, "the budget lets one replica at a time go");
        Assert.Equal(port, containerPort.Text("containerPort"));
        Assert.Equal(containerPort.Text("name"), service.Text("spec", "ports", "0", "targetPort"));
        Assert.Equal("/health/live", container.Text("livenessProbe", "httpGet", "path"));
        Assert.Equal("/health/ready", container.Text("readinessProbe", "httpGet", "path"));
        Assert.Equal("true", pod.Text("spec", "securityContext", "runAsNonRoot"));
        Assert.Equal(["ConfigMap", "Secret"], ((YamlSequenceNode)container.At("envFrom")).Children
            .Select(s => ((YamlMappingNode)s).Children.ContainsKey(new YamlScalarNode("configMapRef")) ? "ConfigMap" : "Secret").Order(StringComparer.Ordinal));
        Assert.Contains("ConnectionStrings__Orchestrator", objects["Secret"].Single().At("stringData").Scalars().Keys);
    }

    private static List<string> ProjectClosure(string project)
    {
        var found = new List<string>();
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var next))
        {
            if (found.Contains(next))
            {
                continue;
            }

            found.Add(next);
            foreach (var reference in XDocument.Load(next).Descendants("ProjectReference"))
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(next)!, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
            }
        }

        return found;
    }

    private static Regex Directive(string name, string unit) => new($@"^\s*{name}\s+(\d+){unit};", RegexOptions.Multiline);

    [GeneratedRegex(@"\s-o\s+(\S+)")]
    private static partial Regex PublishOutput();

    [GeneratedRegex(@"^\s*server\s+([\w.-]+:\d+)", RegexOptions.Multiline)]
    private static partial Regex UpstreamServer();
}
