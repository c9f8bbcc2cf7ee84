using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Orchestrator.Server.Auth;

/// <summary>Refuses to start with an <c>Auth:Jwt</c> section that would accept tokens it should not, or none at all.</summary>
internal sealed class JwtOptionsValidation : IValidateOptions<JwtOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var configured = options.AllAudiences().Count > 0 || options.ValidIssuers.Count > 0;
        if (!options.Enabled)
        {
            return configured
                ? ValidateOptionsResult.Fail("Auth:Jwt needs an Authority, a MetadataAddress or SigningKeys to check tokens with")
                : ValidateOptionsResult.Success;
        }

        if (options.AllAudiences().Count == 0)
        {
            problems.Add("Auth:Jwt:Audience (or Audiences) is required: a token for another application must not sign in here");
        }

        if (string.IsNullOrWhiteSpace(options.Authority) && string.IsNullOrWhiteSpace(options.MetadataAddress) && options.ValidIssuers.Count == 0)
        {
            problems.Add("Auth:Jwt:ValidIssuers is required when there is no Authority to discover the issuer from");
        }

        if (options.ClockSkewSeconds < 0)
        {
            problems.Add("Auth:Jwt:ClockSkewSeconds must not be negative");
        }

        for (var i = 0; i < options.SigningKeys.Count; i++)
        {
            try
            {
                JwtAuthentication.SigningKey(options.SigningKeys[i]);
            }
            catch (Exception exception) when (exception is FormatException or CryptographicException or ArgumentException)
            {
                problems.Add($"Auth:Jwt:SigningKeys:{i}: {exception.Message}");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
