using System.Net;
using System.Text.Json.Nodes;

namespace Orchestrator.Testing;

/// <summary>Checks of responses that every endpoint shares.</summary>
public static class ApiAssert
{
    /// <summary>Expects 200 with <c>application/json</c> and returns the body.</summary>
    public static async Task<JsonNode> OkJson(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!;
    }

    /// <summary>Expects 200 or 201 with JSON and returns the body.</summary>
    public static async Task<JsonNode> OkJsonOrCreated(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"expected 200 or 201, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Expects 204 with no body.</summary>
    public static async Task NoContent(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"expected 204, got {(int)response.StatusCode}: {text}");
        Assert.Equal("", text);
    }

    /// <summary>Expects an RFC 9457 problem with <paramref name="status"/> and <paramref name="title"/>; returns its detail.</summary>
    public static async Task<string> Problem(HttpResponseMessage response, int status, string title)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal(title, problem["title"]!.GetValue<string>());
        Assert.Equal(status, problem["status"]!.GetValue<int>());
        return problem["detail"]!.GetValue<string>();
    }
}
