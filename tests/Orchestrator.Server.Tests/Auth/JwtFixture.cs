using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Auth;

/// <summary>
/// A server that requires sign-in and takes bearer tokens of a provider without discovery: an HMAC key and an RSA
/// public key in configuration, one issuer, one audience, the provider role <c>Shop.Operators</c> mapped to <c>operator</c>.
/// The fixture mints tokens as that provider would.
/// </summary>
public sealed class JwtFixture : ServerFixture, IDisposable
{
    public const string Issuer = "https://id.example.test/realms/shop";
    public const string Audience = "orchestrator-api";

    private readonly RSA _rsa = RSA.Create(2048);

    /// <summary>The provider's shared HMAC secret.</summary>
    public byte[] HmacKey { get; } = RandomNumberGenerator.GetBytes(32);

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Auth:Anonymous"] = "false";
        settings["Auth:Jwt:Audience"] = Audience;
        settings["Auth:Jwt:ValidIssuers:0"] = Issuer;
        settings["Auth:Jwt:SigningKeys:0:KeyId"] = "hs";
        settings["Auth:Jwt:SigningKeys:0:Symmetric"] = Convert.ToBase64String(HmacKey);
        settings["Auth:Jwt:SigningKeys:1:KeyId"] = "rs";
        settings["Auth:Jwt:SigningKeys:1:PublicKeyPem"] = _rsa.ExportSubjectPublicKeyInfoPem();
        settings["Auth:Jwt:RoleMap:Shop.Operators"] = "operator";
        return settings;
    }

    /// <summary>The claims of a token: the standard ones as given, others (roles, groups) as JSON values.</summary>
    public sealed record TokenSpec
    {
        public string? Subject { get; init; } = "user-1";

        public string? Username { get; init; }

        public string[]? Roles { get; init; }

        public string[]? Groups { get; init; }

        public string Issuer { get; init; } = JwtFixture.Issuer;

        public string Audience { get; init; } = JwtFixture.Audience;

        public DateTime Expires { get; init; } = DateTime.UtcNow.AddMinutes(10);

        public DateTime IssuedAt { get; init; } = DateTime.UtcNow.AddMinutes(-1);
    }

    /// <summary>A token signed with the HMAC key (HS256).</summary>
    public string Hs256(TokenSpec spec) => Mint(spec, new SigningCredentials(new SymmetricSecurityKey(HmacKey) { KeyId = "hs" }, SecurityAlgorithms.HmacSha256));

    /// <summary>A token signed with the RSA key (RS256).</summary>
    public string Rs256(TokenSpec spec) => Mint(spec, new SigningCredentials(new RsaSecurityKey(_rsa) { KeyId = "rs" }, SecurityAlgorithms.RsaSha256));

    /// <summary>A token signed with a key the server does not know.</summary>
    public static string ForeignKey(TokenSpec spec) =>
        Mint(spec, new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "hs" }, SecurityAlgorithms.HmacSha256));

    /// <summary>An unsigned token (<c>alg: none</c>).</summary>
    public static string WithoutSignature(TokenSpec spec) => Mint(spec, null);

    /// <summary>A client that sends <paramref name="token"/> as its bearer token.</summary>
    public HttpClient ClientWith(string token)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public void Dispose() => _rsa.Dispose();

    private static string Mint(TokenSpec spec, SigningCredentials? credentials)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        if (spec.Roles is not null)
        {
            claims["roles"] = spec.Roles;
        }

        if (spec.Groups is not null)
        {
            claims["groups"] = spec.Groups;
        }

        var subject = new ClaimsIdentity();
        if (spec.Subject is not null)
        {
            subject.AddClaim(new Claim("sub", spec.Subject));
        }

        if (spec.Username is not null)
        {
            subject.AddClaim(new Claim("preferred_username", spec.Username));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Audience = spec.Audience,
            Subject = subject,
            Claims = claims,
            IssuedAt = spec.IssuedAt,
            NotBefore = spec.IssuedAt,
            Expires = spec.Expires,
            SigningCredentials = credentials,
        });
    }
}
