using Orchestrator.Engine.State;
using Orchestrator.Engine.Tests.Support;

namespace Orchestrator.Engine.Tests.Compensation;

/// <summary>Compensation's edge cases, each a small model: scopes, event subprocesses, loops, multi-instance, incidents, refusals.</summary>
public class CompensationEdgeCaseTests
{
    private const string Head = """<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x"><bpmn:signal id="sigGo" name="go" /><bpmn:signal id="sigCheck" name="check" />""";

    private static string Proc(string id, string body) => $"""{Head}<bpmn:process id="{id}" isExecutable="true">{body}</bpmn:process></bpmn:definitions>""";

    internal static string Svc(string id, string type, string extra = "", string attrs = "") =>
        $"""<bpmn:serviceTask id="{id}"{attrs}><bpmn:extensionElements><zeebe:taskDefinition type="{type}" /></bpmn:extensionElements>{extra}</bpmn:serviceTask>""";

    internal static string Comp(string activity, string handler, string type) =>
        $"""<bpmn:boundaryEvent id="{activity}_cb" attachedToRef="{activity}"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>"""
        + Svc(handler, type, attrs: " isForCompensation=\"true\"")
        + $"""<bpmn:association id="{activity}_as" sourceRef="{activity}_cb" targetRef="{handler}" />""";

    internal static string F(string s, string t) => $"""<bpmn:sequenceFlow id="f_{s}_{t}" sourceRef="{s}" targetRef="{t}" />""";

    internal static string Throw(string id, string? activityRef = null) =>
        $"""<bpmn:intermediateThrowEvent id="{id}"><bpmn:compensateEventDefinition{(activityRef is null ? "" : $" activityRef=\"{activityRef}\"")} /></bpmn:intermediateThrowEvent>""";

    internal static string End(string id) => $"""<bpmn:endEvent id="{id}" />""";
    internal static string Start(string id) => $"""<bpmn:startEvent id="{id}" />""";

    private static string[] Open(EngineHarness h, ProcessInstance i) =>
        h.Store.Jobs.Where(j => j.ProcessInstanceKey == i.Key && j.State is JobState.Activatable or JobState.Activated).Select(j => j.Type).Order(StringComparer.Ordinal).ToArray();


    private static EngineHarness H(string id, string body)
    {
        var h = new EngineHarness();
        h.DeployXml(id + ".bpmn", Proc(id, body));
        return h;
    }

    [Fact]
    public void S01_throw_twice_in_one_scope()
    {
        var h = H("p", Start("s") + F("s", "A") + Svc("A", "a") + Comp("A", "undoA", "undo.a") + F("A", "t1") + Throw("t1") + F("t1", "t2") + Throw("t2") + F("t2", "e") + End("e"));
        var i = h.Start("p");
        h.CompleteJob("a");
        Assert.Equal(["undo.a"], Open(h, i));
        h.CompleteJob("undo.a");
        Assert.Equal(LifecycleState.Completed, i.State);
        Assert.Single(h.Store.Jobs, j => j.Type == "undo.a");
    }

    [Fact]
    public void S02_handler_incident_then_resolved()
    {
        var h = H("p", Start("s") + F("s", "A") + Svc("A", "a") + Comp("A", "undoA", "undo.a") + F("A", "t1") + Throw("t1") + F("t1", "e") + End("e"));
        var i = h.Start("p");
        h.CompleteJob("a");
        var job = Assert.Single(h.Engine.ActivateJobs("undo.a", "w", TimeSpan.FromMinutes(1), 1));
        h.Engine.FailJob(job.Key, 0, "boom");
        var incident = Assert.Single(h.Store.Incidents, x => x.State == LifecycleState.Active);
        h.Engine.UpdateJobRetries(job.Key, 1);
        h.Engine.ResolveIncident(incident.Key);
        h.CompleteJob("undo.a");
        Assert.Equal(LifecycleState.Completed, i.State);
    }

