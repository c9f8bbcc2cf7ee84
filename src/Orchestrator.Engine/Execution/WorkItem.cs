using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Execution;

/// <summary>One step queued within a command: activate or complete an element instance, with the variables it completes with.</summary>
internal readonly record struct WorkItem(ProcessInstance Instance, ElementInstance Element, bool IsCompletion, Dictionary<string, FeelValue>? Variables);
