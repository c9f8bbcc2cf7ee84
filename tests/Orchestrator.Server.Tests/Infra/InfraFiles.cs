using System.Text.RegularExpressions;
using Orchestrator.Testing;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Server.Tests.Infra;

/// <summary>Reads the files in <c>infra/</c>: YAML documents, the nodes' settings in each way of running them, the Dockerfile's stages.</summary>
internal static partial class InfraFiles
{
    /// <summary>The <c>infra</c> folder.</summary>
    public static string Folder => Path.Combine(Repository.Root, "infra");

    /// <summary>Every YAML document in a file.</summary>
    public static IReadOnlyList<YamlMappingNode> Yaml(string relativePath)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Path.Combine(Folder, relativePath))))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    /// <summary>The child at <paramref name="path"/> (mapping keys, or list indexes as numbers).</summary>
    public static YamlNode At(this YamlNode node, params string[] path)
    {
        foreach (var step in path)
        {
            node = node switch
            {
                YamlMappingNode map => map.Children[new YamlScalarNode(step)],
                YamlSequenceNode list => list.Children[int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)],
                _ => throw new KeyNotFoundException($"{step}: not in a mapping or a list"),
            };
        }

        return node;
    }

    /// <summary>The scalar at <paramref name="path"/>.</summary>
    public static string Text(this YamlNode node, params string[] path) => ((YamlScalarNode)node.At(path)).Value!;

    /// <summary>A mapping of scalars as a dictionary.</summary>
    public static Dictionary<string, string> Scalars(this YamlNode node) =>
        ((YamlMappingNode)node).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!, StringComparer.Ordinal);

    /// <summary>The compose services that run the server (built from or using the orchestrator image), with their environment.</summary>
    public static Dictionary<string, Dictionary<string, string>> ComposeNodes()
    {
        var compose = Yaml("docker-compose.yml").Single();
        var image = compose.Services().Select(s => s.Value).Single(s => ((YamlMappingNode)s).Children.ContainsKey(new YamlScalarNode("build"))).Text("image");
        return compose.Services()
            .Where(s => ((YamlMappingNode)s.Value).Children.TryGetValue(new YamlScalarNode("image"), out var i) && ((YamlScalarNode)i).Value == image)
            .ToDictionary(s => s.Key, s => s.Value.At("environment").Scalars(), StringComparer.Ordinal);
    }

    /// <summary>The compose file's services by name.</summary>
    public static IEnumerable<KeyValuePair<string, YamlNode>> Services(this YamlMappingNode compose) =>
        ((YamlMappingNode)compose.At("services")).Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, c.Value));

    /// <summary>All Kubernetes objects of <c>infra/k8s</c>, by kind.</summary>
    public static ILookup<string, YamlMappingNode> KubernetesObjects() =>
        Yaml(Path.Combine("k8s", "kustomization.yaml")).Single().At("resources").AllNodes.OfType<YamlScalarNode>()
            .SelectMany(file => Yaml(Path.Combine("k8s", file.Value!)))
            .ToLookup(o => o.Text("kind"), StringComparer.Ordinal);

    /// <summary>The environment the Kubernetes Deployment gives its nodes: the ConfigMap and Secret its container takes <c>envFrom</c>.</summary>
    public static Dictionary<string, string> KubernetesSettings()
    {
        var objects = KubernetesObjects();
        var container = objects["Deployment"].Single().At("spec", "template", "spec", "containers", "0");
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in ((YamlSequenceNode)container.At("envFrom")).Children)
        {
            var (kind, field, reference) = ((YamlMappingNode)source).Children.ContainsKey(new YamlScalarNode("configMapRef"))
                ? ("ConfigMap", "data", "configMapRef")
                : ("Secret", "stringData", "secretRef");
            var name = source.Text(reference, "name");
            foreach (var (key, value) in objects[kind].Single(o => o.Text("metadata", "name") == name).At(field).Scalars())
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    /// <summary>The keys of the settings every node of <c>infra/scripts/start-cluster.sh</c> gets (its <c>settings=( … )</c> list).</summary>
    public static List<string> ClusterScriptKeys()
    {
        var script = File.ReadAllText(Path.Combine(Folder, "scripts", "start-cluster.sh"));
        var block = SettingsBlock().Match(script);
        Assert.True(block.Success, "start-cluster.sh has no settings=( ... ) list");
        return [.. SettingLine().Matches(block.Groups[1].Value).Select(m => m.Groups[1].Value)];
    }

    /// <summary>An environment variable's configuration key (<c>Auth__Users__admin</c> is <c>Auth:Users:admin</c>).</summary>
    public static string ConfigurationKey(string variable) => variable.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>A compose value as compose would pass it: <c>${NAME:-default}</c> is its default, another <c>${NAME…}</c> a placeholder.</summary>
    public static string Interpolate(string value) =>
        Interpolation().Replace(value, m => m.Groups[2].Success ? m.Groups[2].Value : "from-the-environment");

    [GeneratedRegex(@"^settings=\(\n(.*?)^\)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SettingsBlock();

    [GeneratedRegex(@"^\s*""([A-Za-z0-9_]+)=", RegexOptions.Multiline)]
    private static partial Regex SettingLine();

    [GeneratedRegex(@"\$\{([A-Za-z0-9_]+)(?::-([^}]*)|:\?[^}]*)?\}")]
    private static partial Regex Interpolation();
}