    [Fact]
    public void S02b_handler_input_mapping_incident_then_resolved()
    {
        var handler = """<bpmn:serviceTask id="undoA" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="undo.a" /><zeebe:ioMapping><zeebe:input source="=assert(x, x != null)" target="y" /></zeebe:ioMapping></bpmn:extensionElements></bpmn:serviceTask>""";
        var h = H("p", Start("s") + F("s", "A") + Svc("A", "a") + """<bpmn:boundaryEvent id="cb" attachedToRef="A"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>""" + handler + """<bpmn:association id="as" sourceRef="cb" targetRef="undoA" />""" + F("A", "t1") + Throw("t1") + F("t1", "e") + End("e"));
        var i = h.Start("p");
        h.CompleteJob("a");
        var incident = Assert.Single(h.Store.Incidents, x => x.State == LifecycleState.Active);
        Assert.Equal("undoA", incident.ElementId);
        h.Engine.SetVariables(i.Key, EngineHarness.Vars("""{"x": 1}"""), local: false);
        h.Engine.ResolveIncident(incident.Key);

        h.CompleteJob("undo.a");
        Assert.Equal(LifecycleState.Completed, i.State);
    }

    [Fact]
    public void S03_throw_inside_embedded_subprocess_only_its_activities()
    {
        var sub = """<bpmn:subProcess id="sub">""" + Start("ss") + F("ss", "B") + Svc("B", "b") + Comp("B", "undoB", "undo.b") + F("B", "st") + Throw("st") + F("st", "se") + End("se") + "</bpmn:subProcess>";
        var h = H("p", Start("s") + F("s", "X") + Svc("X", "x") + Comp("X", "undoX", "undo.x") + F("X", "sub") + sub + F("sub", "e") + End("e"));
        var i = h.Start("p");
        h.CompleteJob("x");
        h.CompleteJob("b");
        Assert.Equal(["undo.b"], Open(h, i));
        h.CompleteJob("undo.b");
        Assert.Equal(LifecycleState.Completed, i.State);
    }

    [Fact]
    public void S04_activityRef_into_completed_subprocess_then_throw_all()
    {
        var sub = """<bpmn:subProcess id="sub">""" + Start("ss") + F("ss", "B") + Svc("B", "b") + Comp("B", "undoB", "undo.b") + F("B", "se") + End("se") + "</bpmn:subProcess>";
        var h = H("p", Start("s") + F("s", "sub") + sub + F("sub", "X") + Svc("X", "x") + Comp("X", "undoX", "undo.x") + F("X", "tRef") + Throw("tRef", "B") + F("tRef", "W") + Svc("W", "w") + F("W", "tAll") + Throw("tAll") + F("tAll", "e") + End("e"));
        var i = h.Start("p");
        h.CompleteJob("b");
        h.CompleteJob("x");
        Assert.Equal(["undo.b"], Open(h, i));
        h.CompleteJob("undo.b");
        h.CompleteJob("w");
        Assert.Equal(["undo.x"], Open(h, i));
        h.CompleteJob("undo.x");
        Assert.Equal(LifecycleState.Completed, i.State);
    }

    [Fact]
    public void S05_subprocess_with_own_handler_and_compensable_child()
    {
        var sub = """<bpmn:subProcess id="sub">""" + Start("ss") + F("ss", "B") + Svc("B", "b") + Comp("B", "undoB", "undo.b") + F("B", "se") + End("se") + "</bpmn:subProcess>";
        var h = H("p", Start("s") + F("s", "sub") + sub + """<bpmn:boundaryEvent id="sub_cb" attachedToRef="sub"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>""" + Svc("undoSub", "undo.sub", attrs: " isForCompensation=\"true\"") + """<bpmn:association id="sas" sourceRef="sub_cb" targetRef="undoSub" />""" + F("sub", "t") + Throw("t") + F("t", "e") + End("e"));
        var i = h.Start("p");
        h.CompleteJob("b");
        Assert.Equal(["undo.b", "undo.sub"], Open(h, i));
    }

