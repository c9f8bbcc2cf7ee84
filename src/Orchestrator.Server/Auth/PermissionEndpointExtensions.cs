using Microsoft.AspNetCore.Authorization;

namespace Orchestrator.Server.Auth;

/// <summary>Puts a permission on a route (or a group of routes).</summary>
public static class PermissionEndpointExtensions
{
    /// <summary>The caller must hold one of <paramref name="anyOf"/>; otherwise 401 when not signed in, 403 when signed in.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, params string[] anyOf)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var requirement = new PermissionRequirement(anyOf);
        return builder.RequireAuthorization(new AuthorizationPolicyBuilder().AddRequirements(requirement).Build()).WithMetadata(requirement);
    }
}
