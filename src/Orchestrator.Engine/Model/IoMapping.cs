namespace Orchestrator.Engine.Model;

/// <summary>One <c>zeebe:input</c> or <c>zeebe:output</c>: the value of <see cref="Source"/> is written to <see cref="Target"/>.</summary>
/// <param name="Source">The source (usually FEEL).</param>
/// <param name="Target">The variable name; a dotted name (<c>a.b</c>) writes into a context.</param>
public sealed record IoMapping(ModelExpression Source, string Target);