    [Fact]
    public void S05b_activityRef_to_child_of_subprocess_with_own_handler()
    {
        var sub = """<bpmn:subProcess id="sub">""" + Start("ss") + F("ss", "B") + Svc("B", "b") + Comp("B", "undoB", "undo.b") + F("B", "se") + End("se") + "</bpmn:subProcess>";
        var h = H("p", Start("s") + F("s", "sub") + sub + """<bpmn:boundaryEvent id="sub_cb" attachedToRef="sub"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>""" + Svc("undoSub", "undo.sub", attrs: " isForCompensation=\"true\"") + """<bpmn:association id="sas" sourceRef="sub_cb" targetRef="undoSub" />""" + F("sub", "t") + Throw("t", "B") + F("t", "e") + End("e"));
        var i = h.Start("p");
        h.CompleteJob("b");
        Assert.Equal(["undo.b"], Open(h, i));
    }

    [Fact]
    public void S06_non_interrupting_event_subprocess_throws_compensation()
    {
        var esp = """<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="es" isInterrupting="false"><bpmn:signalEventDefinition signalRef="sigGo" /></bpmn:startEvent>""" + F("es", "et") + Throw("et") + F("et", "ee") + End("ee") + "</bpmn:subProcess>";
        var h = H("p", Start("s") + F("s", "A") + Svc("A", "a") + Comp("A", "undoA", "undo.a") + F("A", "W") + Svc("W", "w") + F("W", "e") + End("e") + esp);
        var i = h.Start("p");
        h.CompleteJob("a");
        h.Engine.BroadcastSignal("go");
        Assert.Equal(["undo.a", "w"], Open(h, i));
        h.CompleteJob("undo.a");
        Assert.DoesNotContain("esp", EngineHarness.Active(i));
        h.CompleteJob("w");
        Assert.Equal(LifecycleState.Completed, i.State);
    }

    [Fact]
    public void S06b_event_subprocess_throw_also_undoes_activities_completed_inside_the_event_subprocess()
    {
        var esp = """<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="es" isInterrupting="false"><bpmn:signalEventDefinition signalRef="sigGo" /></bpmn:startEvent>""" + F("es", "C") + Svc("C", "c") + Comp("C", "undoC", "undo.c") + F("C", "et") + Throw("et") + F("et", "ee") + End("ee") + "</bpmn:subProcess>";
        var h = H("p", Start("s") + F("s", "A") + Svc("A", "a") + Comp("A", "undoA", "undo.a") + F("A", "W") + Svc("W", "w") + F("W", "e") + End("e") + esp);
        var i = h.Start("p");
        h.CompleteJob("a");
        h.Engine.BroadcastSignal("go");
        h.CompleteJob("c");
        Assert.Equal(["undo.a", "undo.c", "w"], Open(h, i));
    }

    [Fact]
    public void S07_cancel_while_throw_in_event_subprocess_waits()
    {
        var esp = """<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="es" isInterrupting="false"><bpmn:signalEventDefinition signalRef="sigGo" /></bpmn:startEvent>""" + F("es", "et") + Throw("et") + F("et", "ee") + End("ee") + "</bpmn:subProcess>";
        var h = H("p", Start("s") + F("s", "A") + Svc("A", "a") + Comp("A", "undoA", "undo.a") + F("A", "W") + Svc("W", "w") + F("W", "e") + End("e") + esp);
        var i = h.Start("p");
        h.CompleteJob("a");
        h.Engine.BroadcastSignal("go");
        h.Engine.CancelInstance(i.Key);
        Assert.Equal(LifecycleState.Terminated, i.State);
        Assert.Empty(i.Elements);
        Assert.Empty(i.Compensable);
        Assert.Empty(Open(h, i));
    }

