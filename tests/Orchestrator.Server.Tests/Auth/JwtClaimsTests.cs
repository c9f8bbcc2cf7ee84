using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orchestrator.Server.Auth;

namespace Orchestrator.Server.Tests.Auth;

/// <summary>How a provider's claims become the server's name, roles and groups, for token shapes of real providers.</summary>
public sealed class JwtClaimsTests
{
    [Fact]
    public void Keycloak_realm_roles_are_read_by_a_dotted_path_and_mapped()
    {
        var token = Claims("""{"sub":"f3a1","preferred_username":"kim","realm_access":{"roles":["shop-admin","default-roles-shop"]},"groups":["tier1-agents"]}""");
        var options = new JwtOptions { RolesClaim = "realm_access.roles", RoleMap = { ["shop-admin"] = "admin" } };

        var principal = JwtAuthentication.Principal(token, options)!;

        Assert.Equal("kim", principal.Identity!.Name);
        Assert.Equal(["admin", "default-roles-shop"], principal.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.True(principal.IsInRole("admin"));
        Assert.Equal(["tier1-agents"], principal.FindAll(TaskVisibility.GroupClaim).Select(c => c.Value));
    }

    [Fact]
    public void A_namespaced_claim_with_dots_in_its_name_is_read_whole()
    {
        var token = Claims("""{"sub":"auth0|42","https://shop.example/roles":["operator"],"https://shop.example/groups":"returns-agents"}""");
        var options = new JwtOptions { RolesClaim = "https://shop.example/roles", GroupsClaim = "https://shop.example/groups", NameClaim = "email" };

        var principal = JwtAuthentication.Principal(token, options)!;

        Assert.Equal("auth0|42", principal.Identity!.Name);
        Assert.Equal(["operator"], principal.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.Equal(["returns-agents"], principal.FindAll(TaskVisibility.GroupClaim).Select(c => c.Value));
    }

    [Fact]
    public void A_token_without_roles_or_groups_has_none_and_one_without_a_user_is_refused()
    {
        var options = new JwtOptions();

        var service = JwtAuthentication.Principal(Claims("""{"sub":"svc","roles":[],"realm_access":"not json"}"""), options)!;
        var nobody = JwtAuthentication.Principal(Claims("""{"roles":["admin"]}"""), options);

        Assert.Empty(service.FindAll(ClaimTypes.Role));
        Assert.Empty(JwtAuthentication.Principal(Claims("""{"sub":"svc","realm_access":"not json"}"""), new JwtOptions { RolesClaim = "realm_access.roles" })!
            .FindAll(ClaimTypes.Role));
        Assert.Null(nobody);
    }

    [Fact]
    public void The_options_refuse_a_section_that_could_not_check_tokens_or_would_take_any_audience()
    {
        var validation = new JwtOptionsValidation();
        var key = new JwtSigningKeyOptions { Symmetric = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };

        Assert.True(validation.Validate(null, new JwtOptions()).Succeeded);
        Assert.True(validation.Validate(null, new JwtOptions { Audience = "api", ValidIssuers = ["https://id"], SigningKeys = [key] }).Succeeded);
        Assert.True(validation.Validate(null, new JwtOptions { Authority = "https://id.example", Audiences = ["api"] }).Succeeded);
        Assert.Contains("Authority", Failure(validation, new JwtOptions { Audience = "api" }));
        Assert.Contains("Audience", Failure(validation, new JwtOptions { Authority = "https://id.example" }));
        Assert.Contains("ValidIssuers", Failure(validation, new JwtOptions { Audience = "api", SigningKeys = [key] }));
        Assert.Contains("32 bytes", Failure(validation, new JwtOptions { Audience = "api", ValidIssuers = ["https://id"], SigningKeys = [new() { Symmetric = "c2hvcnQ=" }] }));
        Assert.Contains("SigningKeys:0", Failure(validation, new JwtOptions { Audience = "api", ValidIssuers = ["https://id"], SigningKeys = [new() { PublicKeyPem = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----" }] }));
        Assert.Contains("either", Failure(validation, new JwtOptions { Audience = "api", ValidIssuers = ["https://id"], SigningKeys = [new()] }));
    }

    [Fact]
    public void Pem_keys_of_each_kind_are_read()
    {
        using var rsa = RSA.Create(2048);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=id.example", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        Assert.IsType<RsaSecurityKey>(JwtAuthentication.SigningKey(new() { PublicKeyPem = rsa.ExportSubjectPublicKeyInfoPem() }));
        Assert.IsType<RsaSecurityKey>(JwtAuthentication.SigningKey(new() { PublicKeyPem = rsa.ExportRSAPublicKeyPem() }));
        Assert.IsType<ECDsaSecurityKey>(JwtAuthentication.SigningKey(new() { PublicKeyPem = ec.ExportSubjectPublicKeyInfoPem(), KeyId = "ec-1" }));
        Assert.IsType<X509SecurityKey>(JwtAuthentication.SigningKey(new() { PublicKeyPem = certificate.ExportCertificatePem() }));
        Assert.Throws<FormatException>(() => JwtAuthentication.SigningKey(new() { PublicKeyPem = rsa.ExportRSAPrivateKeyPem() }));
    }

    /// <summary>The claims IdentityModel makes of a token with this payload (arrays become one claim per entry, objects a JSON claim).</summary>
    private static ClaimsPrincipal Claims(string payload) =>
        new(new ClaimsIdentity(new JsonWebToken(new JsonWebTokenHandler().CreateToken(payload)).Claims, "test"));

    private static string Failure(JwtOptionsValidation validation, JwtOptions options)
    {
        var result = validation.Validate(null, options);
        Assert.True(result.Failed);
        return result.FailureMessage;
    }
}
