namespace Orchestrator.Connectors.Customers;

/// <summary>A customer of the shop.</summary>
/// <param name="CustomerId">The customer id.</param>
/// <param name="Name">The customer's name.</param>
/// <param name="Tier"><c>standard</c> or <c>VIP</c>.</param>
/// <param name="TrustLevel"><c>low</c>, <c>normal</c> or <c>trusted</c>.</param>
/// <param name="TrustScore">0 to 100: 70 and more is trusted, 40 and more normal, below low.</param>
/// <param name="Language">BCP 47 language to write to the customer in, e.g. <c>zh-CN</c>.</param>
/// <param name="PreferredChannel"><c>email</c>, <c>sms</c> or <c>app</c>.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country.</param>
public sealed record Customer(
    string CustomerId,
    string Name,
    string Tier,
    string TrustLevel,
    int TrustScore,
    string Language,
    string PreferredChannel,
    string Country);
