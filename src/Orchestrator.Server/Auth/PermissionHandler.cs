using Microsoft.AspNetCore.Authorization;

namespace Orchestrator.Server.Auth;

/// <summary>
/// Lets in a caller holding one of a route's permissions, or anyone unsigned when <c>Auth:Anonymous</c> is on (they act as
/// an admin) — unless they sent credentials that failed, which are refused even then.
/// </summary>
public sealed class PermissionHandler(AuthOptions auth) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        if ((!signedIn && AuthExtensions.AnonymousAllowed(context.Resource, auth)) || (signedIn && requirement.AnyOf.Any(p => context.User.HasClaim(Permissions.ClaimType, p))))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
