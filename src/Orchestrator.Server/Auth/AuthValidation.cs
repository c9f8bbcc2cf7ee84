using Microsoft.Extensions.Options;

namespace Orchestrator.Server.Auth;

/// <summary>Refuses to start with roles that name permissions that do not exist (a typo would silently grant nothing).</summary>
internal sealed class AuthValidation : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Roles
            .Select(r => (Role: r.Key, Unknown: r.Value.Where(p => p != "*" && !Permissions.All.Contains(p)).ToList()))
            .Where(r => r.Unknown.Count > 0)
            .Select(r => $"Auth:Roles:{r.Role} names unknown permissions ({string.Join(", ", r.Unknown)}); known: *, {string.Join(", ", Permissions.All)}")
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
