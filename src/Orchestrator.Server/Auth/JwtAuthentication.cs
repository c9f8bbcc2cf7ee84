using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Orchestrator.Server.Auth;

/// <summary>
/// Bearer tokens (JWT) from any OpenID Connect provider, configured under <c>Auth:Jwt</c> (<see cref="JwtOptions"/>).
/// A valid token becomes the same principal as a configured user: <see cref="ClaimTypes.Name"/>,
/// <see cref="ClaimTypes.Role"/> and <see cref="TaskVisibility.GroupClaim"/>, read from the claims the options name.
/// </summary>
public static class JwtAuthentication
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "Jwt";

    private const string BearerScheme = "Bearer";

    /// <summary>Registers the bearer scheme and its options (the scheme is used only when <see cref="JwtOptions.Enabled"/>).</summary>
    public static AuthenticationBuilder AddOrchestratorJwt(this AuthenticationBuilder authentication)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        var services = authentication.Services;
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidation>();
        services.AddOptions<JwtBearerOptions>(SchemeName).Configure<IOptions<JwtOptions>>((bearer, jwt) => Configure(bearer, jwt.Value));
        return authentication.AddJwtBearer(SchemeName);
    }

    /// <summary>True when the request carries a bearer token and bearer tokens are configured.</summary>
    public static bool Selects(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var header = context.Request.Headers.Authorization.ToString();
        return (header.StartsWith(BearerScheme + " ", StringComparison.OrdinalIgnoreCase) || header.Equals(BearerScheme, StringComparison.OrdinalIgnoreCase))
            && context.RequestServices.GetRequiredService<IOptions<JwtOptions>>().Value.Enabled;
    }

    /// <summary>The server's principal for a validated token, or null when the token names no user.</summary>
    public static ClaimsPrincipal? Principal(ClaimsPrincipal token, JwtOptions options)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(options);
        var name = Values(token, options.NameClaim).FirstOrDefault() ?? token.FindFirst("sub")?.Value;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var groups = Values(token, options.GroupsClaim).Distinct(StringComparer.Ordinal);
        var roles = Values(token, options.RolesClaim).Select(role => options.RoleMap.GetValueOrDefault(role, role)).Distinct(StringComparer.Ordinal);
        return CredentialsHandler.Principal(name, groups, roles, SchemeName);
    }

    /// <summary>A configured signing key as IdentityModel takes it; throws <see cref="FormatException"/> or <see cref="CryptographicException"/> when it is not one.</summary>
    public static SecurityKey SigningKey(JwtSigningKeyOptions key)
    {
        ArgumentNullException.ThrowIfNull(key);
        SecurityKey security = (key.Symmetric, key.PublicKeyPem) switch
        {
            ({ Length: > 0 } secret, null or "") => Symmetric(secret),
            (null or "", { Length: > 0 } pem) => PublicKey(pem),
            _ => throw new FormatException("give either Symmetric or PublicKeyPem"),
        };
        security.KeyId = key.KeyId;
        return security;
    }

    private static SymmetricSecurityKey Symmetric(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        return bytes.Length < 32 ? throw new FormatException("a symmetric key needs at least 32 bytes (256 bits)") : new SymmetricSecurityKey(bytes);
    }

    private static AsymmetricSecurityKey PublicKey(string pem)
    {
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new FormatException("PublicKeyPem holds no PEM block");
        }

        switch (pem[fields.Label])
        {
            case "CERTIFICATE":
                return new X509SecurityKey(X509Certificate2.CreateFromPem(pem));
            case "RSA PUBLIC KEY":
                var pkcs1 = RSA.Create();
                pkcs1.ImportFromPem(pem);
                return new RsaSecurityKey(pkcs1);
            case "PUBLIC KEY":
                // SubjectPublicKeyInfo names its algorithm inside: RSA refuses an EC key, and then it is one.
                var rsa = RSA.Create();
                try
                {
                    rsa.ImportFromPem(pem);
                    return new RsaSecurityKey(rsa);
                }
                catch (CryptographicException)
                {
                    rsa.Dispose();
                    var ec = ECDsa.Create();
                    ec.ImportFromPem(pem);
                    return new ECDsaSecurityKey(ec);
                }

            default:
                throw new FormatException($"PublicKeyPem is a '{pem[fields.Label]}', not a PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE");
        }
    }

    private static void Configure(JwtBearerOptions bearer, JwtOptions options)
    {
        if (!options.Enabled)
        {
            return;
        }

        bearer.Authority = string.IsNullOrWhiteSpace(options.Authority) ? null : options.Authority;
        bearer.MetadataAddress = string.IsNullOrWhiteSpace(options.MetadataAddress) ? null! : options.MetadataAddress;
        bearer.RequireHttpsMetadata = options.RequireHttpsMetadata;
        // Claims keep the provider's names (roles, groups, preferred_username); Principal() maps them to ours.
        bearer.MapInboundClaims = false;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuers = options.ValidIssuers.Count > 0 ? options.ValidIssuers : null,
            ValidateAudience = true,
            ValidAudiences = options.AllAudiences(),
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            IssuerSigningKeys = options.SigningKeys.Count > 0 ? [.. options.SigningKeys.Select(SigningKey)] : null,
            ClockSkew = TimeSpan.FromSeconds(options.ClockSkewSeconds),
        };
        bearer.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (Principal(context.Principal!, options) is { } principal)
                {
                    context.Principal = principal;
                }
                else
                {
                    context.Fail($"the bearer token names no user (neither {options.NameClaim} nor sub)");
                }

                return Task.CompletedTask;
            },
            OnChallenge = context =>
            {
                context.HandleResponse();
                context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
                return Api.ProblemMiddleware.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "UNAUTHORIZED", Describe(context.AuthenticateFailure));
            },
            OnForbidden = context =>
                Api.ProblemMiddleware.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "FORBIDDEN", "your roles do not allow this"),
        };
    }

    private static string Describe(Exception? failure) => failure switch
    {
        null => "sign in with a bearer token from the configured OpenID Connect provider",
        SecurityTokenExpiredException => "the bearer token has expired",
        SecurityTokenNotYetValidException => "the bearer token is not valid yet",
        SecurityTokenNoExpirationException => "the bearer token has no expiry",
        SecurityTokenInvalidAudienceException => "the bearer token was issued for another audience",
        SecurityTokenInvalidIssuerException => "the bearer token's issuer is not trusted",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the bearer token's signature does not verify",
        SecurityTokenMalformedException => "the bearer token is malformed",
        AuthenticationFailureException => failure.Message,
        _ => "the bearer token is not valid",
    };

    /// <summary>
    /// A claim's values: every claim of that type; else, for a dotted path (<c>realm_access.roles</c>), the strings at
    /// that path inside the JSON claim named by its first segment.
    /// </summary>
    private static IEnumerable<string> Values(ClaimsPrincipal token, string claim)
    {
        var direct = token.FindAll(claim).Select(c => c.Value).Where(v => v.Length > 0).ToList();
        var dot = claim.IndexOf('.', StringComparison.Ordinal);
        if (direct.Count > 0 || dot <= 0 || token.FindFirst(claim[..dot]) is not { } root)
        {
            return direct;
        }

        try
        {
            var node = JsonNode.Parse(root.Value);
            foreach (var segment in claim[(dot + 1)..].Split('.'))
            {
                node = node is JsonObject json ? json[segment] : null;
            }

            return node switch
            {
                JsonArray array => [.. array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>()],
                JsonValue value when value.TryGetValue<string>(out var single) => [single],
                _ => [],
            };
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
