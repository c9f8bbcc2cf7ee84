namespace Orchestrator.Server.Auth;

/// <summary>
/// The <c>Auth:Jwt</c> section: bearer tokens from an OpenID Connect provider. Off unless <see cref="Authority"/>,
/// <see cref="MetadataAddress"/> or <see cref="SigningKeys"/> is set.
/// </summary>
public sealed class JwtOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Auth:Jwt";

    /// <summary>
    /// <c>Auth:Jwt:Authority</c>: the provider's issuer URL (e.g. <c>https://login.example.com/realms/shop</c>); its
    /// discovery document (<c>/.well-known/openid-configuration</c>) gives the issuer and the signing keys, which rotate by themselves.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary><c>Auth:Jwt:MetadataAddress</c>: the discovery document's URL, when it is not under <see cref="Authority"/>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary><c>Auth:Jwt:RequireHttpsMetadata</c>: refuse a discovery document over plain HTTP. Default true.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary><c>Auth:Jwt:Audience</c>: the audience (<c>aud</c>) tokens must be issued for; with <see cref="Audiences"/>, any of them. One is required.</summary>
    public string? Audience { get; set; }

    /// <summary><c>Auth:Jwt:Audiences</c>: more accepted audiences.</summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>
    /// <c>Auth:Jwt:ValidIssuers</c>: accepted issuers (<c>iss</c>). With an authority, its discovery document's issuer is
    /// accepted too; without one (keys given here), at least one is required.
    /// </summary>
    public List<string> ValidIssuers { get; set; } = [];

    /// <summary><c>Auth:Jwt:SigningKeys</c>: keys given here, for providers without discovery (and tests); used beside discovered keys.</summary>
    public List<JwtSigningKeyOptions> SigningKeys { get; set; } = [];

    /// <summary>
    /// <c>Auth:Jwt:RolesClaim</c>: the claim with the user's roles. Default <c>roles</c>. A dotted path reads into a JSON
    /// claim when no claim has the whole name, e.g. <c>realm_access.roles</c> (Keycloak).
    /// </summary>
    public string RolesClaim { get; set; } = "roles";

    /// <summary><c>Auth:Jwt:GroupsClaim</c>: the claim with the user's groups (they match <c>candidateGroups</c>). Default <c>groups</c>; dotted paths as for roles.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary><c>Auth:Jwt:NameClaim</c>: the claim with the user's name (assignee, candidate user). Default <c>preferred_username</c>; <c>sub</c> when the token lacks it.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>
    /// <c>Auth:Jwt:RoleMap:{provider role}</c>: the server's role (<c>admin</c>, <c>process-owner</c>, <c>agent</c>,
    /// <c>operator</c>, <c>integration</c>) a provider's role stands for. A role not in the map is taken as it is.
    /// </summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary><c>Auth:Jwt:ClockSkewSeconds</c>: how far the provider's clock may be off when checking expiry. Default 60.</summary>
    public int ClockSkewSeconds { get; set; } = 60;

    /// <summary>True when bearer tokens are accepted.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(MetadataAddress) || SigningKeys.Count > 0;

    /// <summary><see cref="Audience"/> and <see cref="Audiences"/>.</summary>
    public IReadOnlyList<string> AllAudiences() =>
        [.. (string.IsNullOrWhiteSpace(Audience) ? Audiences : Audiences.Prepend(Audience)).Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.Ordinal)];
}
