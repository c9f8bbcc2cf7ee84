using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Server.Webhooks;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Webhooks;

/// <summary>A server with the survey's webhook secret.</summary>
public sealed class SurveyWebhookServer : WebhookServer
{
    public const string SurveySecret = "survey-secret-789";

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Webhooks:Secrets:survey"] = SurveySecret;
        return settings;
    }
}

/// <summary>
/// The shipped satisfaction survey declares what its webhook's body must hold (<c>webhook.field.*</c>): an answer out of
/// range is a 400 naming the field and its range, and is never stored, so never published.
/// </summary>
public sealed class SurveyWebhookTests(SurveyWebhookServer server) : IClassFixture<SurveyWebhookServer>, IAsyncLifetime
{
    private const string Path = "survey/responses";

    public async Task InitializeAsync()
    {
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(System.IO.Path.Combine(Repository.Workflows, "satisfaction-survey.bpmn"))), "resources", "satisfaction-survey.bpmn" },
        };
        await ApiAssert.OkJson(await server.Client.PostAsync("/v2/deployments", content));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("""{"token": "t-1", "csat": 0}""", "body.csat must be an integer from 1 to 5, not 0")]
    [InlineData("""{"token": "t-1", "csat": 6}""", "body.csat must be an integer from 1 to 5, not 6")]
    [InlineData("""{"token": "t-1", "csat": 4.5}""", "body.csat must be an integer from 1 to 5, not 4.5")]
    [InlineData("""{"token": "t-1", "csat": "five"}""", "body.csat must be an integer from 1 to 5, not \"five\"")]
    [InlineData("""{"token": "t-1", "nps": -1}""", "body.nps must be an integer from 0 to 10, not -1")]
    [InlineData("""{"token": "t-1", "nps": 11}""", "body.nps must be an integer from 0 to 10, not 11")]
    [InlineData("""{"token": "t-1", "nps": 9.5}""", "body.nps must be an integer from 0 to 10, not 9.5")]
    [InlineData("""{"token": "t-1", "nps": 1e30}""", "body.nps must be an integer from 0 to 10")]
    [InlineData("""{"csat": 4}""", "body.token is required: a string")]
    [InlineData("""{"token": 42, "csat": 4}""", "body.token must be a string, not 42")]
    [InlineData("""{"token": "t-1", "comment": ["not", "text"]}""", "body.comment must be a string")]
    [InlineData("""[{"token": "t-1"}]""", "the body must be a JSON object")]
    public async Task An_answer_out_of_its_range_is_a_400_naming_the_field_and_is_not_stored(string body, string expected)
    {
        // Arrange
        var before = await DeliveriesAsync();

        // Act
        var response = await server.DeliverAsync(Path, body, SurveyWebhookServer.SurveySecret);

        // Assert
        var detail = await ApiAssert.Problem(response, 400, "INVALID_ARGUMENT");
        Assert.Contains(expected, detail, StringComparison.Ordinal);
        Assert.Equal(before, await DeliveriesAsync());
    }

    [Fact]
    public async Task Every_broken_field_is_named_at_once()
    {
        var detail = await ApiAssert.Problem(await server.DeliverAsync(Path, """{"csat": 9, "nps": 12}""", SurveyWebhookServer.SurveySecret), 400, "INVALID_ARGUMENT");

        Assert.Contains("body.token is required", detail, StringComparison.Ordinal);
        Assert.Contains("body.csat must be an integer from 1 to 5", detail, StringComparison.Ordinal);
        Assert.Contains("body.nps must be an integer from 0 to 10", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"token": "t-ok-1", "csat": 1, "nps": 0}""")]
    [InlineData("""{"token": "t-ok-2", "csat": 5, "nps": 10, "comment": "Quick and kind"}""")]
    [InlineData("""{"token": "t-ok-3", "nps": 7, "comment": null}""")]
    public async Task An_answer_in_range_is_accepted(string body)
    {
        var response = await server.DeliverAsync(Path, body, SurveyWebhookServer.SurveySecret);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task An_unsigned_answer_is_refused_for_its_signature_before_its_fields_are_read()
    {
        var response = await server.DeliverAsync(Path, """{"csat": 99}""", "not-the-secret");

        await ApiAssert.Problem(response, 401, "UNAUTHORIZED");
    }

    [Theory]
    [InlineData("csat", "integer 1..5", "integer", 1, 5, false)]
    [InlineData("order.id", "string required", "string", null, null, true)]
    [InlineData("amount", "number 0..", "number", 0, null, false)]
    [InlineData("note", "string ..2000 required", "string", null, 2000, true)]
    public void A_field_rule_reads_its_type_range_and_requirement(string path, string rule, string type, int? min, int? max, bool required)
    {
        Assert.True(WebhookField.TryParse(path, rule, out var field, out var problem), problem);

        Assert.Equal(new WebhookField(path, type, min, max, required), field);
    }

    [Theory]
    [InlineData("csat", "whole 1..5")]
    [InlineData("csat", "integer one..five")]
    [InlineData("csat", "integer ..")]
    [InlineData("flag", "boolean 0..1")]
    [InlineData("a..b", "string")]
    [InlineData("csat", "")]
    public void A_field_rule_that_is_not_one_is_refused_with_why(string path, string rule)
    {
        Assert.False(WebhookField.TryParse(path, rule, out _, out var problem));

        Assert.Contains(WebhookField.PropertyPrefix + path, problem, StringComparison.Ordinal);
    }

    private async Task<int> DeliveriesAsync()
    {
        await using var context = server.Services.GetRequiredService<OrchestratorDatabase>().CreateContext();
        return await context.WebhookDeliveries.CountAsync(d => d.Path == Path);
    }
}
