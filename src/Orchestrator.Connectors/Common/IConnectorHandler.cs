using Orchestrator.Workers;

namespace Orchestrator.Connectors.Common;

/// <summary>A connector's job handler: one API call, completed with one result variable.</summary>
public interface IConnectorHandler : IJobHandler
{
    /// <summary>The name of the variable the job completes with, e.g. <c>label</c>; element templates map it with <c>zeebe:output</c>.</summary>
    string ResultVariable { get; }
}
