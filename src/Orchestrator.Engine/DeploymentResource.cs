namespace Orchestrator.Engine;

/// <summary>A file to deploy: a <c>.bpmn</c> model or a <c>.form</c> (form-js JSON with an <c>id</c>).</summary>
/// <param name="Name">The file name; its extension decides the kind.</param>
/// <param name="Content">The file's text.</param>
public sealed record DeploymentResource(string Name, string Content);
