using System.Buffers.Text;
using System.Security.Cryptography;

namespace Orchestrator.Engine.Tracking;

/// <summary>
/// The token that opens a case's customer page: 24 random bytes (192 bits), base64url (32 characters). It says nothing
/// about the case (not its key, not how many cases there are); the server finds the case by the token itself, which the
/// instance keeps in its <see cref="VariableName"/> variable.
/// </summary>
public static class TrackingToken
{
    /// <summary>The process variable that holds a tracked case's token.</summary>
    public const string VariableName = "trackingToken";

    /// <summary>The length of a token in characters.</summary>
    public const int Length = 32;

    private const int Bytes = 24;

    /// <summary>A new token.</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[Bytes];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Whether a text has a token's form (which says nothing about whether a case has it).</summary>
    public static bool IsWellFormed(string? token) => token is { Length: Length } && Base64Url.IsValid(token);
}