    [Fact]
    public void S08_a_handler_with_a_boundary_event_is_refused_as_Zeebe_refuses_it()
    {
        var timer = """<bpmn:boundaryEvent id="hTimer" attachedToRef="undoA"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>""" + F("hTimer", "hEnd") + End("hEnd");
        var problem = Assert.Single(Assert.Throws<DeploymentException>(() =>
            H("p", Start("s") + F("s", "A") + Svc("A", "a") + Comp("A", "undoA", "undo.a") + timer + F("A", "t1") + Throw("t1") + F("t1", "e") + End("e"))).Problems);
        Assert.Equal("undoA", problem.ElementId);
    }

    [Fact]
    public void S09_compensation_end_event_in_subprocess_then_subprocess_completes()
    {
        var sub = """<bpmn:subProcess id="sub">""" + Start("ss") + F("ss", "B") + Svc("B", "b") + Comp("B", "undoB", "undo.b") + F("B", "se") + """<bpmn:endEvent id="se"><bpmn:compensateEventDefinition /></bpmn:endEvent>""" + "</bpmn:subProcess>";
        var h = H("p", Start("s") + F("s", "sub") + sub + F("sub", "W") + Svc("W", "w") + F("W", "e") + End("e"));
        var i = h.Start("p");
        h.CompleteJob("b");
        Assert.Equal(["se", "sub", "undoB"], EngineHarness.Active(i));
        h.CompleteJob("undo.b");
        Assert.Equal(["W"], EngineHarness.Active(i));
        Assert.Empty(i.Compensable);
        h.CompleteJob("w");
        Assert.Equal(LifecycleState.Completed, i.State);
    }

    [Fact]
    public void S10_throw_inside_compensation_event_subprocess_undoes_the_subprocess_activities()
    {
        var esp = """<bpmn:subProcess id="undoSubEsp" triggeredByEvent="true"><bpmn:startEvent id="cs"><bpmn:compensateEventDefinition /></bpmn:startEvent>""" + F("cs", "it") + Throw("it") + F("it", "ie") + End("ie") + "</bpmn:subProcess>";
        var sub = """<bpmn:subProcess id="sub">""" + Start("ss") + F("ss", "B") + Svc("B", "b") + Comp("B", "undoB", "undo.b") + F("B", "se") + End("se") + esp + "</bpmn:subProcess>";
        var h = H("p", Start("s") + F("s", "X") + Svc("X", "x") + Comp("X", "undoX", "undo.x") + F("X", "sub") + sub + F("sub", "t") + Throw("t", "sub") + F("t", "W") + Svc("W", "w") + F("W", "e") + End("e"));
        var i = h.Start("p");
        h.CompleteJob("x");
        h.CompleteJob("b");
        Assert.Equal(["undo.b"], Open(h, i));
    }

    [Fact]
    public void S10b_throw_all_inside_compensation_event_subprocess()
    {
        var esp = """<bpmn:subProcess id="undoSubEsp" triggeredByEvent="true"><bpmn:startEvent id="cs"><bpmn:compensateEventDefinition /></bpmn:startEvent>""" + F("cs", "it") + Throw("it", "B") + F("it", "ie") + End("ie") + "</bpmn:subProcess>";
        var sub = """<bpmn:subProcess id="sub">""" + Start("ss") + F("ss", "B") + Svc("B", "b") + Comp("B", "undoB", "undo.b") + F("B", "se") + End("se") + esp + "</bpmn:subProcess>";
        var h = H("p", Start("s") + F("s", "sub") + sub + F("sub", "t") + Throw("t") + F("t", "e") + End("e"));
        var i = h.Start("p");
        h.CompleteJob("b");
        Assert.Equal(["undo.b"], Open(h, i));
    }

