using Orchestrator.Engine;
using Orchestrator.Engine.Execution;
using Orchestrator.Engine.State;
using Orchestrator.Feel;
using Orchestrator.Feel.Values;
using Orchestrator.Persistence.Store;

namespace Orchestrator.Persistence.Tests.Store;

/// <summary>
/// The durable store keeps everything an instance needs to go on: the engine is thrown away at each
/// step and a new one loads the state from the SQLite file, and the instance still ends exactly as it
/// would have in one go (parallel join counts, multi-instance progress and collected outputs, a timer
/// cycle part-way through, a subprocess, a buffered message).
/// </summary>
public sealed class DurableEngineStoreTests : IAsyncLifetime, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orchestrator-store-tests", Guid.NewGuid().ToString("N"));
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private OrchestratorDatabase _database = null!;
    private DurableEngineStore? _store;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _database = new OrchestratorDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "state.db")}");
        _database.Migrate();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Fact]
    public async Task An_instance_restarted_at_every_step_ends_as_if_it_had_never_stopped()
    {
        var engine = await RestartAsync();
        engine.Deploy([new DeploymentResource("restart.bpmn", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Store", "restart.bpmn")))]);
        var key = engine.CreateInstance("restart", null, Vars(("items", new FeelList([Number(1), Number(2), Number(3)])), ("orderId", new FeelString("O-1")))).Key;

        // One of three multi-instance jobs done, then a restart.
        engine = await RestartAsync();
        var first = engine.ActivateJobs("pack", "w", TimeSpan.FromMinutes(5), 1).Single();
        engine.CompleteJob(first.Key);
        engine = await RestartAsync();

        // The reminder cycle fires once across a restart and goes on counting.
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, engine.FireDueTimers());
        engine = await RestartAsync();
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, engine.FireDueTimers());

        // The rest of the jobs, then the review task, each after a restart.
        engine = await RestartAsync();
        foreach (var job in engine.ActivateJobs("pack", "w", TimeSpan.FromMinutes(5), 10))
        {
            engine.CompleteJob(job.Key);
            engine = await RestartAsync();
        }

        var task = _store!.UserTasks.Single(t => t.ProcessInstanceKey == key);
        engine.CompleteUserTask(task.Key);

        engine = await RestartAsync();
        Assert.True(_store!.IsActive(key));
        engine.PublishMessage("payment", "O-1", TimeSpan.FromMinutes(1));
        await _store.WhenDurable();

        Assert.False(_store.IsActive(key));
        var history = engine.History(key);
        Assert.Equal(2, history.Count(h => h.ElementId == "reminded" && h.Intent == RecordIntent.ElementCompleted));
        // A variable's value is kept once, in its row; its history records say only that it changed.
        Assert.Null(history.Last(h => h.ValueType == RecordValueType.Variable && h.ElementId == "results").Detail);
        using var context = _database.CreateContext();
        Assert.Equal("[10,20,30]", context.Variables.Single(v => v.ScopeKey == key && v.Name == "results").Value);
    }

    [Fact]
    public async Task Bug_a_timer_cycle_moved_to_its_next_due_date_was_not_stored()
    {
        // The engine removes a cycling timer and adds it back with its next due date in one command; the
        // store took that for an insert cancelled by a delete and kept the old due date.
        var engine = await RestartAsync();
        engine.Deploy([new DeploymentResource("restart.bpmn", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Store", "restart.bpmn")))]);
        engine.CreateInstance("restart", null, Vars(("items", new FeelList([])), ("orderId", new FeelString("O-4"))));
        _clock.Advance(TimeSpan.FromHours(1));
        engine.FireDueTimers();

        engine = await RestartAsync();

        var timer = _store!.Subscriptions.Single(s => s.Kind == Engine.Model.EventKind.Timer);
        Assert.Equal(_clock.GetUtcNow().AddHours(1), timer.DueDate);
        Assert.Equal(2, timer.RepetitionsLeft);
        Assert.Equal(0, engine.FireDueTimers());
    }

    [Fact]
    public async Task A_message_buffered_before_a_restart_correlates_after_it()
    {
        var engine = await RestartAsync();
        engine.Deploy([new DeploymentResource("restart.bpmn", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Store", "restart.bpmn")))]);
        engine.PublishMessage("payment", "O-2", TimeSpan.FromHours(1), "msg-1", Vars(("paid", Number(5))));
        engine = await RestartAsync();

        Assert.Throws<EngineException>(() => engine.PublishMessage("payment", "O-2", TimeSpan.FromHours(1), "msg-1"));
        var key = engine.CreateInstance("restart", null, Vars(("items", new FeelList([])), ("orderId", new FeelString("O-2")))).Key;
        engine.CompleteUserTask(_store!.UserTasks.Single(t => t.ProcessInstanceKey == key).Key);
        await _store.WhenDurable();

        Assert.False(_store.IsActive(key));
    }

    [Fact]
    public async Task A_refused_command_leaves_the_stored_state_as_it_was()
    {
        var engine = await RestartAsync();
        engine.Deploy([new DeploymentResource("restart.bpmn", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Store", "restart.bpmn")))]);
        var key = engine.CreateInstance("restart", null, Vars(("items", new FeelList([Number(1)])), ("orderId", new FeelString("O-3")))).Key;
        var job = engine.ActivateJobs("pack", "w", TimeSpan.FromMinutes(5), 1).Single();
        engine.CompleteJob(job.Key);

        Assert.Throws<EngineException>(() => engine.CompleteJob(job.Key));
        // The refused command's instance was reloaded from its rows, variables with it.
        Assert.Equal(new FeelString("O-3"), engine.GetInstance(key)!.Root!.Variables!["orderId"]);
        engine = await RestartAsync();

        Assert.True(_store!.IsActive(key));
        Assert.Empty(engine.ActivateJobs("pack", "w", TimeSpan.FromMinutes(5), 1));
        Assert.Single(_store.UserTasks, t => t.ProcessInstanceKey == key);
    }

    [Fact]
    public async Task Bug_a_job_a_failed_command_added_stayed_in_memory_after_the_rollback()
    {
        var engine = await RestartAsync();
        engine.Deploy([new DeploymentResource("restart.bpmn", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Store", "restart.bpmn")))]);
        engine.CreateInstance("restart", null, Vars(("items", new FeelList([Number(1)])), ("orderId", new FeelString("O-4"))));
        var stored = _store!.Jobs.Single();
        var added = new Orchestrator.Engine.State.Job
        {
            Key = _store.NextKey(), Type = stored.Type, ProcessInstanceKey = stored.ProcessInstanceKey, ElementInstanceKey = stored.ElementInstanceKey,
            ElementId = stored.ElementId, Definition = stored.Definition, CustomHeaders = stored.CustomHeaders, Retries = 3,
        };

        _store.AddJob(added);
        _store.Rollback();

        Assert.Equal([stored.Key], _store.Jobs.Select(j => j.Key));
        Assert.Single(engine.ActivateJobs(stored.Type, "w", TimeSpan.FromMinutes(5), 10));
    }

    [Fact]
    public async Task Bug_activating_a_job_rewrote_its_instance_row()
    {
        // The activation read the instance through the store's tracking lookup, so each lease rewrote the instance's
        // snapshot row and bumped its revision, although only the job changed.
        var engine = await RestartAsync();
        engine.Deploy([new DeploymentResource("restart.bpmn", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Store", "restart.bpmn")))]);
        var key = engine.CreateInstance("restart", null, Vars(("items", new FeelList([Number(1)])), ("orderId", new FeelString("O-5")))).Key;
        await _store!.WhenDurable();
        var revision = InstanceRevision(key);

        var job = engine.ActivateJobs("pack", "w", TimeSpan.FromMinutes(5), 1).Single();
        await _store.WhenDurable();

        Assert.Equal(revision, InstanceRevision(key));
        using (var context = _database.CreateContext())
        {
            var row = context.Jobs.Single(j => j.Key == job.Key);
            Assert.Equal(("Activated", "w", _clock.GetUtcNow().AddMinutes(5)), (row.State, row.Worker, row.Deadline));
        }

        engine = await RestartAsync();
        Assert.Empty(engine.ActivateJobs("pack", "w2", TimeSpan.FromMinutes(5), 1));
        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(job.Key, Assert.Single(engine.ActivateJobs("pack", "w2", TimeSpan.FromMinutes(5), 1)).Key);
        engine.CompleteJob(job.Key);
        await _store.WhenDurable();
        Assert.Equal(revision + 1, InstanceRevision(key));
    }

    /// <summary>
    /// A job's commands write only its lease, state, retries and failure (a patch of those columns); a migration of its instance
    /// writes the whole row, and a lease taken after the migration keeps the element and version the migration wrote.
    /// </summary>
    [Fact]
    public async Task A_migrated_job_keeps_its_new_element_and_version_through_leases_failures_and_restarts()
    {
        static string Model(string taskId, string next) => $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
              <bpmn:process id="return-parcel" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="{{taskId}}" />
                <bpmn:serviceTask id="{{taskId}}"><bpmn:extensionElements><zeebe:taskDefinition type="parcel.inspect" /></bpmn:extensionElements></bpmn:serviceTask>
                <bpmn:sequenceFlow id="f2" sourceRef="{{taskId}}" targetRef="{{next}}" />
                <bpmn:serviceTask id="{{next}}"><bpmn:extensionElements><zeebe:taskDefinition type="{{next}}" /></bpmn:extensionElements></bpmn:serviceTask>
                <bpmn:sequenceFlow id="f3" sourceRef="{{next}}" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;

        var engine = await RestartAsync();
        var v1 = engine.Deploy([new DeploymentResource("v1.bpmn", Model("inspect", "refund"))]).Processes.Single();
        var key = engine.CreateInstance("return-parcel", null, Vars(("orderId", new FeelString("O-9")))).Key;
        var leased = engine.ActivateJobs("parcel.inspect", "w", TimeSpan.FromMinutes(5), 1).Single();
        engine.FailJob(leased.Key, retries: 2, "scanner offline");
        var v2 = engine.Deploy([new DeploymentResource("v2.bpmn", Model("inspect-parcel", "restock"))]).Processes.Single();
        engine.MigrateProcessInstance(key, v2.Key, [new MigrationMapping("inspect", "inspect-parcel")]);
        engine = await RestartAsync();

        // Leased again after the migration and the restart: the row keeps v2 and its element; the failure's retries stay.
        Assert.Equal(leased.Key, engine.ActivateJobs("parcel.inspect", "w2", TimeSpan.FromMinutes(5), 1).Single().Key);
        engine = await RestartAsync();
        using (var context = _database.CreateContext())
        {
            var row = context.Jobs.Single(j => j.Key == leased.Key);
            Assert.Equal((v2.Key, "return-parcel", v2.Version, "inspect-parcel", "parcel.inspect", key), (row.ProcessDefinitionKey, row.BpmnProcessId, row.Version, row.ElementId, row.Type, row.ProcessInstanceKey));
            Assert.Equal(("Activated", "w2", 2, "scanner offline"), (row.State, row.Worker, row.Retries, row.ErrorMessage));
            Assert.NotEqual(v1.Key, row.ProcessDefinitionKey);
        }

        // Completed after another restart, the instance goes on along v2's flow.
        engine.CompleteJob(leased.Key);
        engine = await RestartAsync();
        Assert.Single(engine.ActivateJobs("restock", "w", TimeSpan.FromMinutes(5), 1));
        Assert.Empty(engine.ActivateJobs("refund", "w", TimeSpan.FromMinutes(5), 1));
    }

    [Fact]
    public async Task Bug_expired_buffered_messages_stayed_in_memory_and_in_the_database()
    {
        var engine = await RestartAsync();
        var minute = engine.PublishMessage("payment", "O-6", TimeSpan.FromMinutes(1), "msg-6");
        var hour = engine.PublishMessage("payment", "O-7", TimeSpan.FromHours(1), "msg-7");
        var published = _clock.GetUtcNow();
        await _store!.WhenDurable();
        Assert.Equal([minute, hour], StoredMessages());

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, engine.PurgeExpiredMessages());
        await _store.WhenDurable();

        Assert.Equal([hour], StoredMessages());
        // Gone from memory, not only hidden by the clock: asked as of before it expired, the store no longer has it.
        Assert.Null(_store.FindMessageById("msg-6", published));
        Assert.NotNull(_store.FindMessageById("msg-7", published));
        Assert.Equal(0, engine.PurgeExpiredMessages());
    }

    [Fact]
    public async Task Bug_messages_that_expired_while_the_engine_was_stopped_kept_their_rows()
    {
        // Start-up loads only live messages, so no purge would ever see these.
        var engine = await RestartAsync();
        engine.PublishMessage("payment", "O-8", TimeSpan.FromMinutes(1));
        var hour = engine.PublishMessage("payment", "O-9", TimeSpan.FromHours(1));
        await _store!.WhenDurable();
        await _store.DisposeAsync();
        _store = null;
        _clock.Advance(TimeSpan.FromMinutes(2));

        await RestartAsync();

        Assert.Equal([hour], StoredMessages());
    }

    private long InstanceRevision(long key)
    {
        using var context = _database.CreateContext();
        return context.ProcessInstances.Single(i => i.Key == key).Revision;
    }

    private List<long> StoredMessages()
    {
        using var context = _database.CreateContext();
        return [.. context.Messages.Select(m => m.Key).OrderBy(k => k)];
    }

    [Fact]
    public async Task Compensation_goes_on_across_restarts_what_completed_and_which_handlers_a_throw_event_waits_for()
    {
        // Arrange: two bookings that compensation could undo, each followed by a restart
        var engine = await RestartAsync();
        engine.Deploy([new DeploymentResource("compensation.bpmn", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Store", "compensation.bpmn")))]);
        var key = engine.CreateInstance("trip", null, null).Key;
        engine = await RestartAsync();
        engine = await CompleteAsync(engine, "book.hotel");
        engine = await CompleteAsync(engine, "book.flight");

        // Act: the charge fails; the throw event starts both handlers and waits
        var charge = engine.ActivateJobs("charge", "w", TimeSpan.FromMinutes(1), 1).Single();
        engine.ThrowJobError(charge.Key, "payment-failed");
        engine = await RestartAsync();
        engine = await CompleteAsync(engine, "cancel.hotel");
        Assert.True(_store!.IsActive(key));
        engine = await CompleteAsync(engine, "cancel.seat");
        engine = await CompleteAsync(engine, "refund.fare");

        // Assert: after the last handler the throw event completed and the instance ended on its compensation path
        Assert.False(_store!.IsActive(key));
        var completed = engine.History(key).Where(h => h.Intent == RecordIntent.ElementCompleted).Select(h => h.ElementId).ToList();
        Assert.Equal(["cancelHotel", "cancelFlight", "undoAll", "cancelled", "trip"], completed.Skip(completed.IndexOf("charge") + 1).Where(id => id is "cancelHotel" or "cancelFlight" or "undoAll" or "cancelled" or "trip"));
    }

    [Fact]
    public async Task Compensation_reaches_into_a_subprocess_that_completed_before_a_restart()
    {
        // Arrange: the pickup subprocess (a label inside) and the stock subprocess completed, then a restart
        var engine = await RestartAsync();
        engine.Deploy([new DeploymentResource("compensation.bpmn", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Store", "compensation.bpmn")))]);
        var key = engine.CreateInstance("nested", null, Vars(("returnId", new FeelString("R-9")), ("items", new FeelList([])))).Key;
        engine = await CompleteAsync(engine, "label.create");
        engine = await CompleteAsync(engine, "courier.book");

        // Act: the courier is late
        _clock.Advance(TimeSpan.FromHours(1));
        engine.FireDueTimers();
        engine = await RestartAsync();

        // Assert: the label inside the completed pickup, the stock through its event subprocess, the (empty) packing once
        var types = engine.ActivateJobs("label.void", "w", TimeSpan.FromMinutes(1), 10).Concat(engine.ActivateJobs("stock.release", "w", TimeSpan.FromMinutes(1), 10))
            .Concat(engine.ActivateJobs("unpack", "w", TimeSpan.FromMinutes(1), 10)).Concat(engine.ActivateJobs("courier.unbook", "w", TimeSpan.FromMinutes(1), 10)).ToList();
        Assert.Equal(["label.void", "stock.release", "unpack"], types.Select(j => j.Type).Order(StringComparer.Ordinal));
        foreach (var job in types)
        {
            engine.CompleteJob(job.Key);
            engine = await RestartAsync();
        }

        Assert.False(_store!.IsActive(key));
    }

    [Fact]
    public async Task An_ad_hoc_subprocess_goes_on_across_restarts_its_collected_outputs_and_a_completion_condition_that_held()
    {
        // Arrange
        var engine = await RestartAsync();
        engine.Deploy([new DeploymentResource("adhoc.bpmn", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Store", "adhoc.bpmn")))]);
        var collecting = engine.CreateInstance("claim-checks", null, Vars(("checks", new FeelList([new FeelString("photo"), new FeelString("invoice")])))).Key;
        var patient = engine.CreateInstance("claim-checks-patient", null, Vars(("checks", new FeelList([new FeelString("pPhoto"), new FeelString("pInvoice")])))).Key;
        engine = await RestartAsync();

        // Act: jobs come in key order, the collecting instance's first; the patient one's condition holds at its first check
        // and is false again at its last
        engine = await CompleteAsync(engine, "check.photo", Vars(("result", new FeelString("blurry"))), collecting);
        engine = await CompleteAsync(engine, "check.photo", Vars(("fraud", FeelBoolean.True)), patient);
        engine = await CompleteAsync(engine, "check.invoice", Vars(("result", new FeelString("paid"))), collecting);
        engine = await CompleteAsync(engine, "check.invoice", Vars(("fraud", FeelBoolean.False)), patient);

        // Assert: both completed; the collecting one has both outputs in the order the flows ended
        Assert.False(_store!.IsActive(collecting));
        Assert.False(_store.IsActive(patient));
        using var context = _database.CreateContext();
        var results = context.Variables.Single(v => v.ScopeKey == collecting && v.Name == "results").Value;
        Assert.Equal("""["blurry","paid"]""", results);
    }

    [Fact]
    public async Task Message_throw_events_run_as_jobs_go_on_across_restarts_a_lease_and_a_failure_included()
    {
        // Arrange
        var engine = await RestartAsync();
        engine.Deploy([new DeploymentResource("message-throw.bpmn", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Store", "message-throw.bpmn")))]);
        var key = engine.CreateInstance("notify", null, Vars(("orderId", new FeelString("O-7")))).Key;
        engine = await RestartAsync();

        // Act: the throw event's job is leased, the engine restarts, the lease holds; the worker fails once, then succeeds
        var leased = engine.ActivateJobs("mail.send", "w", TimeSpan.FromMinutes(5), 1).Single();
        engine = await RestartAsync();
        Assert.Empty(engine.ActivateJobs("mail.send", "w", TimeSpan.FromMinutes(5), 1));
        engine.FailJob(leased.Key, retries: 1, "mail server busy");
        engine = await RestartAsync();
        engine = await CompleteAsync(engine, "mail.send", null, key);
        engine = await CompleteAsync(engine, "carrier.notify", null, key);

        // Assert
        Assert.False(_store!.IsActive(key));
        var history = engine.History(key);
        Assert.Equal(["start", "tellCustomer", "tellCarrier", "notify"],
            history.Where(h => h.Intent == RecordIntent.ElementCompleted).Select(h => h.ElementId));
    }

    [Fact]
    public async Task Execution_listeners_go_on_across_restarts_where_they_stood_and_keep_their_kind_and_event()
    {
        // Arrange
        var engine = await RestartAsync();
        engine.Deploy([new DeploymentResource("listeners.bpmn", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Store", "listeners.bpmn")))]);
        var key = engine.CreateInstance("refund", null, Vars(("amount", new FeelNumber(5)), ("country", new FeelString("nl")))).Key;
        engine = await RestartAsync();

        // Act: the process's start listener and the task's first start listener answer, each followed by a restart
        engine = await CompleteAsync(engine, "case.opened");
        engine = await CompleteAsync(engine, "check.limit", Vars(("limitOk", FeelBoolean.True)));

        // Assert: the second start listener is next (not the first again), and its job kept its kind and event
        var second = engine.ActivateJobs("check.nl", "w", TimeSpan.FromMinutes(1), 1).Single();
        Assert.Equal((JobKind.ExecutionListener, ListenerEventType.Start), (second.Kind, second.ListenerEventType));
        Assert.Empty(engine.ActivateJobs("check.limit", "w", TimeSpan.FromMinutes(1), 1));
        engine.CompleteJob(second.Key);
        engine = await RestartAsync();
        engine = await CompleteAsync(engine, "pay", Vars(("paid", new FeelNumber(10))));
        var audit = engine.ActivateJobs("audit", "w", TimeSpan.FromMinutes(1), 1).Single();
        Assert.Equal((JobKind.ExecutionListener, ListenerEventType.End), (audit.Kind, audit.ListenerEventType));
        engine.CompleteJob(audit.Key);
        engine = await RestartAsync();
        engine = await CompleteAsync(engine, "case.closed");

        // Assert
        Assert.False(_store!.IsActive(key));
        var completed = engine.History(key).Where(h => h.Intent == RecordIntent.ElementCompleted).Select(h => h.ElementId).ToList();
        Assert.Equal(["start", "pay", "done", "refund"], completed);
    }

    [Fact]
    public async Task A_user_task_waiting_for_its_task_listeners_goes_on_across_restarts_with_the_change_it_was_deciding()
    {
        // Arrange: the task is created through its creating listener, then completed with a decision its completing listeners check
        var engine = await RestartAsync();
        engine.Deploy([new DeploymentResource("task-listeners.bpmn", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Store", "task-listeners.bpmn")))]);
        var key = engine.CreateInstance("review-return", null, Vars(("checker", new FeelString("lead")))).Key;
        engine = await RestartAsync();
        engine = await CompleteAsync(engine, "tl.create");
        var task = engine.Store.UserTasks.Single(t => t.ProcessInstanceKey == key);
        Assert.Equal(UserTaskState.Completing, engine.CompleteUserTask(task.Key, Vars(("approved", FeelBoolean.True))).State);
        engine = await RestartAsync();

        // Act: the first completing listener answers; after a restart the second (not the first again) is due
        engine = await CompleteAsync(engine, "tl.complete");
        var restored = engine.Store.GetUserTask(task.Key)!;
        Assert.Equal(UserTaskState.Completing, restored.State);
        Assert.Empty(engine.ActivateJobs("tl.complete", "w", TimeSpan.FromMinutes(1), 1));
        engine = await CompleteAsync(engine, "tl.lead");

        // Assert: completed with the decision it was completed with before the restarts
        Assert.False(_store!.IsActive(key));
        using var context = _database.CreateContext();
        Assert.Equal("true", context.Variables.Single(v => v.ScopeKey == key && v.Name == "approved").Value);
        Assert.Equal("COMPLETED", context.UserTasks.Single(t => t.Key == task.Key).State);
    }

    [Fact]
    public async Task A_termination_waiting_for_canceling_listeners_goes_on_across_restarts_and_then_takes_the_boundary_flow()
    {
        // Arrange: the review's hour passes; its two canceling listeners run, with a restart before, between and after them
        var engine = await RestartAsync();
        engine.Deploy([new DeploymentResource("canceling-listeners.bpmn", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Store", "canceling-listeners.bpmn")))]);
        var key = engine.CreateInstance("cancel-review", null, null).Key;
        var task = engine.Store.UserTasks.Single(t => t.ProcessInstanceKey == key);
        _clock.Advance(TimeSpan.FromHours(1));
        engine.FireDueTimers();
        engine = await RestartAsync();

        // Act
        engine = await CompleteAsync(engine, "tl.close-ticket");
        Assert.Equal(UserTaskState.Canceling, engine.Store.GetUserTask(task.Key)!.State);
        Assert.Empty(engine.ActivateJobs("escalate", "w", TimeSpan.FromMinutes(1), 1));
        engine = await CompleteAsync(engine, "tl.tell-agent");

        // Assert: the boundary event's flow runs only now, and the instance finishes through it
        await CompleteAsync(engine, "escalate");
        Assert.False(_store!.IsActive(key));
        using var context = _database.CreateContext();
        Assert.Equal("CANCELED", context.UserTasks.Single(t => t.Key == task.Key).State);
        Assert.Equal("TERMINATED", context.ElementInstances.Single(e => e.ProcessInstanceKey == key && e.ElementId == "review").State);
        Assert.Equal("COMPLETED", context.ElementInstances.Single(e => e.ProcessInstanceKey == key && e.ElementId == "late").State);
        Assert.Equal("COMPLETED", context.ProcessInstances.Single(i => i.Key == key).State);
    }

    [Fact]
    public async Task A_cancelled_caller_waiting_for_the_called_instance_s_canceling_listeners_ends_after_a_restart()
    {
        // Arrange
        var engine = await RestartAsync();
        engine.Deploy([new DeploymentResource("canceling-listeners.bpmn", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Store", "canceling-listeners.bpmn")))]);
        var caller = engine.CreateInstance("case", null, null).Key;
        var called = engine.Store.Instances.Single(i => i.ParentInstanceKey == caller).Key;
        engine.CancelInstance(caller);
        engine = await RestartAsync();
        Assert.True(_store!.IsActive(caller));

        // Act
        engine = await CompleteAsync(engine, "tl.close-ticket");
        await CompleteAsync(engine, "tl.tell-agent");

        // Assert
        Assert.False(_store!.IsActive(caller));
        using var context = _database.CreateContext();
        Assert.Equal(["TERMINATED", "TERMINATED"], context.ProcessInstances.Where(i => i.Key == caller || i.Key == called).Select(i => i.State).ToArray());
    }

    [Fact]
    public async Task A_message_id_kept_beyond_the_message_s_time_to_live_is_still_refused_after_a_restart()
    {
        // Arrange
        var engine = await RestartAsync();
        engine.PublishMessage("carrier.tracking", "TRK-1", TimeSpan.Zero, "messaging:carrier.tracking:m-1", keepIdFor: TimeSpan.FromHours(1));
        engine = await RestartAsync();

        // Act
        var again = Assert.Throws<EngineException>(() => engine.PublishMessage("carrier.tracking", "TRK-1", TimeSpan.Zero, "messaging:carrier.tracking:m-1", keepIdFor: TimeSpan.FromHours(1)));
        _clock.Advance(TimeSpan.FromHours(2));
        engine = await RestartAsync();

        // Assert: refused while kept, free once the hour is over (and the expired record was left out at load)
        Assert.Equal(EngineError.InvalidState, again.Error);
        engine.PublishMessage("carrier.tracking", "TRK-1", TimeSpan.Zero, "messaging:carrier.tracking:m-1", keepIdFor: TimeSpan.FromHours(1));
    }

    private async Task<WorkflowEngine> CompleteAsync(WorkflowEngine engine, string type, Dictionary<string, FeelValue>? variables = null, long? ofInstance = null)
    {
        var job = engine.ActivateJobs(type, "w", TimeSpan.FromMinutes(1), 1).Single();
        Assert.Equal(ofInstance ?? job.ProcessInstanceKey, job.ProcessInstanceKey);
        engine.CompleteJob(job.Key, variables);
        return await RestartAsync();
    }

    private async Task<WorkflowEngine> RestartAsync()
    {
        if (_store is not null)
        {
            await _store.WhenDurable();
            await _store.DisposeAsync();
        }

        var feel = new FeelEngine(new FeelEngineOptions { Clock = _clock });
        _store = new DurableEngineStore(_database.CreateContext, feel);
        _store.Load(_clock);
        return new WorkflowEngine(_store, _clock, new EngineOptions(), null, feel);
    }

    private static FeelNumber Number(int value) => new(value);

    private static Dictionary<string, FeelValue> Vars(params (string Name, FeelValue Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
