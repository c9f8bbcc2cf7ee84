using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Persistence.Store;

namespace Orchestrator.Persistence.Tests.Store;

public class StoredNamesTests
{
    [Fact]
    public void Every_state_reads_back_from_both_forms_its_columns_have_held()
    {
        RoundTrips<LifecycleState>();
        RoundTrips<JobKind>();
        RoundTrips<JobState>();
        RoundTrips<ListenerEventType>();
        RoundTrips<UserTaskState>();
        RoundTrips<EventKind>();
        RoundTrips<IncidentType>();
    }

    [Theory]
    [InlineData("EXECUTION_LISTENER", JobKind.ExecutionListener)]
    [InlineData("ExecutionListener", JobKind.ExecutionListener)]
    [InlineData("TASK_LISTENER", JobKind.TaskListener)]
    [InlineData("bpmn_element", JobKind.BpmnElement)]
    public void A_job_kind_reads_as_the_case_insensitive_parse_of_earlier_versions_read_it(string stored, JobKind expected) =>
        Assert.Equal(expected, StoredNames<JobKind>.Read(stored, "jobs.Kind"));

    [Fact]
    public void A_name_no_version_wrote_is_an_error_that_names_the_column_and_the_value()
    {
        var error = Assert.Throws<InvalidDataException>(() => StoredNames<JobState>.Read("Exploded", "jobs.State"));

        Assert.Contains("'Exploded'", error.Message, StringComparison.Ordinal);
        Assert.Contains("jobs.State", error.Message, StringComparison.Ordinal);
    }

    private static void RoundTrips<TEnum>()
        where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            Assert.Equal(value, StoredNames<TEnum>.Read(StoredNames<TEnum>.Upper(value), "column"));
            Assert.Equal(value, StoredNames<TEnum>.Read(StoredNames<TEnum>.Name(value), "column"));
            Assert.Equal(value, StoredNames<TEnum>.Read(value.ToString().ToLowerInvariant(), "column"));
        }
    }
}
