namespace Orchestrator.Dmn.Model;

/// <summary>One DMN <c>definitions</c> document: its elements, item definitions and imports.</summary>
internal sealed class Definitions(string source, string ns, string name, string? id)
{
    /// <summary>Where it came from (a file name), as problems name it.</summary>
    public string Source { get; } = source;

    public string Namespace { get; } = ns;

    public string Name { get; } = name;

    public string? Id { get; } = id;

    public List<DrgElement> Elements { get; } = [];

    public Dictionary<string, ItemDefinition> ItemDefinitions { get; } = new(StringComparer.Ordinal);

    public List<Import> Imports { get; } = [];

    /// <summary>The import through which this model sees <paramref name="other"/>'s elements, or null when it does not import it.</summary>
    public Import? ImportOf(Definitions other) => Imports.FirstOrDefault(i => string.Equals(i.Namespace, other.Namespace, StringComparison.Ordinal));
}

/// <summary>An <c>import</c> of another DMN model: its elements are seen here as <c>Name.element</c> (unprefixed when the name is empty).</summary>
internal sealed record Import(string Namespace, string Name, int Line);

/// <summary>An item definition: a named type built on a base type, components, a collection flag and allowed values.</summary>
internal sealed class ItemDefinition(string name, int line)
{
    public string Name { get; } = name;

    public int Line { get; } = line;

    public string? TypeRef { get; set; }

    public bool IsCollection { get; set; }

    public bool IsFunction { get; set; }

    public Orchestrator.Feel.FeelUnaryTests? AllowedValues { get; set; }

    public List<ItemDefinition> Components { get; } = [];
}
