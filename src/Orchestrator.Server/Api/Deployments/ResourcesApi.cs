using Orchestrator.Server.Auth;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Api.Deployments;

/// <summary>
/// <c>POST /v2/resources/{resourceKey}/deletion</c> (Camunda 8.8): undeploys one process definition version (the key is its
/// <c>processDefinitionKey</c>), one form version (its <c>formKey</c>) or one decision model version with its decisions (its
/// <c>decisionRequirementsKey</c>) that nothing uses, with the permission to deploy.
/// A process version goes only while no instance of it exists, running or finished; the latest version goes only when it has no
/// message, timer or signal start event (re-opening the previous version's start subscriptions is not done). A form version goes
/// only while no open user task shows it and, when it is the only version of its form id, no deployed process links to that id
/// (our processes link to a form id's latest version: <c>zeebe:formDefinition formId</c> has no other binding here).
/// A decision model version goes unless it holds the only version of a decision a deployed process calls by its id.
/// Otherwise 409 saying why; the previous version becomes the latest; an undeployed version's number is never given again.
/// Answers 200 with the key; the optional body's <c>operationReference</c> is checked and not kept.
/// </summary>
public static class ResourcesApi
{
    public static RouteGroupBuilder MapResourcesApi(this RouteGroupBuilder v2)
    {
        v2.MapPost("/resources/{resourceKey}/deletion", DeleteAsync).RequirePermission(Permissions.DefinitionsDeploy);
        return v2;
    }

    private static async Task<IResult> DeleteAsync(string resourceKey, DeleteResourceRequest? request, EngineHost host)
    {
        var key = ApiValues.Key("resourceKey", resourceKey);
        if (request?.OperationReference is < 1)
        {
            throw ApiException.Invalid("operationReference must be a positive number");
        }

        await host.RunAsync(engine => engine.DeleteResource(key)).ConfigureAwait(false);
        return TypedResults.Ok(new { resourceKey = Json.Key(key) });
    }

    /// <summary>The optional body of a deletion.</summary>
    /// <param name="OperationReference">A number the caller chose to recognise the operation by (at least 1).</param>
    public sealed record DeleteResourceRequest(long? OperationReference);
}
