namespace Orchestrator.Engine.Model;

/// <summary>Something that keeps a model from deploying: what, and where (resource, element id, 1-based XML line and column).</summary>
/// <param name="Resource">The resource (file) name.</param>
/// <param name="ElementId">The BPMN element's id, or null for problems of the document itself.</param>
/// <param name="Line">1-based line in the XML, 0 when unknown.</param>
/// <param name="Column">1-based column in the XML, 0 when unknown.</param>
/// <param name="Message">A readable explanation.</param>
public sealed record ModelProblem(string Resource, string? ElementId, int Line, int Column, string Message)
{
    /// <summary>Renders as <c>file:line: element-id: message</c>, the form <c>orchestrator validate</c> prints.</summary>
    public override string ToString() => $"{Resource}:{Line}: {ElementId ?? "-"}: {Message}";
}
