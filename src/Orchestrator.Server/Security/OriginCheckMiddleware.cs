using Orchestrator.Server.Api;
using Orchestrator.Server.Auth;

namespace Orchestrator.Server.Security;

/// <summary>
/// Refuses cross-site requests that change state on a browser's behalf (CSRF). A POST, PUT, PATCH or DELETE that names
/// an Origin must come from this server's own pages (same scheme, host and port) or an origin of
/// <c>Auth:AllowedOrigins</c>, unless it brings a credential no browser adds by itself (an API key or a bearer token):
/// cookies and HTTP Basic are such ambient credentials. Without an Origin, a request carrying the sign-in cookie goes on
/// only when the browser marks it same-origin (<c>Sec-Fetch-Site</c>); clients other than browsers send neither. Else 403.
/// </summary>
public sealed class OriginCheckMiddleware(RequestDelegate next, AuthOptions auth)
{
    /// <summary>The sign-in cookie's name.</summary>
    public const string CookieName = "orchestrator";

    /// <summary>Refuses a cross-site state change, or passes the request on.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || BringsOwnCredential(request))
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

        return !request.Cookies.ContainsKey(CookieName) || request.Headers["Sec-Fetch-Site"] == "same-origin"
            ? next(context)
            : throw ApiException.Forbidden("a request made with the sign-in cookie must say where it comes from (an Origin header)");
    }

    /// <summary>An API key or a bearer token: credentials a page cannot make a browser send.</summary>
    private static bool BringsOwnCredential(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return !string.IsNullOrWhiteSpace(request.Headers["X-API-Key"])
            || authorization.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase)
            || authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
    }

    private static bool SameOrigin(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !request.Host.HasValue)
        {
            return false;
        }

        var port = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        return string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == port;
    }
}
