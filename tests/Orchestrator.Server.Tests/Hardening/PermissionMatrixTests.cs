using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Server.Auth;

namespace Orchestrator.Server.Tests.Hardening;

/// <summary>
/// Every route × every role: each route requires the permission README's matrix gives it, and each role holds the
/// permissions the matrix gives it — a caller without is refused with 403 (401 when not signed in), one with gets past
/// authorization. The expected matrix is written out here, not read from the server, so a change to either shows.
/// </summary>
public sealed class PermissionMatrixTests(RolesFixture server) : IClassFixture<RolesFixture>
{
    private const string Key = "2251799813685249";

    /// <summary>README's permission matrix: what each role may do by default.</summary>
    private static readonly Dictionary<string, string[]> Granted = new()
    {
        ["admin"] =
        [
            "definitions:read", "definitions:deploy", "instances:create", "instances:read", "cases:read", "instances:cancel", "instances:modify", "variables:write",
            "incidents:resolve", "jobs:work", "jobs:update", "messages:publish", "signals:broadcast", "tasks:work", "tasks:all", "tasks:update",
            "dashboard:read", "webhooks:read", "clock:control", "metrics:read",
        ],
        ["process-owner"] = ["definitions:read", "definitions:deploy", "instances:read", "dashboard:read", "webhooks:read"],
        ["operator"] =
        [
            "definitions:read", "instances:read", "instances:cancel", "instances:modify", "variables:write", "incidents:resolve", "jobs:update", "tasks:update",
            "dashboard:read", "webhooks:read", "metrics:read",
        ],
        ["agent"] = ["tasks:work", "cases:read", "dashboard:read"],
        ["integration"] = ["definitions:read", "instances:create", "instances:read", "instances:modify", "messages:publish", "signals:broadcast", "jobs:work"],
    };

    private const string SignedIn = "(signed in)";

    /// <summary>Every route the server maps (bar the public ones), and what it requires: one of these permissions.</summary>
    private static readonly Dictionary<string, string[]> Routes = new()
    {
        ["POST /v2/deployments"] = ["definitions:deploy"],
        ["POST /v2/resources/{resourceKey}/deletion"] = ["definitions:deploy"],
        ["POST /v2/process-definitions/search"] = ["definitions:read"],
        ["GET /v2/process-definitions/{key}"] = ["definitions:read"],
        ["GET /v2/process-definitions/{key}/xml"] = ["definitions:read"],
        ["POST /v2/decision-definitions/search"] = ["definitions:read"],
        ["GET /v2/decision-definitions/{key}"] = ["definitions:read"],
        ["GET /v2/decision-definitions/{key}/xml"] = ["definitions:read"],
        ["POST /v2/decision-definitions/evaluation"] = ["instances:create"],
        ["POST /v2/decision-requirements/search"] = ["definitions:read"],
        ["GET /v2/decision-requirements/{key}"] = ["definitions:read"],
        ["GET /v2/decision-requirements/{key}/xml"] = ["definitions:read"],
        ["POST /v2/decision-instances/search"] = ["instances:read", "cases:read"],
        ["GET /v2/decision-instances/{decisionEvaluationInstanceKey}"] = ["instances:read", "cases:read"],
        ["POST /v2/process-instances"] = ["instances:create"],
        ["POST /v2/process-instances/{key}/cancellation"] = ["instances:cancel"],
        ["POST /v2/process-instances/{key}/migration"] = ["instances:cancel"],
        ["POST /v2/process-instances/{key}/modification"] = ["instances:cancel"],
        ["POST /v2/process-instances/search"] = ["instances:read", "cases:read"],
        ["GET /v2/process-instances/{key}"] = ["instances:read", "cases:read"],
        ["POST /v2/process-instances/incident-resolution"] = ["incidents:resolve"],
        ["POST /v2/process-instances/cancellation"] = ["instances:cancel"],
        ["POST /v2/process-instances/migration"] = ["instances:modify"],
        ["GET /v2/batch-operations/{key}"] = ["instances:read"],
        ["POST /v2/batch-operations/search"] = ["instances:read"],
        ["POST /v2/batch-operation-items/search"] = ["instances:read"],
        ["POST /v2/batch-operations/{key}/cancellation"] = ["instances:cancel", "incidents:resolve", "instances:modify"],
        ["POST /v2/jobs/activation"] = ["jobs:work"],
        ["POST /v2/jobs/{key}/completion"] = ["jobs:work"],
        ["POST /v2/jobs/{key}/failure"] = ["jobs:work"],
        ["POST /v2/jobs/{key}/error"] = ["jobs:work"],
        ["PATCH /v2/jobs/{key}"] = ["jobs:update"],
        ["POST /v2/user-tasks/search"] = ["tasks:work", "tasks:all"],
        ["GET /v2/user-tasks/{key}"] = ["tasks:work", "tasks:all"],
        ["POST /v2/user-tasks/{key}/assignment"] = ["tasks:work", "tasks:all"],
        ["DELETE /v2/user-tasks/{key}/assignee"] = ["tasks:work", "tasks:all"],
        ["POST /v2/user-tasks/{key}/completion"] = ["tasks:work", "tasks:all"],
        ["PATCH /v2/user-tasks/{key}"] = ["tasks:update"],
        ["GET /v2/user-tasks/{key}/form"] = ["tasks:work", "tasks:all"],
        ["POST /v2/user-tasks/{key}/variables/search"] = ["tasks:work", "tasks:all"],
        ["POST /v2/user-tasks/{key}/effective-variables/search"] = ["tasks:work", "tasks:all"],
        ["POST /v2/messages/publication"] = ["messages:publish"],
        ["POST /v2/messages/correlation"] = ["messages:publish"],
        ["POST /v2/signals/broadcast"] = ["signals:broadcast"],
        ["POST /v2/incidents/search"] = ["instances:read", "cases:read"],
        ["GET /v2/incidents/{key}"] = ["instances:read", "cases:read"],
        ["POST /v2/incidents/{key}/resolution"] = ["incidents:resolve"],
        ["POST /v2/variables/search"] = ["instances:read", "cases:read"],
        ["GET /v2/variables/{key}"] = ["instances:read", "cases:read"],
        ["PUT /v2/element-instances/{key}/variables"] = ["variables:write"],
        ["POST /v2/element-instances/ad-hoc-activities/{key}/activation"] = ["instances:modify"],
        ["POST /v2/element-instances/search"] = ["instances:read", "cases:read"],
        ["GET /v2/element-instances/{key}"] = ["instances:read", "cases:read"],
        ["PUT /v2/clock"] = ["clock:control"],
        ["POST /v2/clock/reset"] = ["clock:control"],
        ["GET /v2/topology"] = [SignedIn],
        ["GET /v2/status"] = [SignedIn],
        ["POST /api/sla/events/search"] = ["dashboard:read"],
        ["GET /api/sla/summary"] = ["dashboard:read"],
        ["POST /api/sla/user-tasks"] = ["tasks:work", "tasks:all"],
        ["GET /api/webhooks"] = ["webhooks:read"],
        ["POST /api/models/validate"] = ["definitions:read"],
        ["GET /api/element-templates"] = ["definitions:read"],
        ["GET /api/calendars"] = ["definitions:read", "dashboard:read", "tasks:work"],
        ["GET /api/process-instances/{key}/history"] = ["instances:read", "cases:read"],
        ["GET /api/process-instances/{key}/statistics"] = ["instances:read", "cases:read"],
        ["GET /api/dashboard"] = ["dashboard:read"],
        ["POST /api/user-tasks/rows"] = ["tasks:work", "tasks:all"],
        ["GET /api/process-instances/{key}/notes"] = ["instances:read", "cases:read"],
        ["POST /api/process-instances/{key}/notes"] = ["instances:read", "cases:read"],
        ["GET /api/process-instances/{key}/customer"] = ["instances:read", "cases:read"],
        ["GET /api/process-instances/{key}/reply-templates"] = ["instances:read", "cases:read"],
        ["GET /api/process-instances/{key}/reply-templates/{template}"] = ["instances:read", "cases:read"],
        ["GET /api/kpis"] = ["dashboard:read"],
        ["GET /api/voc/report"] = ["dashboard:read"],
        ["GET /api/voc/reasons"] = [SignedIn],
        ["GET /api/quality/summary"] = ["dashboard:read"],
        ["GET /api/forms"] = ["definitions:read"],
        ["GET /api/forms/{key}"] = ["definitions:read"],
        ["GET /openapi/{documentName}.json"] = [SignedIn],
        ["* /metrics"] = ["metrics:read"],
    };

