using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Orchestrator.Server.Auth;

/// <summary>Authentication (Basic, API key, cookie) and the API's authorization policy.</summary>
public static class AuthExtensions
{
    /// <summary>The policy of <c>/v2</c>: a signed-in user or key, or anyone when anonymous access is on.</summary>
    public const string ApiPolicy = "api";

    /// <summary>Deploying: admins, process owners and integrations.</summary>
    public const string DeployPolicy = "deploy";

    private const string Smart = "Orchestrator";

    public static WebApplicationBuilder AddOrchestratorAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(sp =>
        {
            var auth = new AuthOptions();
            sp.GetRequiredService<IConfiguration>().GetSection("Auth").Bind(auth);
            return auth;
        });
        builder.Services.AddAuthentication(Smart)
            .AddPolicyScheme(Smart, Smart, o => o.ForwardDefaultSelector = context =>
                JwtAuthentication.Selects(context) ? JwtAuthentication.SchemeName
                : context.Request.Headers.Authorization.Count > 0 || context.Request.Headers.ContainsKey("X-API-Key")
                    ? CredentialsHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddOrchestratorJwt()
            .AddScheme<AuthenticationSchemeOptions, CredentialsHandler>(CredentialsHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = "orchestrator";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.Events.OnRedirectToLogin = context => Api.ProblemMiddleware.WriteAsync(context.HttpContext, 401, "UNAUTHORIZED",
                    "sign in: HTTP Basic with a configured user, an API key (X-API-Key), or the sign-in cookie");
                o.Events.OnRedirectToAccessDenied = context => Api.ProblemMiddleware.WriteAsync(context.HttpContext, 403, "FORBIDDEN", "your roles do not allow this");
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy.RequireAssertion(context => Anonymous(context) || context.User.Identity?.IsAuthenticated == true))
            .AddPolicy(DeployPolicy, policy => policy.RequireAssertion(context =>
                (Anonymous(context) && context.User.Identity?.IsAuthenticated != true)
                || context.User.IsInRole(Roles.Admin) || context.User.IsInRole(Roles.ProcessOwner) || context.User.IsInRole(Roles.Integration)));
        return builder;
    }

    /// <summary><c>POST /api/auth/sign-in</c> (cookie for the UI), <c>POST /api/auth/sign-out</c>, <c>GET /api/auth/me</c>.</summary>
    public static RouteGroupBuilder MapAuthApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/auth");
        group.MapPost("/sign-in", async (SignInRequest request, AuthOptions auth, HttpContext context) =>
        {
            if (string.IsNullOrEmpty(request?.Username) || request.Password is null)
            {
                throw Api.ApiException.Invalid("username and password are required");
            }

            if (CredentialsHandler.TryUser(auth, request.Username, request.Password) is not { } user)
            {
                throw new Api.ApiException(StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "wrong user name or password");
            }

            var principal = CredentialsHandler.Principal(request.Username, user.Groups, user.Roles, CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal).ConfigureAwait(false);
            return TypedResults.Ok(Me(principal));
        });
        group.MapPost("/sign-out", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return TypedResults.NoContent();
        });
        group.MapGet("/me", (HttpContext context, AuthOptions auth) => context.User.Identity?.IsAuthenticated == true
            ? Results.Ok(Me(context.User))
            : auth.Anonymous
                ? Results.Ok(new MeResponse("anonymous", [], [Roles.Admin]))
                : throw new Api.ApiException(StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "not signed in"));
        return group;
    }

    private static bool Anonymous(AuthorizationHandlerContext context) =>
        context.Resource is HttpContext http && http.RequestServices.GetRequiredService<AuthOptions>().Anonymous;

    private static MeResponse Me(System.Security.Claims.ClaimsPrincipal user) => new(
        user.Identity?.Name ?? "",
        user.FindAll(TaskVisibility.GroupClaim).Select(c => c.Value).ToList(),
        user.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).ToList());

    /// <summary>Sign-in form.</summary>
    public sealed record SignInRequest(string? Username, string? Password);

    /// <summary>Who is signed in.</summary>
    public sealed record MeResponse(string Name, IReadOnlyList<string> Groups, IReadOnlyList<string> Roles);

}
