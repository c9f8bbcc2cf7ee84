using Orchestrator.Feel;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Server.Messaging;

/// <summary>
/// What an inbound message (a webhook delivery, a broker message) publishes, from the FEEL its model declares over the request
/// (<c>{body, ...}</c>): whether it is published at all, its correlation key, its variables and whether it may start an instance.
/// </summary>
/// <param name="CorrelationKey">The correlation key (empty when the model gives none).</param>
/// <param name="Variables">The message's variables: what the variables expression gives, or the body's entries.</param>
/// <param name="MayStart">False when the start condition left it out of starting instances.</param>
public sealed record MessagePublication(string CorrelationKey, Dictionary<string, FeelValue> Variables, bool MayStart)
{
    /// <summary>
    /// Evaluates what a model declares for an inbound message; null when its condition is not true (acknowledged, not published).
    /// </summary>
    /// <param name="request">What the expressions see; its <c>body</c> entry is the parsed body.</param>
    /// <param name="declaration">The declaration's FEEL: condition, correlation key, variables, start condition.</param>
    /// <param name="where">Who declares it and with which prefix, for errors (<c>webhook</c> of <c>p/e</c>).</param>
    /// <exception cref="InvalidDataException">An expression gave what it cannot (a correlation key that is no text, variables that are no context).</exception>
    public static MessagePublication? Prepare(FeelContext request, MessageDeclaration declaration, string where)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(declaration);
        if (declaration.Condition is { } condition && condition.Evaluate(request).Value is not FeelBoolean { Value: true })
        {
            return null;
        }

        var correlationKey = "";
        if (declaration.CorrelationKey is { } keyExpression)
        {
            var key = keyExpression.Evaluate(request).Value;
            correlationKey = key switch
            {
                FeelString s => s.Value,
                FeelNumber n => n.ToString(),
                _ => throw new InvalidDataException($"{where}: the correlation key gave {key.TypeName} '{key}', not a string or number"),
            };
        }

        var body = request.TryGetVariable("body", out var parsed) ? parsed : FeelNull.Instance;
        var value = declaration.Variables is { } variablesExpression ? variablesExpression.Evaluate(request).Value : body;
        var variables = value switch
        {
            FeelContext context => context.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
            FeelNull when declaration.Variables is null => [],
            _ when declaration.Variables is null => new Dictionary<string, FeelValue>(StringComparer.Ordinal) { ["body"] = value },
            _ => throw new InvalidDataException($"{where}: the variables gave {value.TypeName}, not a context"),
        };
        var mayStart = declaration.StartCondition is not { } start || start.Evaluate(request).Value is FeelBoolean { Value: true };
        return new MessagePublication(correlationKey, variables, mayStart);
    }

    /// <summary>The body parsed as JSON.</summary>
    /// <exception cref="InvalidDataException">It is not JSON.</exception>
    public static FeelValue ParseBody(string body)
    {
        try
        {
            return FeelJson.FromJson(body);
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw new InvalidDataException($"the body is not JSON: {exception.Message}", exception);
        }
    }
}

/// <summary>The FEEL a model declares for an inbound message.</summary>
/// <param name="CorrelationKey">Gives the correlation key; null for a start event that needs none.</param>
/// <param name="Variables">Gives the variables; null to take the body's entries.</param>
/// <param name="Condition">A message for which it is not true is acknowledged but not published; null to publish all.</param>
/// <param name="StartCondition">A message for which it is not true only advances waiting instances; null to let every one start an instance.</param>
public sealed record MessageDeclaration(FeelExpression? CorrelationKey, FeelExpression? Variables, FeelExpression? Condition, FeelExpression? StartCondition);
