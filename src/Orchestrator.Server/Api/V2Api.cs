using Orchestrator.Server.Api.BatchOperations;
using Orchestrator.Server.Api.Cluster;
using Orchestrator.Server.Api.Decisions;
using Orchestrator.Server.Api.Deployments;
using Orchestrator.Server.Api.Incidents;
using Orchestrator.Server.Api.Jobs;
using Orchestrator.Server.Api.Messages;
using Orchestrator.Server.Api.ProcessDefinitions;
using Orchestrator.Server.Api.ProcessInstances;
using Orchestrator.Server.Api.UserTasks;
using Orchestrator.Server.Api.Variables;

namespace Orchestrator.Server.Api;

/// <summary>The Camunda 8.8 compatible <c>/v2</c> API.</summary>
public static class V2Api
{
    public static RouteGroupBuilder MapV2Api(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var v2 = app.MapGroup("/v2").RequireAuthorization(Auth.AuthExtensions.ApiPolicy);
        v2.MapDeploymentsApi()
            .MapResourcesApi()
            .MapProcessDefinitionsApi()
            .MapDecisionsApi()
            .MapProcessInstancesApi()
            .MapBatchOperationsApi()
            .MapInstanceRepairApi()
            .MapJobsApi()
            .MapUserTasksApi()
            .MapMessagesApi()
            .MapIncidentsApi()
            .MapVariablesApi()
            .MapClusterApi();
        return v2;
    }
}
