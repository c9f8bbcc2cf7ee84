namespace Orchestrator.Server.Auth;

/// <summary>One signing key of <c>Auth:Jwt:SigningKeys</c>: <see cref="Symmetric"/> or <see cref="PublicKeyPem"/>.</summary>
public sealed class JwtSigningKeyOptions
{
    /// <summary><c>KeyId</c>: the <c>kid</c> tokens name this key by; optional (without it every key is tried).</summary>
    public string? KeyId { get; set; }

    /// <summary><c>Symmetric</c>: a shared HMAC secret (HS256/384/512) as base64, at least 32 bytes.</summary>
    public string? Symmetric { get; set; }

    /// <summary>
    /// <c>PublicKeyPem</c>: the provider's public key in PEM, <c>-----BEGIN PUBLIC KEY-----</c> (RSA or EC),
    /// <c>-----BEGIN RSA PUBLIC KEY-----</c>, or a <c>-----BEGIN CERTIFICATE-----</c> holding it.
    /// </summary>
    public string? PublicKeyPem { get; set; }
}
