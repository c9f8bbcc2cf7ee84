using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Elements.Tasks;

/// <summary>Plain and manual tasks: nothing to do, they pass straight through (their mappings and listeners still run).</summary>
internal sealed class TaskType(ElementKind kind, string xmlName) : ElementType(kind, xmlName, new PassThroughBehavior());
