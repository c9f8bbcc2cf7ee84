using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Orchestrator.Server.Auth;

/// <summary>HTTP Basic (users from configuration) and API keys (<c>X-API-Key</c> header or <c>Authorization: ApiKey …</c>).</summary>
public sealed class CredentialsHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AuthOptions auth, PasswordCheck passwords)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "Credentials";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        var apiKey = Request.Headers["X-API-Key"].ToString();
        if (header.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase))
        {
            apiKey = header["ApiKey ".Length..].Trim();
        }

        var address = Context.Connection.RemoteIpAddress;
        if (apiKey.Length > 0)
        {
            passwords.ThrowIfLocked(address);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
            var match = auth.ApiKeys.FirstOrDefault(k => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(k.Value.Sha256), Encoding.ASCII.GetBytes(hash)));
            if (match.Value is null)
            {
                await passwords.FailedAsync(address).ConfigureAwait(false);
                return AuthenticateResult.Fail("unknown API key");
            }

            return Success(match.Key, [], match.Value.Roles);
        }

        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("the Basic credentials are not base64");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return AuthenticateResult.Fail("the Basic credentials have no colon");
        }

        var (name, password) = (decoded[..colon], decoded[(colon + 1)..]);
        return await passwords.VerifyAsync(name, password, address, Context.RequestAborted).ConfigureAwait(false) is { } user
            ? Success(name, user.Groups, user.Roles)
            : AuthenticateResult.Fail("wrong user name or password");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"orchestrator\"";
        return Api.ProblemMiddleware.WriteAsync(Context, StatusCodes.Status401Unauthorized, "UNAUTHORIZED",
            "sign in: HTTP Basic with a configured user, an API key (X-API-Key), or the sign-in cookie");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Api.ProblemMiddleware.WriteAsync(Context, StatusCodes.Status403Forbidden, "FORBIDDEN", "your roles do not allow this");

    /// <summary>The principal of a signed-in user or key.</summary>
    public static ClaimsPrincipal Principal(string name, IEnumerable<string> groups, IEnumerable<string> roles, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        claims.AddRange(groups.Select(g => new Claim(TaskVisibility.GroupClaim, g)));
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    private static AuthenticateResult Success(string name, IEnumerable<string> groups, IEnumerable<string> roles) =>
        AuthenticateResult.Success(new AuthenticationTicket(Principal(name, groups, roles, SchemeName), SchemeName));
}
