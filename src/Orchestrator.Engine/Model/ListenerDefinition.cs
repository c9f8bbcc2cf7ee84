using Orchestrator.Engine.State;

namespace Orchestrator.Engine.Model;

/// <summary>An execution or task listener: a job of <paramref name="Type"/> the element waits for when <paramref name="EventType"/> happens.</summary>
/// <param name="EventType">When it runs.</param>
/// <param name="Type">The job type (literal or FEEL).</param>
/// <param name="Retries">The job's retries (literal or FEEL); null for Camunda's default of 3.</param>
/// <param name="Line">Where it is declared, for problems.</param>
public sealed record ListenerDefinition(ListenerEventType EventType, ModelExpression Type, ModelExpression? Retries, int Line);
