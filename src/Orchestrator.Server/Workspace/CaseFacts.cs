using System.Text.Json;

namespace Orchestrator.Server.Workspace;

/// <summary>
/// What a task row shows of its case, read from the instance's root variables as the shipped workflows name them: the
/// business key is the complaint or case id, else the order id; the customer's name is <c>customerName</c>, the address's or
/// the customer record's name; the subject is <c>subject</c>, else the issue, the return reason or the description.
/// </summary>
internal sealed record CaseFacts(string? BusinessKey, string? CustomerId, string? CustomerName, string? Subject, string? Channel, string? Language)
{
    public static readonly CaseFacts None = new(null, null, null, null, null, null);

    /// <summary>The facts of variables given as JSON text by name; a subject longer than <paramref name="maxSubject"/> is cut with an ellipsis.</summary>
    public static CaseFacts Of(IReadOnlyDictionary<string, string> variables, int maxSubject)
    {
        string? Text(string name, string? property = null)
        {
            if (!variables.TryGetValue(name, out var json))
            {
                return null;
            }

            try
            {
                using var document = JsonDocument.Parse(json);
                var value = document.RootElement;
                if (property is not null && (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(property, out value)))
                {
                    return null;
                }

                return value.ValueKind switch
                {
                    JsonValueKind.String when value.GetString() is { Length: > 0 } s => s,
                    JsonValueKind.Number => value.GetRawText(),
                    _ => null,
                };
            }
            catch (JsonException)
            {
                return null;
            }
        }

        var subject = Text("subject") ?? Text("issue") ?? Text("returnReason") ?? Text("description");
        if (subject is not null && subject.Length > maxSubject)
        {
            subject = string.Concat(subject.AsSpan(0, maxSubject - 1), "…");
        }

        return new CaseFacts(
            Text("complaintId") ?? Text("caseId") ?? Text("orderId"),
            Text("customerId"),
            Text("customerName") ?? Text("address", "name") ?? Text("customer", "name"),
            subject,
            Text("channel"),
            Text("language"));
    }
}
