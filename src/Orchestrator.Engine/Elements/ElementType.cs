using System.Xml.Linq;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Elements;

/// <summary>
/// One BPMN element kind, after Zeebe's element processors: how it is read from BPMN beyond what every element shares, the
/// checks it must pass to deploy, and its <see cref="IElementBehavior"/> at run time. Each kind lives in a folder of its own
/// under <c>Elements/</c> and has one row in <see cref="ElementTable"/>.
/// </summary>
internal abstract class ElementType(ElementKind kind, string? xmlName, IElementBehavior behavior)
{
    /// <summary>The kind this type reads and runs.</summary>
    public ElementKind Kind { get; } = kind;

    /// <summary>The local name of its BPMN element, or null for kinds that are not read by name (the process).</summary>
    public string? XmlName { get; } = xmlName;

    /// <summary>What the element does through its lifecycle.</summary>
    public IElementBehavior Behavior { get; } = behavior;

    /// <summary>The type an XML element of this name really is (a subprocess triggered by an event is an event subprocess).</summary>
    public virtual ElementType Resolve(XElement element) => this;

    /// <summary>
    /// Reads what this kind carries, after the parts every element shares (event definition, execution listeners, task
    /// definition and headers, input and output mappings). <paramref name="extensions"/> is its <c>extensionElements</c>.
    /// </summary>
    public virtual void Read(BpmnParser parser, FlowNode node, XElement element, XElement? extensions)
    {
    }

    /// <summary>Ties the element to others once every element and flow of its scope is read (a boundary event to its activity).</summary>
    public virtual void Link(BpmnParser parser, FlowNode node, XElement element)
    {
    }

    /// <summary>The checks the element must pass to deploy, once its scope's flows are known. Not called for a refused element.</summary>
    public virtual void Validate(BpmnParser parser, FlowNode node, XElement element)
    {
    }

    /// <summary>For scopes: the checks of what they contain (their start events).</summary>
    public virtual void ValidateContent(BpmnParser parser, FlowNode scope, XElement element, IReadOnlyList<FlowNode> starts)
    {
    }
}
