namespace Orchestrator.Server.Auth;

/// <summary>The <c>Auth</c> section: anonymous access, users and API keys.</summary>
public sealed class AuthOptions
{
    /// <summary><c>Auth:Anonymous</c>: requests without credentials act as an admin. Default false (true in <c>appsettings.Development.json</c> for the demo).</summary>
    public bool Anonymous { get; set; }

    /// <summary><c>Auth:Users:{name}</c>: the users who sign in with a password.</summary>
    public Dictionary<string, UserOptions> Users { get; set; } = new(StringComparer.Ordinal);

    /// <summary><c>Auth:ApiKeys:{name}</c>: keys for other systems.</summary>
    public Dictionary<string, ApiKeyOptions> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// <c>Auth:AllowedOrigins</c>: origins (<c>https://shop.example</c>) besides this server's own whose pages may make
    /// requests with the sign-in cookie; every other cross-site request that changes state is refused.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// <c>Auth:Roles:{role}</c>: the permissions of a role, replacing its defaults (<see cref="Permissions.Defaults"/>); a role
    /// not among the defaults may be defined this way too. <c>*</c> grants every permission.
    /// </summary>
    public Dictionary<string, List<string>> Roles { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One user.</summary>
public sealed class UserOptions
{
    /// <summary>The password hash (ASP.NET Core Identity's PBKDF2 format; make one with <c>orchestrator hash-password</c>).</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>Groups (they match <c>candidateGroups</c>).</summary>
    public List<string> Groups { get; set; } = [];

    /// <summary>Roles: <c>admin</c>, <c>process-owner</c>, <c>agent</c>, <c>operator</c>, <c>integration</c>.</summary>
    public List<string> Roles { get; set; } = [];
}

/// <summary>One API key.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The SHA-256 of the key, as lower-case hex (the key itself is never stored).</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>Roles the key acts with.</summary>
    public List<string> Roles { get; set; } = [Auth.Roles.Integration];
}
