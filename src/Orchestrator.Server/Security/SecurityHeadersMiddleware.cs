namespace Orchestrator.Server.Security;

/// <summary>
/// The headers every response carries: a Content-Security-Policy that lets the web UI's own scripts run and nothing
/// else (bpmn-js, form-js and Chart.js need inline styles and data: images, no eval), no framing, no MIME sniffing, and
/// referrers kept to this origin.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>The policy: everything from this origin; inline styles (the diagram and form libraries set them); images also as data: and blob: URLs.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Sets the headers when the response starts.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            if (!headers.ContainsKey("Referrer-Policy"))
            {
                // A route may be stricter (a customer's tracking link sends no referrer at all).
                headers["Referrer-Policy"] = "same-origin";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
