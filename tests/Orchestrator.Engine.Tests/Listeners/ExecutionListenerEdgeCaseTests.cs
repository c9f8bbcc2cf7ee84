using Orchestrator.Engine.Execution;
using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Tests.Listeners;

/// <summary>
/// Execution listeners on the elements and paths <see cref="ExecutionListenerTests"/> leaves out: scopes (embedded, event,
/// multi-instance, ad-hoc subprocesses, call activities), events (boundary, throw, end, terminate, catch, several start
/// events), user tasks, compensation handlers, retries and incidents of end listeners, and cancellation, as Camunda 8.8 runs them.
/// </summary>
public class ExecutionListenerEdgeCaseTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>Deploys the processes (and messages, signals) in <paramref name="content"/> as one resource.</summary>
    private static EngineHarness Deploy(string content)
    {
        var h = new EngineHarness();
        h.DeployXml("edge.bpmn", $"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
            {content}
            </bpmn:definitions>
            """);
        return h;
    }

    /// <summary><c>zeebe:executionListeners</c> from <c>"start:type"</c> / <c>"end:type"</c> pairs, in order.</summary>
    private static string Listeners(params string[] listeners) =>
        "<zeebe:executionListeners>"
        + string.Concat(listeners.Select(l => l.Split(':', 2)).Select(l => $"""<zeebe:executionListener eventType="{l[0]}" type="{l[1]}" />"""))
        + "</zeebe:executionListeners>";

    /// <summary>A service task of a job type, with more extension elements (listeners, mappings) when given.</summary>
    private static string Task(string id, string type, string extensions = "") =>
        $"""<bpmn:serviceTask id="{id}"><bpmn:extensionElements><zeebe:taskDefinition type="{type}" />{extensions}</bpmn:extensionElements></bpmn:serviceTask>""";

    private static string Flow(string id, string from, string to) => $"""<bpmn:sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}" />""";

    private static Job[] OpenJobs(EngineHarness h, ProcessInstance instance) =>
        h.Store.Jobs.Where(j => j.ProcessInstanceKey == instance.Key && j.State is JobState.Activatable or JobState.Activated).OrderBy(j => j.Key).ToArray();

    private static string[] OpenTypes(EngineHarness h, ProcessInstance instance) =>
        OpenJobs(h, instance).Select(j => j.Type).Order(StringComparer.Ordinal).ToArray();

    private static ElementInstance Element(ProcessInstance instance, string elementId) =>
        Assert.Single(instance.Elements.Values, e => e.Node.Id == elementId);

    private static string? Local(ProcessInstance instance, string elementId, string name) =>
        Element(instance, elementId).Variables?.TryGetValue(name, out var value) == true ? FeelJson.ToJsonString(value) : null;

    private static string Json(IReadOnlyDictionary<string, FeelValue> variables, string name) => FeelJson.ToJsonString(variables[name]);

    private static bool Activated(EngineHarness h, ProcessInstance instance, string elementId) =>
        h.Engine.History(instance.Key).Any(r => r.Intent == RecordIntent.ElementActivated && r.ElementId == elementId);

    private static ActivatedJob ActivateOne(EngineHarness h, string type) => Assert.Single(h.Engine.ActivateJobs(type, "w", Lease, 10));

    // ---- 1. embedded subprocess -------------------------------------------------------------------

    [Fact]
    public void An_embedded_subprocess_starts_its_children_only_after_its_start_listener_and_its_end_listener_writes_to_the_parent_scope()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="sub" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "inner")}
              <bpmn:subProcess id="inner">
                <bpmn:extensionElements>
                  <zeebe:ioMapping><zeebe:input source="=orderNo" target="localNo" /></zeebe:ioMapping>
                  {Listeners("start:sub.begin", "end:sub.finish")}
                </bpmn:extensionElements>
                <bpmn:startEvent id="is" />{Flow("i1", "is", "work")}
                {Task("work", "work")}{Flow("i2", "work", "ie")}
                <bpmn:endEvent id="ie" />
              </bpmn:subProcess>
              {Flow("f2", "inner", "e")}
              <bpmn:endEvent id="e" />
            </bpmn:process>
            """);

        // Act
        var instance = h.Start("sub", """{"orderNo": 7}""");

        // Assert: the subprocess waits for its start listener; nothing inside it started
        Assert.Equal(["inner"], EngineHarness.Active(instance));
        Assert.Equal(["sub.begin"], OpenTypes(h, instance));
        Assert.False(Activated(h, instance, "inner"));
        Assert.False(Activated(h, instance, "is"));

        // Act: the start listener sees the input mapping and sets a variable
        var begin = ActivateOne(h, "sub.begin");
        Assert.Equal("7", Json(begin.Variables, "localNo"));
        h.Engine.CompleteJob(begin.Key, EngineHarness.Vars("""{"step": "begun"}"""));

        // Assert: the variable is the subprocess's own; its children run now and see it
        Assert.Equal("\"begun\"", Local(instance, "inner", "step"));
        Assert.Null(EngineHarness.Variable(instance, "step"));
        Assert.Equal(["inner", "work"], EngineHarness.Active(instance));
        var work = ActivateOne(h, "work");
        Assert.Equal("\"begun\"", Json(work.Variables, "step"));

        // Act: the last child ends
        h.Engine.CompleteJob(work.Key);

        // Assert: the subprocess waits for its end listener after its last child
        Assert.Equal(["inner"], EngineHarness.Active(instance));
        Assert.Equal(["sub.finish"], OpenTypes(h, instance));
        Assert.Equal(["s", "is", "work", "ie"], h.Completed(instance));

        // Act
        var finish = ActivateOne(h, "sub.finish");
        Assert.Equal((ListenerEventType.End, "inner"), (finish.ListenerEventType, finish.ElementId));
        h.Engine.CompleteJob(finish.Key, EngineHarness.Vars("""{"summary": "ok"}"""));

        // Assert: the end listener's variable landed on the process (the subprocess's flow scope); the subprocess's locals went with it
        Assert.Equal("\"ok\"", EngineHarness.Variable(instance, "summary"));
        Assert.Null(EngineHarness.Variable(instance, "step"));
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(["inner", "e"], h.Completed(instance)[^2..]);
    }

    // ---- 2. event subprocesses --------------------------------------------------------------------

    [Fact]
    public void An_interrupting_message_event_subprocess_runs_its_start_listener_before_its_start_event_and_keeps_the_message_s_variables()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:message id="mCancel" name="cancel"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>
            <bpmn:process id="esp" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "main")}
              {Task("main", "main")}{Flow("f2", "main", "e")}
              <bpmn:endEvent id="e" />
              <bpmn:subProcess id="onCancel" triggeredByEvent="true">
                <bpmn:extensionElements>{Listeners("start:cancel.begin")}</bpmn:extensionElements>
                <bpmn:startEvent id="cancelStart"><bpmn:messageEventDefinition messageRef="mCancel" /></bpmn:startEvent>
                {Flow("c1", "cancelStart", "undo")}
                {Task("undo", "undo")}{Flow("c2", "undo", "cancelEnd")}
                <bpmn:endEvent id="cancelEnd" />
              </bpmn:subProcess>
            </bpmn:process>
            """);
        var instance = h.Start("esp", """{"orderId": "o-1"}""");
        var main = Assert.Single(OpenJobs(h, instance));

        // Act
        h.Engine.PublishMessage("cancel", "o-1", variables: EngineHarness.Vars("""{"reason": "customer"}"""));

        // Assert: the main flow was interrupted; the event subprocess waits for its listener, its start event not yet activated
        Assert.Equal(JobState.Canceled, main.State);
        Assert.Equal(["onCancel"], EngineHarness.Active(instance));
        Assert.Equal(["cancel.begin"], OpenTypes(h, instance));
        Assert.False(Activated(h, instance, "cancelStart"));

        // Act
        h.CompleteJob("cancel.begin");

        // Assert: the start event ran with the message's variables, which the subprocess's work sees
        Assert.Contains("cancelStart", h.Completed(instance));
        var undo = ActivateOne(h, "undo");
        Assert.True(undo.Variables.ContainsKey("reason"), "the message's variables were lost while the start listener ran");
        Assert.Equal("\"customer\"", Json(undo.Variables, "reason"));
        h.Engine.CompleteJob(undo.Key);
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(["cancelStart", "undo", "cancelEnd", "onCancel"], h.Completed(instance)[^4..]);
    }

    [Fact]
    public void A_non_interrupting_timer_event_subprocess_runs_its_start_listener_while_the_main_flow_goes_on()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="remind" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "main")}
              {Task("main", "main")}{Flow("f2", "main", "e")}
              <bpmn:endEvent id="e" />
              <bpmn:subProcess id="onTimer" triggeredByEvent="true">
                <bpmn:extensionElements>{Listeners("start:remind.begin")}</bpmn:extensionElements>
                <bpmn:startEvent id="timerStart" isInterrupting="false"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
                {Flow("t1", "timerStart", "nudge")}
                {Task("nudge", "nudge")}{Flow("t2", "nudge", "timerEnd")}
                <bpmn:endEvent id="timerEnd" />
              </bpmn:subProcess>
            </bpmn:process>
            """);
        var instance = h.Start("remind");

        // Act
        h.Advance(TimeSpan.FromHours(1));

        // Assert: the main task still runs beside the event subprocess, which waits for its listener
        Assert.Equal(["main", "onTimer"], EngineHarness.Active(instance));
        Assert.Equal(["main", "remind.begin"], OpenTypes(h, instance));
        Assert.False(Activated(h, instance, "timerStart"));

        // Act
        h.CompleteJob("remind.begin");
        h.CompleteJob("nudge");

        // Assert: the event subprocess completed; the main flow was never interrupted
        Assert.Equal(["timerStart", "nudge", "timerEnd", "onTimer"], h.Completed(instance)[^4..]);
        Assert.Equal(["main"], EngineHarness.Active(instance));
        h.CompleteJob("main");
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    [Fact]
    public void The_start_event_of_an_event_subprocess_runs_its_end_listener_before_the_subprocess_goes_on_and_its_variables_stay_in_the_subprocess()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:message id="mNote" name="note"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>
            <bpmn:process id="notes" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "main")}
              {Task("main", "main")}{Flow("f2", "main", "e")}
              <bpmn:endEvent id="e" />
              <bpmn:subProcess id="onNote" triggeredByEvent="true">
                <bpmn:startEvent id="noteStart" isInterrupting="false">
                  <bpmn:extensionElements>{Listeners("end:note.received")}</bpmn:extensionElements>
                  <bpmn:messageEventDefinition messageRef="mNote" />
                </bpmn:startEvent>
                {Flow("n1", "noteStart", "file")}
                {Task("file", "file")}{Flow("n2", "file", "noteEnd")}
                <bpmn:endEvent id="noteEnd" />
              </bpmn:subProcess>
            </bpmn:process>
            """);
        var instance = h.Start("notes", """{"orderId": "o-2"}""");

        // Act
        h.Engine.PublishMessage("note", "o-2");

        // Assert: the start event is completing, waiting for its end listener
        Assert.Equal(["main", "noteStart", "onNote"], EngineHarness.Active(instance));
        Assert.Equal(["main", "note.received"], OpenTypes(h, instance));
        var received = ActivateOne(h, "note.received");
        Assert.Equal((JobKind.ExecutionListener, ListenerEventType.End, "noteStart"), (received.Kind, received.ListenerEventType, received.ElementId));
        Assert.DoesNotContain("noteStart", h.Completed(instance));

        // Act
        h.Engine.CompleteJob(received.Key, EngineHarness.Vars("""{"noteId": 5}"""));

        // Assert: the variable went to the start event's flow scope, the event subprocess, whose work sees it
        Assert.Equal("5", Local(instance, "onNote", "noteId"));
        Assert.Null(EngineHarness.Variable(instance, "noteId"));
        var file = ActivateOne(h, "file");
        Assert.Equal("5", Json(file.Variables, "noteId"));
        h.Engine.CompleteJob(file.Key);
        Assert.Equal(["main"], EngineHarness.Active(instance));
        Assert.Null(EngineHarness.Variable(instance, "noteId"));
    }

    // ---- 3. call activity ------------------------------------------------------------------------

    [Fact]
    public void A_call_activity_waits_for_its_start_listener_before_calling_and_for_the_child_s_process_end_listener_before_its_own_end_listener()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="parent" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "call")}
              <bpmn:callActivity id="call">
                <bpmn:extensionElements><zeebe:calledElement processId="child" />{Listeners("start:call.begin", "end:call.finish")}</bpmn:extensionElements>
              </bpmn:callActivity>
              {Flow("f2", "call", "e")}
              <bpmn:endEvent id="e" />
            </bpmn:process>
            <bpmn:process id="child" isExecutable="true">
              <bpmn:extensionElements>{Listeners("start:child.open", "end:child.close")}</bpmn:extensionElements>
              <bpmn:startEvent id="cs" />{Flow("c1", "cs", "childWork")}
              {Task("childWork", "childWork")}{Flow("c2", "childWork", "ce")}
              <bpmn:endEvent id="ce" />
            </bpmn:process>
            """);

        // Act
        var parent = h.Start("parent");

        // Assert: no child yet
        Assert.Equal(["call.begin"], OpenTypes(h, parent));
        Assert.DoesNotContain(h.Store.Instances, i => i.ParentInstanceKey == parent.Key);

        // Act
        h.CompleteJob("call.begin");

        // Assert: the child exists and runs its process start listener first
        var child = Assert.Single(h.Store.Instances, i => i.ParentInstanceKey == parent.Key);
        Assert.Equal(["child.open"], OpenTypes(h, child));
        Assert.Empty(EngineHarness.Active(child));

        // Act
        h.CompleteJob("child.open");
        h.CompleteJob("childWork", """{"result": 7}""");

        // Assert: the child is completing, waiting for its process end listener; the call activity waits too
        Assert.Equal(LifecycleState.Active, child.State);
        Assert.Equal(["child.close"], OpenTypes(h, child));
        var close = ActivateOne(h, "child.close");
        Assert.Equal(("child", child.Key), (close.ElementId, close.ElementInstanceKey));
        Assert.Equal(["call"], EngineHarness.Active(parent));
        Assert.Empty(OpenJobs(h, parent));

        // Act
        h.Engine.CompleteJob(close.Key, EngineHarness.Vars("""{"closedBy": "child"}"""));

        // Assert: the child completed; the call activity's end listener runs and sees the child's variables
        Assert.Equal(LifecycleState.Completed, child.State);
        Assert.Equal(["call"], EngineHarness.Active(parent));
        var finish = ActivateOne(h, "call.finish");
        Assert.Equal("\"child\"", Json(finish.Variables, "closedBy"));
        Assert.Equal("7", Json(finish.Variables, "result"));
        h.Engine.CompleteJob(finish.Key);
        Assert.Equal(LifecycleState.Completed, parent.State);
        Assert.Equal(["s", "call", "e"], h.Completed(parent));
    }

    // ---- 4. boundary event -----------------------------------------------------------------------

    [Fact]
    public void An_interrupting_timer_boundary_terminates_the_host_runs_its_own_end_listener_then_takes_its_flow()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="deadline" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "slow")}
              {Task("slow", "slow", Listeners("end:slow.after"))}
              <bpmn:boundaryEvent id="timeout" attachedToRef="slow">
                <bpmn:extensionElements>{Listeners("end:timeout.after")}</bpmn:extensionElements>
                <bpmn:timerEventDefinition><bpmn:timeDuration>PT30M</bpmn:timeDuration></bpmn:timerEventDefinition>
              </bpmn:boundaryEvent>
              {Flow("f2", "slow", "done")}
              <bpmn:endEvent id="done" />
              {Flow("f3", "timeout", "escalate")}
              {Task("escalate", "escalate")}{Flow("f4", "escalate", "late")}
              <bpmn:endEvent id="late" />
            </bpmn:process>
            """);
        var instance = h.Start("deadline");
        var slow = Assert.Single(OpenJobs(h, instance));

        // Act
        h.Advance(TimeSpan.FromMinutes(30));

        // Assert: the host is gone (its job canceled, no end listener); the boundary event waits for its end listener
        Assert.Equal(JobState.Canceled, slow.State);
        Assert.Equal(["timeout"], EngineHarness.Active(instance));
        Assert.Equal(["timeout.after"], OpenTypes(h, instance));
        Assert.DoesNotContain(h.Store.Jobs, j => j.Type == "slow.after");

        // Act
        h.CompleteJob("timeout.after", """{"timedOut": true}""");

        // Assert: the variable went to the process; then the flow went on
        Assert.Equal("true", EngineHarness.Variable(instance, "timedOut"));
        Assert.Equal(["escalate"], EngineHarness.Active(instance));
        Assert.Equal(["s", "timeout"], h.Completed(instance));
        h.CompleteJob("escalate");
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.DoesNotContain(h.Store.Jobs, j => j.Type == "slow.after");
    }

    // ---- 5. throw and end events -----------------------------------------------------------------

    [Fact]
    public void A_signal_throw_event_throws_only_after_its_start_listener_and_an_end_event_runs_start_and_end_listeners_before_the_process_completes()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:signal id="sGo" name="go" />
            <bpmn:process id="waiter" isExecutable="true">
              <bpmn:startEvent id="ws" />{Flow("w1", "ws", "wait")}
              <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="sGo" /></bpmn:intermediateCatchEvent>
              {Flow("w2", "wait", "we")}
              <bpmn:endEvent id="we" />
            </bpmn:process>
            <bpmn:process id="thrower" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "announce")}
              <bpmn:intermediateThrowEvent id="announce">
                <bpmn:extensionElements>{Listeners("start:announce.before", "end:announce.after")}</bpmn:extensionElements>
                <bpmn:signalEventDefinition signalRef="sGo" />
              </bpmn:intermediateThrowEvent>
              {Flow("f2", "announce", "finish")}
              <bpmn:endEvent id="finish">
                <bpmn:extensionElements>{Listeners("start:finish.before", "end:finish.after")}</bpmn:extensionElements>
              </bpmn:endEvent>
            </bpmn:process>
            """);
        var waiter = h.Start("waiter");

        // Act
        var thrower = h.Start("thrower");

        // Assert: the signal is not thrown while the start listener runs
        Assert.Equal(["announce.before"], OpenTypes(h, thrower));
        Assert.Equal(["wait"], EngineHarness.Active(waiter));

        // Act
        h.CompleteJob("announce.before");

        // Assert: the signal went out; the throw event waits for its end listener
        Assert.Equal(LifecycleState.Completed, waiter.State);
        Assert.Equal(["announce"], EngineHarness.Active(thrower));
        Assert.Equal(["announce.after"], OpenTypes(h, thrower));

        // Act
        h.CompleteJob("announce.after");

        // Assert: the end event waits for its start listener, then its end listener, and the process for both
        Assert.Equal(["finish"], EngineHarness.Active(thrower));
        Assert.Equal(["finish.before"], OpenTypes(h, thrower));
        h.CompleteJob("finish.before");
        Assert.Equal(["finish"], EngineHarness.Active(thrower));
        Assert.Equal(["finish.after"], OpenTypes(h, thrower));
        Assert.Equal(LifecycleState.Active, thrower.State);
        h.CompleteJob("finish.after", """{"finishedBy": "listener"}""");
        Assert.Equal(LifecycleState.Completed, thrower.State);
        Assert.Equal("\"listener\"", EngineHarness.Variable(thrower, "finishedBy"));
        Assert.Equal(["s", "announce", "finish"], h.Completed(thrower));
    }

    [Fact]
    public void A_none_intermediate_throw_event_waits_for_its_start_and_end_listeners()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="milestone" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "reached")}
              <bpmn:intermediateThrowEvent id="reached">
                <bpmn:extensionElements>{Listeners("start:reached.before", "end:reached.after")}</bpmn:extensionElements>
              </bpmn:intermediateThrowEvent>
              {Flow("f2", "reached", "e")}
              <bpmn:endEvent id="e" />
            </bpmn:process>
            """);

        // Act
        var instance = h.Start("milestone");

        // Assert
        Assert.Equal(["reached"], EngineHarness.Active(instance));
        Assert.Equal(["reached.before"], OpenTypes(h, instance));

        // Act
        h.CompleteJob("reached.before", """{"phase": 1}""");

        // Assert: the start listener's variable is the event's own; the end listener sees it
        Assert.Equal("1", Local(instance, "reached", "phase"));
        var after = ActivateOne(h, "reached.after");
        Assert.Equal("1", Json(after.Variables, "phase"));
        h.Engine.CompleteJob(after.Key);
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Null(EngineHarness.Variable(instance, "phase"));
    }

    [Fact]
    public void A_terminate_end_event_terminates_the_other_branches_only_after_its_start_listener()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="stopper" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "fork")}
              <bpmn:parallelGateway id="fork" />
              {Flow("f2", "fork", "longRunning")}
              {Task("longRunning", "longRunning", Listeners("end:longRunning.after"))}{Flow("f3", "longRunning", "e")}
              <bpmn:endEvent id="e" />
              {Flow("f4", "fork", "stop")}
              <bpmn:endEvent id="stop">
                <bpmn:extensionElements>{Listeners("start:stop.before")}</bpmn:extensionElements>
                <bpmn:terminateEventDefinition />
              </bpmn:endEvent>
            </bpmn:process>
            """);

        // Act
        var instance = h.Start("stopper");

        // Assert: both branches are there; the other branch's job is still open
        Assert.Equal(["longRunning", "stop"], EngineHarness.Active(instance));
        Assert.Equal(["longRunning", "stop.before"], OpenTypes(h, instance));
        var longRunning = Assert.Single(OpenJobs(h, instance), j => j.Type == "longRunning");

        // Act
        h.CompleteJob("stop.before");

        // Assert: the other branch was terminated, without its end listener; the process completed
        Assert.Equal(JobState.Canceled, longRunning.State);
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("stop", h.Completed(instance)[^1]);
        Assert.DoesNotContain(h.Store.Jobs, j => j.Type == "longRunning.after");
    }

    // ---- 6. message catch event ------------------------------------------------------------------

    [Fact]
    public void A_message_catch_event_subscribes_with_the_correlation_key_its_start_listener_set()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:message id="mPaid" name="paid"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>
            <bpmn:process id="pay" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "waitPaid")}
              <bpmn:intermediateCatchEvent id="waitPaid">
                <bpmn:extensionElements>{Listeners("start:assign.order")}</bpmn:extensionElements>
                <bpmn:messageEventDefinition messageRef="mPaid" />
              </bpmn:intermediateCatchEvent>
              {Flow("f2", "waitPaid", "e")}
              <bpmn:endEvent id="e" />
            </bpmn:process>
            """);

        // Act: no orderId yet, but the key is not evaluated before the listener is done
        var instance = h.Start("pay");

        // Assert: no incident, no subscription, and a message finds nothing
        Assert.Empty(h.Store.Incidents);
        Assert.DoesNotContain(h.Store.Subscriptions, s => s.ProcessInstanceKey == instance.Key);
        Assert.Null(h.Engine.CorrelateMessage("paid", "o-42"));

        // Act: the listener sets the key
        h.CompleteJob("assign.order", """{"orderId": "o-42"}""");

        // Assert: subscribed with it
        Assert.Equal("\"o-42\"", Local(instance, "waitPaid", "orderId"));
        var subscription = Assert.Single(h.Store.Subscriptions, s => s.ProcessInstanceKey == instance.Key);
        Assert.Equal(("paid", "o-42"), (subscription.Name, subscription.CorrelationKey));

        // Act
        var correlated = h.Engine.CorrelateMessage("paid", "o-42", EngineHarness.Vars("""{"amount": 10}"""));

        // Assert: the message took it on; the listener's variable stayed on the catch event
        Assert.Equal(instance.Key, correlated);
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("10", EngineHarness.Variable(instance, "amount"));
        Assert.Null(EngineHarness.Variable(instance, "orderId"));
    }

    // ---- 7. multi-instance -----------------------------------------------------------------------

    [Fact]
    public void A_parallel_multi_instance_task_opens_a_start_listener_job_for_every_inner_instance_at_once()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="fanout" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "item")}
              <bpmn:serviceTask id="item">
                <bpmn:extensionElements><zeebe:taskDefinition type="item" />{Listeners("start:item.check")}</bpmn:extensionElements>
                <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="it" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
              </bpmn:serviceTask>
              {Flow("f2", "item", "e")}
              <bpmn:endEvent id="e" />
            </bpmn:process>
            """);

        // Act
        var instance = h.Start("fanout", """{"items": ["a", "b", "c"]}""");

        // Assert: one listener job per inner instance (none for the body), each seeing its own item; no task job yet
        var checks = h.Engine.ActivateJobs("item.check", "w", Lease, 10);
        Assert.Equal(["\"a\"", "\"b\"", "\"c\""], checks.Select(j => Json(j.Variables, "it")).Order(StringComparer.Ordinal));
        Assert.Equal(3, checks.Select(j => j.ElementInstanceKey).Distinct().Count());
        Assert.Equal(["item.check", "item.check", "item.check"], OpenTypes(h, instance));

        // Act: only b's listener answers
        var bCheck = checks.Single(j => Json(j.Variables, "it") == "\"b\"");
        h.Engine.CompleteJob(bCheck.Key);

        // Assert: only b's task job exists
        var b = ActivateOne(h, "item");
        Assert.Equal("\"b\"", Json(b.Variables, "it"));
        Assert.Equal(["item", "item.check", "item.check"], OpenTypes(h, instance));

        // Act: the rest answer
        foreach (var check in checks.Where(j => j.Key != bCheck.Key))
        {
            h.Engine.CompleteJob(check.Key);
        }

        var items = h.Engine.ActivateJobs("item", "w", Lease, 10);
        foreach (var job in items.Append(b))
        {
            h.Engine.CompleteJob(job.Key);
        }

        // Assert
        Assert.Equal(2, items.Count);
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(3, h.Store.Jobs.Count(j => j.Type == "item.check"));
    }

    [Fact]
    public void A_multi_instance_subprocess_runs_its_listeners_for_each_inner_subprocess_and_its_children_wait_for_them()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="perItem" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "each")}
              <bpmn:subProcess id="each">
                <bpmn:extensionElements>{Listeners("start:each.begin", "end:each.finish")}</bpmn:extensionElements>
                <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="it" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
                <bpmn:startEvent id="is" />{Flow("i1", "is", "handle")}
                {Task("handle", "handle")}{Flow("i2", "handle", "ie")}
                <bpmn:endEvent id="ie" />
              </bpmn:subProcess>
              {Flow("f2", "each", "e")}
              <bpmn:endEvent id="e" />
            </bpmn:process>
            """);

        // Act
        var instance = h.Start("perItem", """{"items": ["x", "y"]}""");

        // Assert: two start listener jobs, one per inner subprocess, and nothing inside started
        var begins = h.Engine.ActivateJobs("each.begin", "w", Lease, 10);
        Assert.Equal(["\"x\"", "\"y\""], begins.Select(j => Json(j.Variables, "it")).Order(StringComparer.Ordinal));
        Assert.Equal(["each", "each", "each"], EngineHarness.Active(instance));
        Assert.False(Activated(h, instance, "is"));

        // Act
        foreach (var begin in begins)
        {
            h.Engine.CompleteJob(begin.Key);
        }

        // Assert: each inner subprocess started its children
        var handles = h.Engine.ActivateJobs("handle", "w", Lease, 10);
        Assert.Equal(["\"x\"", "\"y\""], handles.Select(j => Json(j.Variables, "it")).Order(StringComparer.Ordinal));

        // Act
        foreach (var handle in handles)
        {
            h.Engine.CompleteJob(handle.Key);
        }

        // Assert: each inner subprocess waits for its end listener; the body has none of its own
        Assert.Equal(["each.finish", "each.finish"], OpenTypes(h, instance));
        Assert.Equal(LifecycleState.Active, instance.State);
        foreach (var finish in h.Engine.ActivateJobs("each.finish", "w", Lease, 10))
        {
            h.Engine.CompleteJob(finish.Key);
        }

        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(2, h.Store.Jobs.Count(j => j.Type == "each.begin"));
        Assert.Equal(2, h.Store.Jobs.Count(j => j.Type == "each.finish"));
    }

    // ---- 8. user task ----------------------------------------------------------------------------

    [Fact]
    public void A_user_task_is_created_only_after_its_start_listener_and_completing_it_runs_its_end_listener_after_the_output_mapping()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="review" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "check")}
              <bpmn:userTask id="check">
                <bpmn:extensionElements>
                  <zeebe:userTask />
                  <zeebe:assignmentDefinition assignee="=reviewer" />
                  <zeebe:ioMapping><zeebe:output source="=approved" target="reviewApproved" /></zeebe:ioMapping>
                  {Listeners("start:check.prepare", "end:check.archive")}
                </bpmn:extensionElements>
              </bpmn:userTask>
              {Flow("f2", "check", "e")}
              <bpmn:endEvent id="e" />
            </bpmn:process>
            """);

        // Act
        var instance = h.Start("review");

        // Assert: no task yet
        Assert.DoesNotContain(h.Store.UserTasks, t => t.ProcessInstanceKey == instance.Key);
        Assert.Equal(["check.prepare"], OpenTypes(h, instance));

        // Act: the start listener picks the reviewer the task's assignee expression reads
        h.CompleteJob("check.prepare", """{"reviewer": "anna"}""");

        // Assert
        var task = h.OpenTask(instance, "check");
        Assert.Equal("anna", task.Assignee);
        Assert.Empty(OpenJobs(h, instance));

        // Act
        h.Engine.CompleteUserTask(task.Key, EngineHarness.Vars("""{"approved": true}"""));

        // Assert: the task is done, the element waits for its end listener, which sees the output mapping
        Assert.Equal(UserTaskState.Completed, task.State);
        Assert.Equal(["check"], EngineHarness.Active(instance));
        var archive = ActivateOne(h, "check.archive");
        Assert.Equal("true", Json(archive.Variables, "reviewApproved"));
        h.Engine.CompleteJob(archive.Key);
        Assert.Equal(LifecycleState.Completed, instance.State);
    }

    // ---- 9. compensation -------------------------------------------------------------------------

    [Fact]
    public void A_compensation_handler_waits_for_its_start_listener_and_the_throw_event_waits_for_the_handler()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="booking" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "book")}
              {Task("book", "book")}
              <bpmn:boundaryEvent id="bookUndoable" attachedToRef="book"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
              <bpmn:serviceTask id="cancelBook" isForCompensation="true">
                <bpmn:extensionElements><zeebe:taskDefinition type="cancel.book" />{Listeners("start:cancel.check")}</bpmn:extensionElements>
              </bpmn:serviceTask>
              <bpmn:association id="a1" associationDirection="One" sourceRef="bookUndoable" targetRef="cancelBook" />
              {Flow("f2", "book", "undo")}
              <bpmn:intermediateThrowEvent id="undo"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>
              {Flow("f3", "undo", "e")}
              <bpmn:endEvent id="e" />
            </bpmn:process>
            """);
        var instance = h.Start("booking");

        // Act
        h.CompleteJob("book");

        // Assert: the handler started and waits for its listener; the throw event waits for the handler
        Assert.Equal(["cancelBook", "undo"], EngineHarness.Active(instance));
        Assert.Equal(["cancel.check"], OpenTypes(h, instance));

        // Act
        h.CompleteJob("cancel.check");

        // Assert: now the handler's own job; the throw event still waits
        Assert.Equal(["cancel.book"], OpenTypes(h, instance));
        Assert.Equal(["cancelBook", "undo"], EngineHarness.Active(instance));

        // Act
        h.CompleteJob("cancel.book");

        // Assert
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(["cancelBook", "undo", "e"], h.Completed(instance)[^3..]);
    }

    // ---- 10. ad-hoc subprocess -------------------------------------------------------------------

    [Fact]
    public void An_ad_hoc_subprocess_and_its_inner_element_run_their_listeners_and_the_inner_end_listener_writes_to_the_ad_hoc_scope()
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:process id="checks" isExecutable="true">
              <bpmn:startEvent id="s" />{Flow("f1", "s", "adHoc")}
              <bpmn:adHocSubProcess id="adHoc">
                <bpmn:extensionElements>
                  <zeebe:adHoc activeElementsCollection="=toCheck" />
                  <zeebe:ioMapping><zeebe:output source="=photoOk" target="photoChecked" /></zeebe:ioMapping>
                  {Listeners("start:adHoc.before")}
                </bpmn:extensionElements>
                {Task("photo", "check.photo", Listeners("start:photo.before", "end:photo.after"))}
                {Task("invoice", "check.invoice")}
              </bpmn:adHocSubProcess>
              {Flow("f2", "adHoc", "e")}
              <bpmn:endEvent id="e" />
            </bpmn:process>
            """);

        // Act
        var instance = h.Start("checks", """{"toCheck": ["photo"]}""");

        // Assert: the ad-hoc subprocess waits for its listener before activating anything
        Assert.Equal(["adHoc"], EngineHarness.Active(instance));
        Assert.Equal(["adHoc.before"], OpenTypes(h, instance));

        // Act
        h.CompleteJob("adHoc.before");

        // Assert: the inner element waits for its own start listener
        Assert.Equal(["adHoc", "photo"], EngineHarness.Active(instance));
        Assert.Equal(["photo.before"], OpenTypes(h, instance));

        // Act
        h.CompleteJob("photo.before");
        h.CompleteJob("check.photo");

        // Assert: the inner element waits for its end listener; the ad-hoc subprocess has not completed
        Assert.Equal(["adHoc", "photo"], EngineHarness.Active(instance));
        Assert.Equal(["photo.after"], OpenTypes(h, instance));

        // Act
        h.CompleteJob("photo.after", """{"photoOk": true}""");

        // Assert: the variable went to the ad-hoc subprocess (the inner element's flow scope), whose output mapping read it
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("true", EngineHarness.Variable(instance, "photoChecked"));
        Assert.Null(EngineHarness.Variable(instance, "photoOk"));
        Assert.DoesNotContain(h.Store.Jobs, j => j.Type == "check.invoice");
    }

    // ---- 11. several start events ----------------------------------------------------------------

    [Theory]
    [InlineData("message", "byMessage", "byTimer")]
    [InlineData("timer", "byTimer", "byMessage")]
    public void A_process_with_timer_and_message_start_events_runs_its_start_listener_once_then_the_start_event_that_fired(string trigger, string started, string other)
    {
        // Arrange
        var h = Deploy($"""
            <bpmn:message id="mBegin" name="begin" />
            <bpmn:process id="twoStarts" isExecutable="true">
              <bpmn:extensionElements>{Listeners("start:proc.open")}</bpmn:extensionElements>
              <bpmn:startEvent id="byTimer"><bpmn:timerEventDefinition><bpmn:timeDate>2024-03-15T10:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:startEvent>
              {Flow("f1", "byTimer", "e1")}
              <bpmn:endEvent id="e1" />
              <bpmn:startEvent id="byMessage"><bpmn:messageEventDefinition messageRef="mBegin" /></bpmn:startEvent>
              {Flow("f2", "byMessage", "e2")}
              <bpmn:endEvent id="e2" />
            </bpmn:process>
            """);

        // Act
        if (trigger == "message")
        {
            h.Engine.PublishMessage("begin", "k-1", variables: EngineHarness.Vars("""{"source": "message"}"""));
        }
        else
        {
            h.Advance(TimeSpan.FromHours(2));
        }

        // Assert: one instance, its process listener open, no start event activated
        var instance = Assert.Single(h.Store.Instances);
        Assert.Equal(LifecycleState.Active, instance.State);
        Assert.Empty(EngineHarness.Active(instance));
        var open = ActivateOne(h, "proc.open");
        Assert.Equal(("twoStarts", instance.Key, ListenerEventType.Start), (open.ElementId, open.ElementInstanceKey, open.ListenerEventType));

        // Act
        h.Engine.CompleteJob(open.Key);

        // Assert: the start event that fired ran, the other did not; the listener ran once
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Contains(started, h.Completed(instance));
        Assert.DoesNotContain(other, h.Completed(instance));
        Assert.False(Activated(h, instance, other));
        Assert.Single(h.Store.Jobs, j => j.Type == "proc.open");
        if (trigger == "message")
        {
            Assert.Equal("\"message\"", EngineHarness.Variable(instance, "source"));
        }
    }

    // ---- 12. failures and incidents --------------------------------------------------------------

    private const string ShipProcess = """
        <bpmn:process id="ship" isExecutable="true">
          <bpmn:startEvent id="s" />
          <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="ship" />
          <bpmn:serviceTask id="ship">
            <bpmn:extensionElements>
              <zeebe:taskDefinition type="ship" />
              <zeebe:executionListeners>
                <zeebe:executionListener eventType="start" type="ship.check" retries="3" />
                <zeebe:executionListener eventType="end" type="ship.log" />
                <zeebe:executionListener eventType="end" type="NOTIFY" retries="1" />
              </zeebe:executionListeners>
            </bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:sequenceFlow id="f2" sourceRef="ship" targetRef="e" />
          <bpmn:endEvent id="e" />
        </bpmn:process>
        """;

    private static EngineHarness DeployShip(string notifyType = "ship.notify") =>
        Deploy(ShipProcess.Replace("NOTIFY", notifyType, StringComparison.Ordinal));

    [Fact]
    public void A_listener_job_failed_with_retries_left_comes_back_after_its_back_off_and_completing_it_goes_on()
    {
        // Arrange
        var h = DeployShip();
        var instance = h.Start("ship");
        var check = ActivateOne(h, "ship.check");

        // Act
        h.Engine.FailJob(check.Key, 2, "flaky", TimeSpan.FromMinutes(5));

        // Assert: no incident; the job is not offered during its back-off
        Assert.Empty(h.Store.Incidents);
        Assert.Empty(h.Engine.ActivateJobs("ship.check", "w", Lease, 10));
        Assert.Equal(["ship.check"], OpenTypes(h, instance));

        // Act
        h.Advance(TimeSpan.FromMinutes(5));
        var again = ActivateOne(h, "ship.check");
        h.Engine.CompleteJob(again.Key);

        // Assert: the same job, with its retries down; the task's job now exists
        Assert.Equal((check.Key, 2), (again.Key, again.Retries));
        Assert.Equal(["ship"], OpenTypes(h, instance));
        Assert.Single(h.Store.Jobs, j => j.Type == "ship.check");
    }

    [Fact]
    public void An_end_listener_out_of_retries_takes_updated_retries_and_resolving_its_incident_retries_only_that_listener()
    {
        // Arrange: the task's work and its first end listener are done
        var h = DeployShip();
        var instance = h.Start("ship");
        h.CompleteJob("ship.check");
        h.CompleteJob("ship", """{"shipped": true}""");
        h.CompleteJob("ship.log");
        var notify = ActivateOne(h, "ship.notify");

        // Act
        h.Engine.FailJob(notify.Key, 0, "mail down");

        // Assert
        var incident = Assert.Single(h.Store.Incidents, i => i.State == LifecycleState.Active);
        Assert.Equal((IncidentType.ExecutionListenerNoRetries, "ship", notify.Key, "mail down"), (incident.Type, incident.ElementId, incident.JobKey, incident.ErrorMessage));
        Assert.Equal(["ship"], EngineHarness.Active(instance));
        Assert.Equal(EngineError.InvalidState, Assert.Throws<EngineException>(() => h.Engine.ResolveIncident(incident.Key)).Error);

        // Act
        h.Engine.UpdateJobRetries(notify.Key, 2);
        h.Engine.ResolveIncident(incident.Key);
        var retried = ActivateOne(h, "ship.notify");
        h.Engine.CompleteJob(retried.Key);

        // Assert: the same job ran again; the first end listener did not
        Assert.Equal((notify.Key, 2), (retried.Key, retried.Retries));
        Assert.Single(h.Store.Jobs, j => j.Type == "ship.log");
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal(["s", "ship", "e"], h.Completed(instance));
    }

    [Fact]
    public void An_end_listener_type_that_fails_to_evaluate_raises_an_incident_and_resolving_it_after_setting_the_variable_runs_every_end_listener_again()
    {
        // Arrange: the second end listener's type reads a channel nobody set
        var h = DeployShip("=&quot;notify.&quot; + channel");
        var instance = h.Start("ship");
        h.CompleteJob("ship.check");
        h.CompleteJob("ship", """{"shipped": true}""");

        // Act
        h.CompleteJob("ship.log");

        // Assert: an incident on the task, not on a job; the task stays, completing
        var incident = Assert.Single(h.Store.Incidents, i => i.State == LifecycleState.Active);
        Assert.Equal((IncidentType.ExtractValueError, "ship", null), (incident.Type, incident.ElementId, incident.JobKey));
        Assert.Contains("end listener", incident.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(["ship"], EngineHarness.Active(instance));
        Assert.Empty(OpenJobs(h, instance));

        // Act
        h.Engine.SetVariables(instance.Key, EngineHarness.Vars("""{"channel": "sms"}"""), local: false);
        h.Engine.ResolveIncident(incident.Key);

        // Assert: the end listeners start over from the first
        Assert.Equal(["ship.log"], OpenTypes(h, instance));
        h.CompleteJob("ship.log");
        h.CompleteJob("notify.sms");
        Assert.Equal(2, h.Store.Jobs.Count(j => j.Type == "ship.log"));
        Assert.Equal(LifecycleState.Completed, instance.State);
        Assert.Equal("true", EngineHarness.Variable(instance, "shipped"));
    }

    // ---- 13. cancellation ------------------------------------------------------------------------

    [Fact]
    public void Cancelling_an_instance_while_an_end_listener_job_is_open_cancels_it_and_runs_no_further_listener()
    {
        // Arrange: a process end listener too, which must not run either
        var h = Deploy(ShipProcess.Replace("NOTIFY", "ship.notify", StringComparison.Ordinal)
            .Replace("""<bpmn:startEvent id="s" />""", $"""<bpmn:extensionElements>{Listeners("end:proc.close")}</bpmn:extensionElements><bpmn:startEvent id="s" />""", StringComparison.Ordinal));
        var instance = h.Start("ship");
        h.CompleteJob("ship.check");
        h.CompleteJob("ship");
        var log = ActivateOne(h, "ship.log");

        // Act
        h.Engine.CancelInstance(instance.Key);

        // Assert
        Assert.Equal(LifecycleState.Terminated, instance.State);
        Assert.Equal(JobState.Canceled, h.Store.GetJob(log.Key)!.State);
        Assert.Empty(OpenJobs(h, instance));
        Assert.DoesNotContain(h.Store.Jobs, j => j.Type is "ship.notify" or "proc.close");
        Assert.Equal(EngineError.NotFound, Assert.Throws<EngineException>(() => h.Engine.CompleteJob(log.Key)).Error);
        Assert.DoesNotContain("ship", h.Completed(instance));
    }
}