    [Fact]
    public void S11_loop_with_activityRef_into_subprocess_leaves_no_records()
    {
        var sub = """<bpmn:subProcess id="sub">""" + Start("ss") + F("ss", "B") + Svc("B", "b") + Comp("B", "undoB", "undo.b") + F("B", "se") + End("se") + "</bpmn:subProcess>";
        var body = Start("s") + F("s", "sub") + sub + F("sub", "t") + Throw("t", "B") + F("t", "g") + """<bpmn:exclusiveGateway id="g" default="f_g_e" />"""
            + """<bpmn:sequenceFlow id="f_g_sub" sourceRef="g" targetRef="sub"><bpmn:conditionExpression>=more</bpmn:conditionExpression></bpmn:sequenceFlow>""" + F("g", "e") + End("e");
        var h = H("p", body);
        var i = h.Start("p", """{"more": true}""");
        for (var n = 0; n < 5; n++)
        {
            h.CompleteJob("b");
            h.CompleteJob("undo.b");
        }

        Assert.Empty(i.Compensable);
    }

    [Fact]
    public void S12_multi_instance_subprocess_with_compensable_child()
    {
        var sub = """<bpmn:subProcess id="sub"><bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2]" inputElement="n" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>""" + Start("ss") + F("ss", "B") + Svc("B", "b") + Comp("B", "undoB", "undo.b") + F("B", "se") + End("se") + "</bpmn:subProcess>";
        var h = H("p", Start("s") + F("s", "sub") + sub + F("sub", "t") + Throw("t") + F("t", "e") + End("e"));
        var i = h.Start("p");
        foreach (var job in h.Engine.ActivateJobs("b", "w", TimeSpan.FromMinutes(1), 10)) h.Engine.CompleteJob(job.Key);
        Assert.Equal(["undo.b", "undo.b"], Open(h, i));
    }

    [Fact]
    public void S13_multi_instance_handler()
    {
        var handler = """<bpmn:serviceTask id="undoA" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="undo.a" /></bpmn:extensionElements><bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2]" inputElement="n" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:serviceTask>""";
        var h = H("p", Start("s") + F("s", "A") + Svc("A", "a") + """<bpmn:boundaryEvent id="cb" attachedToRef="A"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>""" + handler + """<bpmn:association id="as" sourceRef="cb" targetRef="undoA" />""" + F("A", "t1") + Throw("t1") + F("t1", "e") + End("e"));
        var i = h.Start("p");
        h.CompleteJob("a");
        var jobs = h.Engine.ActivateJobs("undo.a", "w", TimeSpan.FromMinutes(1), 10);
        Assert.Equal(2, jobs.Count);
        h.Engine.CompleteJob(jobs[0].Key);
        Assert.Equal(LifecycleState.Active, i.State);
        h.Engine.CompleteJob(jobs[1].Key);
        Assert.Equal(LifecycleState.Completed, i.State);
    }

    [Fact]
    public void S14_handler_subprocess_with_compensable_child_is_not_compensated_by_a_later_throw()
    {
        var hsub = """<bpmn:subProcess id="undoA" isForCompensation="true">""" + Start("hs") + F("hs", "C") + Svc("C", "c") + Comp("C", "undoC", "undo.c") + F("C", "he") + End("he") + "</bpmn:subProcess>";
        var h = H("p", Start("s") + F("s", "A") + Svc("A", "a") + """<bpmn:boundaryEvent id="cb" attachedToRef="A"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>""" + hsub + """<bpmn:association id="as" sourceRef="cb" targetRef="undoA" />""" + F("A", "t1") + Throw("t1") + F("t1", "t2") + Throw("t2") + F("t2", "e") + End("e"));
        var i = h.Start("p");
        h.CompleteJob("a");
        h.CompleteJob("c");
        Assert.Equal(LifecycleState.Completed, i.State);
        Assert.DoesNotContain(h.Store.Jobs, j => j.Type == "undo.c");
    }

