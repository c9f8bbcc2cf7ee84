using Orchestrator.Engine;
using Microsoft.Extensions.Options;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Limits;

using Orchestrator.Server.Auth;

namespace Orchestrator.Server.Api.Deployments;

/// <summary><c>POST /v2/deployments</c>: multipart, parts named <c>resources</c> (.bpmn, .dmn and .form files).</summary>
public static class DeploymentsApi
{
    public static RouteGroupBuilder MapDeploymentsApi(this RouteGroupBuilder v2)
    {
        v2.MapPost("/deployments", DeployAsync).RequirePermission(Permissions.DefinitionsDeploy).AcceptsModels(v2);
        return v2;
    }

    private static async Task<IResult> DeployAsync(HttpRequest request, EngineHost host, IOptions<LimitsOptions> limits)
    {
        if (!request.HasFormContentType)
        {
            throw ApiException.Invalid("a deployment is multipart/form-data with one or more parts named 'resources'");
        }

        var form = await Multipart.ReadAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
        ApiValues.CheckTenant(form["tenantId"].FirstOrDefault());
        var files = form.Files.GetFiles("resources");
        if (files.Count == 0)
        {
            throw ApiException.Invalid("the deployment has no parts named 'resources'");
        }

        var resources = new List<DeploymentResource>();
        foreach (var file in files)
        {
            resources.Add(new DeploymentResource(Path.GetFileName(file.FileName), await Multipart.ReadTextAsync(file, limits, request.HttpContext.RequestAborted).ConfigureAwait(false)));
        }

        var deployment = await host.RunAsync(engine => engine.Deploy(resources)).ConfigureAwait(false);
        var items = deployment.Processes.Select(p => (object)new
        {
            processDefinition = new
            {
                processDefinitionId = p.BpmnProcessId,
                processDefinitionVersion = p.Version,
                resourceName = p.ResourceName,
                tenantId = ApiValues.Tenant,
                processDefinitionKey = Json.Key(p.Key),
            },
        }).Concat(deployment.DecisionRequirements.SelectMany(r => r.Decisions.Select(d => (object)new
        {
            decisionDefinition = new
            {
                decisionDefinitionId = d.DecisionId,
                version = d.Version,
                name = d.Name,
                tenantId = ApiValues.Tenant,
                decisionRequirementsId = r.DecisionRequirementsId,
                decisionDefinitionKey = Json.Key(d.Key),
                decisionRequirementsKey = Json.Key(r.Key),
            },
        }).Append(new
        {
            decisionRequirements = new
            {
                decisionRequirementsId = r.DecisionRequirementsId,
                version = r.Version,
                decisionRequirementsName = r.Name,
                tenantId = ApiValues.Tenant,
                resourceName = r.ResourceName,
                decisionRequirementsKey = Json.Key(r.Key),
            },
        }))).Concat(deployment.Forms.Select(f => (object)new
        {
            form = new { formId = f.FormId, version = f.Version, resourceName = f.ResourceName, tenantId = ApiValues.Tenant, formKey = Json.Key(f.Key) },
        }));
        return TypedResults.Ok(new { deploymentKey = Json.Key(deployment.Key), tenantId = ApiValues.Tenant, deployments = items });
    }
}
