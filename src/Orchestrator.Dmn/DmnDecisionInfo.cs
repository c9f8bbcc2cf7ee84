namespace Orchestrator.Dmn;

/// <summary>A decision (or decision service) a model set holds.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Namespace">Its model's namespace.</param>
/// <param name="ModelName">Its model's name.</param>
/// <param name="Source">Its model's source name.</param>
/// <param name="IsService">True for a decision service.</param>
/// <param name="Logic">What its logic is: <c>decisionTable</c>, <c>literalExpression</c>, <c>context</c>… (the DMN element name); <c>decisionService</c> for a service.</param>
/// <param name="VersionTag">Camunda's <c>zeebe:versionTag</c> of a decision, if any.</param>
public sealed record DmnDecisionInfo(string Id, string Name, string Namespace, string ModelName, string Source, bool IsService, string Logic, string? VersionTag = null);
