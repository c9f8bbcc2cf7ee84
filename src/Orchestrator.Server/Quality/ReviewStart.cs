using System.Globalization;
using Orchestrator.Feel.Values;
using Orchestrator.Persistence.Rows;

namespace Orchestrator.Server.Quality;

/// <summary>The variables a QA review starts with: which task of which case it reviews, who did it, why it was sampled and what the agent entered.</summary>
public static class ReviewStart
{
    public static Dictionary<string, FeelValue> Variables(QualitySampleRow sample, string taskName, string? caseReference, string? teamLead,
        IDictionary<string, FeelValue> agentInput)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return new Dictionary<string, FeelValue>(StringComparer.Ordinal)
        {
            ["reviewedTaskKey"] = new FeelString(sample.UserTaskKey.ToString(CultureInfo.InvariantCulture)),
            ["reviewedTaskName"] = new FeelString(taskName),
            ["reviewedElementId"] = new FeelString(sample.ElementId),
            ["reviewedProcessId"] = new FeelString(sample.BpmnProcessId),
            ["reviewedInstanceKey"] = new FeelString(sample.ProcessInstanceKey.ToString(CultureInfo.InvariantCulture)),
            ["caseReference"] = Text(caseReference),
            ["agent"] = Text(sample.Agent),
            ["agentGroup"] = Text(sample.AgentGroup),
            ["teamLead"] = Text(teamLead),
            ["sampleReasons"] = new FeelList(sample.Reasons.Split(',').Select(r => (FeelValue)new FeelString(r)).ToArray()),
            ["agentInput"] = new FeelContext(new Dictionary<string, FeelValue>(agentInput, StringComparer.Ordinal)),
        };
    }

    private static FeelValue Text(string? value) => value is null ? FeelNull.Instance : new FeelString(value);
}
