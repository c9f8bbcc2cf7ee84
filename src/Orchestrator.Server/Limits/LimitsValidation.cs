using Microsoft.Extensions.Options;

namespace Orchestrator.Server.Limits;

/// <summary>Refuses to start with unusable limits, naming each setting that is wrong.</summary>
internal sealed class LimitsValidation : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
