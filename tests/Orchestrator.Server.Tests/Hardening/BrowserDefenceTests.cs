using System.Net.Http.Json;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Hardening;

/// <summary>
/// Browser defences: a request that changes state on the strength of the sign-in cookie must come from the server's own
/// pages (Origin), or it is refused (CSRF); and every response carries the security headers the UI needs and no more.
/// </summary>
public sealed class BrowserDefenceTests(RolesFixture server) : IClassFixture<RolesFixture>
{
    private const string Own = "http://localhost";

    private async Task<HttpClient> SignedInBrowserAsync()
    {
        var browser = server.NewClient();
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in") { Content = JsonContent.Create(new { username = "oscar", password = RolesFixture.Password }) };
        signIn.Headers.Add("Origin", Own);
        await ApiAssert.OkJson(await browser.SendAsync(signIn));
        return browser;
    }

    private static HttpRequestMessage Cancel(string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v2/process-instances/2251799813685249/cancellation") { Content = JsonContent.Create(new { }) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    [Fact]
    public async Task Bug_a_cross_site_page_could_act_with_the_sign_in_cookie()
    {
        using var browser = await SignedInBrowserAsync();

        var forged = await ApiAssert.Problem(await browser.SendAsync(Cancel("https://evil.example")), 403, "FORBIDDEN");
        Assert.Contains("cross-site", forged, StringComparison.Ordinal);
        await ApiAssert.Problem(await browser.SendAsync(Cancel(null)), 403, "FORBIDDEN");

        // From its own pages it gets through (to a 404: no such instance).
        await ApiAssert.Problem(await browser.SendAsync(Cancel(Own)), 404, "NOT_FOUND");
        // Reading needs no Origin.
        await ApiAssert.OkJson(await browser.GetAsync("/api/auth/me"));
    }

    [Fact]
    public async Task A_key_no_browser_adds_by_itself_is_no_forgery_whatever_its_origin()
    {
        using var ci = server.As("ci");
        using var oscar = server.As("oscar");

        // An API key is the client's own: past the origin check (to the 400 of a signal without a name).
        using var broadcast = new HttpRequestMessage(HttpMethod.Post, "/v2/signals/broadcast") { Content = JsonContent.Create(new { }) };
        broadcast.Headers.Add("Origin", "https://evil.example");
        await ApiAssert.Problem(await ci.SendAsync(broadcast), 400, "INVALID_ARGUMENT");

        // HTTP Basic is what a browser may add by itself, like a cookie: refused from another site, fine without an Origin.
        var forged = await ApiAssert.Problem(await oscar.SendAsync(Cancel("https://evil.example")), 403, "FORBIDDEN");
        Assert.Contains("cross-site", forged, StringComparison.Ordinal);
        await ApiAssert.Problem(await oscar.SendAsync(Cancel(null)), 404, "NOT_FOUND");
    }

    [Theory]
    [InlineData("http://localhost:8081")]
    [InlineData("https://localhost")]
    [InlineData("http://localhost.evil.example")]
    public async Task Bug_another_port_or_scheme_of_the_same_host_passed_as_the_same_origin(string origin)
    {
        using var browser = await SignedInBrowserAsync();

        await ApiAssert.Problem(await browser.SendAsync(Cancel(origin)), 403, "FORBIDDEN");
    }

    [Fact]
    public async Task Signing_in_from_another_site_is_refused()
    {
        using var browser = server.NewClient();
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in") { Content = JsonContent.Create(new { username = "oscar", password = RolesFixture.Password }) };
        signIn.Headers.Add("Origin", "https://evil.example");

        await ApiAssert.Problem(await browser.SendAsync(signIn), 403, "FORBIDDEN");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/auth/me")]
    [InlineData("/v2/topology")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await server.NewClient().GetAsync(path);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }
}
