using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Simulators;

/// <summary>
/// What an order or customer id says about the record synthesized for it: its <c>-</c>-separated segments name the
/// market (<c>DE</c>, <c>TH</c>, …) and scenarios (<c>VIP</c>, <c>UNDELIVERED</c>, …); a hash of the whole id picks the rest.
/// </summary>
internal static class SyntheticIds
{
    /// <summary>The markets the shop sells in; the first is the default.</summary>
    private static readonly Market[] Markets =
    [
        new("CN", "zh-CN", "CNY", 7.2m),
        new("ID", "id", "IDR", 16000m),
        new("TH", "th", "THB", 36m),
        new("VN", "vi", "VND", 25000m),
        new("MY", "ms", "MYR", 4.7m),
        new("SG", "en", "SGD", 1.35m),
        new("ES", "es", "EUR", 0.92m),
        new("DE", "de", "EUR", 0.92m),
        new("GB", "en", "GBP", 0.79m),
    ];

    /// <summary>A country with the language the shop writes in there and the currency it sells in.</summary>
    /// <param name="Country">ISO 3166-1 alpha-2.</param>
    /// <param name="Language">BCP 47.</param>
    /// <param name="Currency">ISO 4217.</param>
    /// <param name="UsdRate">What one US dollar of the catalogue's prices is in <paramref name="Currency"/>.</param>
    public sealed record Market(string Country, string Language, string Currency, decimal UsdRate)
    {
        public decimal Price(decimal usd) => Math.Round(usd * UsdRate, 2);
    }

    /// <summary>The market of the first segment that names one; China when none does.</summary>
    public static Market MarketOf(string id) =>
        id.Split('-').Select(segment => Array.Find(Markets, m => m.Country.Equals(segment, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(m => m is not null)
        ?? Markets[0];

    /// <summary>True when one of the id's segments is <paramref name="segment"/> (any case).</summary>
    public static bool Has(string id, string segment) => id.Split('-').Contains(segment, StringComparer.OrdinalIgnoreCase);

    /// <summary>Ids containing <c>UNKNOWN</c> have no record (404) unless one was pinned.</summary>
    public static bool IsUnknown(string id) => id.Contains("UNKNOWN", StringComparison.OrdinalIgnoreCase);

    /// <summary>A hash of the id that is the same in every process and run (unlike <see cref="string.GetHashCode()"/>).</summary>
    public static byte[] Hash(string id) => SHA256.HashData(Encoding.UTF8.GetBytes(id));
}