    /// <summary>
    /// Routes anyone may call: signing in, health, webhooks (which check their own signatures) and customers' tracking
    /// links (the unguessable token is the credential).
    /// </summary>
    private static readonly string[] Public =
    [
        "POST /api/auth/sign-in", "POST /api/auth/sign-out", "GET /api/auth/me", "* /health", "* /health/live", "* /health/ready", "POST /webhooks/{**path}",
        "GET /api/track/{token}", "GET /track/{token}",
    ];

    private static readonly string[] Callers = ["admin", "olga", "oscar", "alice", "ci"];

    [Fact]
    public void Every_route_is_in_the_matrix_with_the_permission_it_requires()
    {
        var mapped = Endpoints().ToDictionary(e => e.Name, e => e.AnyOf);

        Assert.Equal(Routes.Keys.Concat(Public).Order(StringComparer.Ordinal), mapped.Keys.Order(StringComparer.Ordinal));
        foreach (var (route, anyOf) in Routes.Where(r => r.Value[0] != SignedIn))
        {
            Assert.True(anyOf.SequenceEqual(mapped[route]), $"{route} requires {string.Join(" or ", mapped[route])}, the matrix says {string.Join(" or ", anyOf)}");
        }
    }

    [Fact]
    public async Task Every_route_refuses_every_role_without_its_permission_and_lets_the_others_past()
    {
        var failures = new List<string>();
        foreach (var caller in Callers)
        {
            using var client = server.As(caller);
            var role = caller == "ci" ? "integration" : RolesFixture.RoleOf[caller];
            foreach (var (route, anyOf) in Routes)
            {
                var allowed = anyOf[0] == SignedIn || anyOf.Any(p => Granted[role].Contains(p));
                var status = await SendAsync(client, route);
                if (allowed ? status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized : status != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{caller} ({role}) {route}: {(int)status}, expected {(allowed ? "to get past authorization" : "403")}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_route_asks_a_caller_who_is_not_signed_in_to_sign_in()
    {
        using var anonymous = server.NewClient();
        foreach (var route in Routes.Keys)
        {
            Assert.True(await SendAsync(anonymous, route) == HttpStatusCode.Unauthorized, $"{route} did not answer 401 without credentials");
        }
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string route)
    {
        var (method, path) = (route.Split(' ')[0], route.Split(' ')[1].Replace("{key}", Key, StringComparison.Ordinal).Replace("{documentName}", "v1", StringComparison.Ordinal));
        method = method == "*" ? "GET" : method;
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private IEnumerable<(string Name, string[] AnyOf)> Endpoints() =>
        server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !(e.RoutePattern.RawText ?? "").StartsWith("/sim", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (
                $"{m} {e.RoutePattern.RawText}",
                e.Metadata.GetMetadata<PermissionRequirement>()?.AnyOf.ToArray() ?? [])));
}
