using Orchestrator.Server.Api;
using Orchestrator.Server.Auth;

namespace Orchestrator.Server.Security;

/// <summary>
/// Refuses cross-site requests that change state on a browser's behalf (CSRF): a POST, PUT, PATCH or DELETE that brings no
/// credentials of its own (so a sign-in cookie would speak for it) must come from this server's own pages — its Origin
/// (or, failing that, Sec-Fetch-Site) must say so — else 403. Clients that send credentials (Basic, API keys, bearer
/// tokens) are not browsers acting unawares and pass. <c>Auth:AllowedOrigins</c> adds origins a proxy or another site of
/// the shop serves the UI from.
/// </summary>
public sealed class OriginCheckMiddleware(RequestDelegate next, AuthOptions auth)
{
    /// <summary>The sign-in cookie's name.</summary>
    public const string CookieName = "orchestrator";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || AuthExtensions.PresentsCredentials(request))
        {
            return next(context);
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return SameOrigin(origin, request) || auth.AllowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase)
                ? next(context)
                : throw ApiException.Forbidden($"a request from {origin} may not act for a signed-in user here (cross-site requests are refused)");
        }

        // Without an Origin, only a request carrying no sign-in cookie, or one the browser marks as same-origin, goes on.
        return !request.Cookies.ContainsKey(CookieName) || request.Headers["Sec-Fetch-Site"] == "same-origin"
            ? next(context)
            : throw ApiException.Forbidden("a request made with the sign-in cookie must say where it comes from (an Origin header)");
    }

    private static bool SameOrigin(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !request.Host.HasValue)
        {
            return false;
        }

        var port = request.Host.Port ?? uri.Port;
        return string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == port;
    }
}