    [Fact]
    public void S15_activity_completed_in_parallel_after_throw_started()
    {
        var h = H("p", Start("s") + F("s", "A") + Svc("A", "a") + Comp("A", "undoA", "undo.a") + F("A", "fork") + """<bpmn:parallelGateway id="fork" />""" + F("fork", "t1") + F("fork", "B") + Svc("B", "b") + Comp("B", "undoB", "undo.b") + F("B", "e2") + End("e2") + Throw("t1") + F("t1", "e") + End("e"));
        var i = h.Start("p");
        h.CompleteJob("a");
        Assert.Equal(["b", "undo.a"], Open(h, i));
        h.CompleteJob("b");
        h.CompleteJob("undo.a");
        Assert.Equal(LifecycleState.Completed, i.State);
    }

    [Fact]
    public void S17_only_an_activity_can_be_a_compensation_handler()
    {
        var xml = Proc("p", Start("s") + F("s", "A") + Svc("A", "a") + F("A", "e") + End("e") + """<bpmn:intermediateThrowEvent id="odd" isForCompensation="true" />""");
        var problem = Assert.Single(Assert.Throws<DeploymentException>(() => new EngineHarness().DeployXml("p.bpmn", xml)).Problems);
        Assert.Equal("odd", problem.ElementId);
        Assert.StartsWith("only an activity can be a compensation handler", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void S18_interrupting_error_esp_in_subprocess_throws_while_handlers_in_subprocess()
    {
        var esp = """<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="es"><bpmn:errorEventDefinition /></bpmn:startEvent>""" + F("es", "et") + """<bpmn:endEvent id="et"><bpmn:compensateEventDefinition /></bpmn:endEvent></bpmn:subProcess>""";
        var sub = """<bpmn:subProcess id="sub">""" + Start("ss") + F("ss", "B") + Svc("B", "b") + Comp("B", "undoB", "undo.b") + F("B", "C") + Svc("C", "c") + F("C", "se") + End("se") + esp + "</bpmn:subProcess>";
        var h = H("p", Start("s") + F("s", "X") + Svc("X", "x") + Comp("X", "undoX", "undo.x") + F("X", "sub") + sub + F("sub", "e") + End("e"));
        var i = h.Start("p");
        h.CompleteJob("x");
        h.CompleteJob("b");
        var c = Assert.Single(h.Engine.ActivateJobs("c", "w", TimeSpan.FromMinutes(1), 1));
        h.Engine.ThrowJobError(c.Key, "oops");
        Assert.Equal(["undo.b"], Open(h, i));
        h.CompleteJob("undo.b");
        Assert.Equal(LifecycleState.Completed, i.State);
    }

    [Fact]
    public void Handlers_that_complete_at_once_let_the_end_event_complete_in_the_same_step()
    {
        var body = Start("s") + F("s", "A") + Svc("A", "a") + """<bpmn:boundaryEvent id="cb" attachedToRef="A"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent><bpmn:task id="undoA" isForCompensation="true" /><bpmn:association id="as" sourceRef="cb" targetRef="undoA" />"""
            + F("A", "B") + Svc("B", "b") + """<bpmn:boundaryEvent id="cb2" attachedToRef="B"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent><bpmn:task id="undoB" isForCompensation="true" /><bpmn:association id="as2" sourceRef="cb2" targetRef="undoB" />"""
            + F("B", "t") + """<bpmn:endEvent id="t"><bpmn:compensateEventDefinition /></bpmn:endEvent>""";
        var h = new EngineHarness();
        h.DeployXml("p.bpmn", Proc("p", body));
        var i = h.Start("p");
        h.CompleteJob("a");
        h.CompleteJob("b");
        Assert.Equal(LifecycleState.Completed, i.State);
        var done = h.Completed(i);
        Assert.Contains("undoA", done);
        Assert.Contains("undoB", done);
        Assert.Equal("t", done[^1]);
    }
}
