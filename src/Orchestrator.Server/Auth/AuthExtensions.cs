using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Orchestrator.Server.Auth;

/// <summary>Authentication (Basic, API key, cookie) and the API's authorization policy.</summary>
public static class AuthExtensions
{
    /// <summary>The policy of <c>/v2</c>: a signed-in user or key, or anyone when anonymous access is on.</summary>
    public const string ApiPolicy = "api";

    private const string Smart = "Orchestrator";

    public static WebApplicationBuilder AddOrchestratorAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AuthOptions>().BindConfiguration("Auth").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthValidation>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<AuthOptions>>().Value);
        builder.Services.AddOptions<SignInOptions>().BindConfiguration("Auth:SignIn")
            .Validate(o => !o.Problems().Any(), "Auth:SignIn has unusable settings: counts must be at least 1 and durations positive").ValidateOnStart();
        builder.Services.AddSingleton<IPasswordHasher<string>, PasswordHasher<string>>();
        builder.Services.AddSingleton<PasswordCheck>();
        // Sign-in cookies are protected with keys in the database: every node of a cluster reads the others' cookies, and a
        // restart signs nobody out.
        builder.Services.AddDataProtection().SetApplicationName("aftersales-orchestrator").PersistKeysToDbContext<Persistence.OrchestratorDbContext>();
        builder.Services.AddAuthentication(Smart)
            .AddPolicyScheme(Smart, Smart, o => o.ForwardDefaultSelector = context =>
                ForAnyone(context) ? CookieAuthenticationDefaults.AuthenticationScheme
                : JwtAuthentication.Selects(context) ? JwtAuthentication.SchemeName
                : PresentsCredentials(context.Request)
                    ? CredentialsHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddOrchestratorJwt()
            .AddScheme<AuthenticationSchemeOptions, CredentialsHandler>(CredentialsHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = Security.OriginCheckMiddleware.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.Events.OnRedirectToLogin = context => Api.ProblemMiddleware.WriteAsync(context.HttpContext, 401, "UNAUTHORIZED",
                    "sign in: HTTP Basic with a configured user, an API key (X-API-Key), or the sign-in cookie");
                o.Events.OnRedirectToAccessDenied = context => Api.ProblemMiddleware.WriteAsync(context.HttpContext, 403, "FORBIDDEN", "your roles do not allow this");
                o.Events.OnValidatePrincipal = Revalidate;
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy.RequireAssertion(context => Anonymous(context) || context.User.Identity?.IsAuthenticated == true));
        builder.Services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        builder.Services.AddSingleton<IClaimsTransformation, PermissionClaims>();
        return builder;
    }

    /// <summary><c>POST /api/auth/sign-in</c> (cookie for the UI), <c>POST /api/auth/sign-out</c>, <c>GET /api/auth/me</c>.</summary>
    public static RouteGroupBuilder MapAuthApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/auth");
        group.MapPost("/sign-in", async (SignInRequest request, PasswordCheck passwords, IClaimsTransformation permissions, HttpContext context) =>
        {
            if (string.IsNullOrEmpty(request?.Username) || request.Password is null)
            {
                throw Api.ApiException.Invalid("username and password are required");
            }

            if (await passwords.VerifyAsync(request.Username, request.Password, context.Connection.RemoteIpAddress, context.RequestAborted).ConfigureAwait(false) is not { } user)
            {
                throw new Api.ApiException(StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "wrong user name or password");
            }

            var principal = CookiePrincipal(request.Username, user);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal).ConfigureAwait(false);
            // The cookie carries roles only (permissions follow the configuration in force at each request); the answer names them.
            return TypedResults.Ok(Me(await permissions.TransformAsync(principal).ConfigureAwait(false)));
        }).RequireRateLimiting(Limits.RateLimits.SignIn);
        group.MapPost("/sign-out", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return TypedResults.NoContent();
        });
        group.MapGet("/me", (HttpContext context, AuthOptions auth) => context.User.Identity?.IsAuthenticated == true
            ? Results.Ok(Me(context.User))
            : AnonymousAllowed(context, auth)
                ? Results.Ok(new MeResponse("anonymous", [], [Roles.Admin], Permissions.All))
                : throw new Api.ApiException(StatusCodes.Status401Unauthorized, "UNAUTHORIZED",
                    PresentsCredentials(context.Request) ? "the credentials were refused" : "not signed in"));
        return group;
    }

    /// <summary>
    /// A sign-in cookie speaks for the user as configured now: one removed (or whose password hash changed) is signed out,
    /// and one whose roles or groups changed gets them at once.
    /// </summary>
    private static async Task Revalidate(CookieValidatePrincipalContext context)
    {
        var auth = context.HttpContext.RequestServices.GetRequiredService<AuthOptions>();
        var name = context.Principal?.Identity?.Name;
        if (name is null || !auth.Users.TryGetValue(name, out var user) || context.Principal!.FindFirst(PasswordStampClaim)?.Value != PasswordStamp(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return;
        }

        var principal = CookiePrincipal(name, user);
        if (!principal.FindAll(ClaimTypes.Role).Select(c => c.Value).SequenceEqual(context.Principal.FindAll(ClaimTypes.Role).Select(c => c.Value))
            || !principal.FindAll(TaskVisibility.GroupClaim).Select(c => c.Value).SequenceEqual(context.Principal.FindAll(TaskVisibility.GroupClaim).Select(c => c.Value)))
        {
            context.ReplacePrincipal(principal);
            context.ShouldRenew = true;
        }
    }

    /// <summary>The claim that ties a sign-in cookie to the password it was made with.</summary>
    private const string PasswordStampClaim = "password-stamp";

    /// <summary>A short fingerprint of the user's password hash: a changed password ends the sessions made with the old one.</summary>
    private static string PasswordStamp(UserOptions user) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(user.PasswordHash)))[..16];

    /// <summary>The principal a sign-in cookie carries: name, groups, roles and the password stamp.</summary>
    private static ClaimsPrincipal CookiePrincipal(string name, UserOptions user)
    {
        var principal = CredentialsHandler.Principal(name, user.Groups, user.Roles, CookieAuthenticationDefaults.AuthenticationScheme);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(PasswordStampClaim, PasswordStamp(user)));
        return principal;
    }

    private static bool Anonymous(AuthorizationHandlerContext context) =>
        context.Resource is HttpContext http && AnonymousAllowed(http, http.RequestServices.GetRequiredService<AuthOptions>());

    /// <summary>
    /// True for routes anyone may call (webhooks, which check signatures; the simulators): headers that happen to look
    /// like credentials there (a simulated carrier's API key) are not ours to check, and a wrong one must not count as a
    /// failed sign-in.
    /// </summary>
    private static bool ForAnyone(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    /// <summary>
    /// True when the request brings credentials of its own (an Authorization header or an API key), as API clients do; an
    /// empty header is none (Camunda's SDK sends <c>authorization:</c> with nothing after it when it has no credentials).
    /// </summary>
    public static bool PresentsCredentials(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !string.IsNullOrWhiteSpace(request.Headers.Authorization) || !string.IsNullOrWhiteSpace(request.Headers["X-API-Key"]);
    }

    /// <summary>
    /// True when a request without a signed-in user may go on as the anonymous admin: anonymous access is on and the
    /// request brought no credentials that failed (a wrong password is a 401 even then, never a quiet pass).
    /// </summary>
    public static bool AnonymousAllowed(object? resource, AuthOptions auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        return auth.Anonymous && resource is HttpContext http && !PresentsCredentials(http.Request);
    }

    private static MeResponse Me(System.Security.Claims.ClaimsPrincipal user) => new(
        user.Identity?.Name ?? "",
        user.FindAll(TaskVisibility.GroupClaim).Select(c => c.Value).ToList(),
        user.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).ToList(),
        user.FindAll(Permissions.ClaimType).Select(c => c.Value).Order(StringComparer.Ordinal).ToList());

    /// <summary>Sign-in form.</summary>
    public sealed record SignInRequest(string? Username, string? Password);

    /// <summary>Who is signed in, and what they may do.</summary>
    public sealed record MeResponse(string Name, IReadOnlyList<string> Groups, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions);

}
