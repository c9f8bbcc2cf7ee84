using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Orchestrator.Server.Auth;

/// <summary>Adds to every signed-in principal (whatever signed it in) the permissions its roles grant.</summary>
public sealed class PermissionClaims(AuthOptions auth) : IClaimsTransformation
{
    /// <summary>The permissions of each role: the defaults, with the roles that <c>Auth:Roles</c> lists replaced.</summary>
    private readonly Dictionary<string, HashSet<string>> _byRole = Matrix(auth);

    /// <summary>Adds the permission claims of the principal's roles (once).</summary>
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity || principal.HasClaim(c => c.Type == Permissions.ClaimType))
        {
            return Task.FromResult(principal);
        }

        var granted = principal.FindAll(ClaimTypes.Role).SelectMany(r => _byRole.GetValueOrDefault(r.Value) ?? []).ToHashSet(StringComparer.Ordinal);
        identity.AddClaims(granted.Select(p => new Claim(Permissions.ClaimType, p)));
        return Task.FromResult(principal);
    }

    private static Dictionary<string, HashSet<string>> Matrix(AuthOptions auth)
    {
        var matrix = Permissions.Defaults.ToDictionary(d => d.Key, d => d.Value.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (role, permissions) in auth.Roles)
        {
            matrix[role] = permissions.Contains("*") ? Permissions.All.ToHashSet(StringComparer.Ordinal) : permissions.ToHashSet(StringComparer.Ordinal);
        }

        return matrix;
    }
}
