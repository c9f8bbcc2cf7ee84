namespace Orchestrator.Dmn.Model;

/// <summary>An element of a decision requirements graph: a decision, input data, business knowledge model or decision service.</summary>
internal abstract class DrgElement(Definitions owner, string id, string name, int line)
{
    public Definitions Owner { get; } = owner;

    public string Id { get; } = id;

    public string Name { get; } = name;

    public int Line { get; } = line;

    /// <summary>The type of its variable (<c>variable typeRef</c>), if given.</summary>
    public string? TypeRef { get; set; }

    /// <summary>What kind of element, as problems and traces say it.</summary>
    public abstract string Kind { get; }

    /// <summary>The element as messages name it (<c>input data 'Order value'</c>), made once.</summary>
    public string Described => field ??= $"{Kind} '{Name}'";
}

/// <summary>A requirement (<c>requiredDecision</c>, <c>requiredInput</c>, <c>requiredKnowledge</c>, a service's decision lists): an href resolved after parsing.</summary>
internal sealed class Requirement(string href, int line)
{
    public string Href { get; } = href;

    public int Line { get; } = line;

    public DrgElement? Target { get; set; }
}

internal sealed class InputData(Definitions owner, string id, string name, int line) : DrgElement(owner, id, name, line)
{
    public override string Kind => "input data";
}

internal sealed class Decision(Definitions owner, string id, string name, int line) : DrgElement(owner, id, name, line)
{
    public override string Kind => "decision";

    public BoxedExpression? Logic { get; set; }

    /// <summary>Camunda's <c>zeebe:versionTag</c> of the decision, if any (a process may bind to it).</summary>
    public string? VersionTag { get; set; }

    public List<Requirement> Information { get; } = [];

    public List<Requirement> Knowledge { get; } = [];
}

internal sealed class KnowledgeModel(Definitions owner, string id, string name, int line) : DrgElement(owner, id, name, line)
{
    public override string Kind => "business knowledge model";

    public FunctionDefinition? Logic { get; set; }

    public List<Requirement> Knowledge { get; } = [];
}

internal sealed class DecisionService(Definitions owner, string id, string name, int line) : DrgElement(owner, id, name, line)
{
    public override string Kind => "decision service";

    public List<Requirement> Outputs { get; } = [];

    public List<Requirement> Encapsulated { get; } = [];

    public List<Requirement> InputDecisions { get; } = [];

    public List<Requirement> Inputs { get; } = [];

    /// <summary>The parameters when invoked as a function: the input data, then the input decisions, in model order.</summary>
    public IEnumerable<DrgElement> Parameters => Inputs.Concat(InputDecisions).Select(r => r.Target).OfType<DrgElement>();
}
