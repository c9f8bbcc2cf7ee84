using Microsoft.AspNetCore.Authorization;

namespace Orchestrator.Server.Auth;

/// <summary>A route's permission: the caller must hold one of <see cref="AnyOf"/> (also endpoint metadata, for the matrix and its test).</summary>
public sealed class PermissionRequirement(IReadOnlyList<string> anyOf) : IAuthorizationRequirement
{
    /// <summary>The permissions that each let the caller in.</summary>
    public IReadOnlyList<string> AnyOf { get; } = anyOf;
}
