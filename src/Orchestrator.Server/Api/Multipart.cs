using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Orchestrator.Server.Limits;

namespace Orchestrator.Server.Api;

/// <summary>Multipart uploads of models and forms: their size limit and a malformed body answered as 400, not 500.</summary>
public static class Multipart
{
    /// <summary>Lets the route take bodies up to <see cref="LimitsOptions.DeploymentMaxBytes"/> instead of the request limit.</summary>
    public static RouteHandlerBuilder AcceptsModels(this RouteHandlerBuilder route, IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(routes);
        var limit = routes.ServiceProvider.GetRequiredService<IOptions<LimitsOptions>>().Value.DeploymentMaxBytes;
        return route.WithMetadata(new RequestSizeLimitAttribute(limit)).DisableAntiforgery();
    }

    /// <summary>The form of a multipart request.</summary>
    /// <exception cref="ApiException">The body is not a well-formed multipart body (400).</exception>
    public static async Task<IFormCollection> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception malformed) when (malformed is InvalidDataException or IOException)
        {
            // A body that ends before its boundary reads as an IOException ("unexpected end of stream").
            throw ApiException.Invalid($"the multipart body is malformed: {malformed.Message}");
        }
    }

    /// <summary>The text of an uploaded file, refused with 413 when it is larger than the deployment limit.</summary>
    public static async Task<string> ReadTextAsync(IFormFile file, IOptions<LimitsOptions> limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(limits);
        if (file.Length > limits.Value.DeploymentMaxBytes)
        {
            throw ApiException.TooLarge($"resource '{file.FileName}' is larger than {limits.Value.DeploymentMaxBytes} bytes (Limits:DeploymentMaxBytes)");
        }

        using var reader = new StreamReader(file.OpenReadStream());
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}
