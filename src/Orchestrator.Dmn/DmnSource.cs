namespace Orchestrator.Dmn;

/// <summary>A DMN model's XML and the name it goes by in problems (a file name).</summary>
/// <param name="Name">The file name.</param>
/// <param name="Xml">The DMN XML (DMN 1.1 to 1.5).</param>
public sealed record DmnSource(string Name, string Xml);
