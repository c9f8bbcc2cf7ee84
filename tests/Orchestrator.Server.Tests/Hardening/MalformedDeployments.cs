using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Server.Tests.Hardening;

/// <summary>
/// Broken resources a careless modeler, a broken editor or a hostile client could POST to <c>/v2/deployments</c>, each with
/// where its problem must be reported: <c>Where</c> is a pattern the detail must match right after the resource's
/// name (<c>name:line: element: message</c>), <c>What</c> a phrase of the message.
/// </summary>
public static class MalformedDeployments
{
    /// <summary>One broken resource.</summary>
    public sealed record Resource(string Name, byte[] Content, string Where, string What);

    /// <summary>A problem of element <paramref name="id"/> on a known line.</summary>
    private static string At(string id) => $@":[1-9]\d*: {Regex.Escape(id)}: ";

    /// <summary>A problem of the document on line <paramref name="line"/>.</summary>
    private static string Line(int line) => $@":{line}: ";

    /// <summary>A problem of a JSON form at a path inside it.</summary>
    private static string JsonPath(string path, string field = "-") => $@":\d+: {Regex.Escape(field)}: .*{Regex.Escape(path)}";

    private const string Definitions =
        """<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="t">""";

    private const string Work = """<bpmn:extensionElements><zeebe:taskDefinition type="work" /></bpmn:extensionElements>""";

    /// <summary>A process <c>start → (element with id task) → end</c>, with global elements before it.</summary>
    private static string Around(string element, string globals = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        {Definitions}
          {globals}
          <bpmn:process id="fuzz" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
            {element}
            <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>A process with whatever <paramref name="body"/> holds.</summary>
    private static string Process(string body, string globals = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        {Definitions}
          {globals}
          <bpmn:process id="fuzz" isExecutable="true">
            {body}
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static string Service(string extensions, string inner = "") =>
        $"""<bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="work" />{extensions}</bpmn:extensionElements>{inner}</bpmn:serviceTask>""";

    private static string UserTask(string extensions) =>
        $"""<bpmn:userTask id="task"><bpmn:extensionElements><zeebe:userTask />{extensions}</bpmn:extensionElements></bpmn:userTask>""";

    private static string TimerCatch(string definition) =>
        $"""<bpmn:intermediateCatchEvent id="task"><bpmn:timerEventDefinition id="timer">{definition}</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>""";

    private static string Dmn(string decision) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="fuzz-drg" name="Fuzz" namespace="https://example.com/fuzz">
          {decision}
        </definitions>
        """;

    private static string Table(string input = "amount", string entry = "&lt; 100", string output = "\"small\"", string hitPolicy = "FIRST") => Dmn($"""
          <decision id="fuzz-decision" name="Fuzz">
            <decisionTable id="table" hitPolicy="{hitPolicy}">
              <input id="in"><inputExpression typeRef="number"><text>{input}</text></inputExpression></input>
              <output id="out" name="size" typeRef="string" />
              <rule id="rule"><inputEntry id="entry"><text>{entry}</text></inputEntry><outputEntry id="result"><text>{output}</text></outputEntry></rule>
            </decisionTable>
          </decision>
        """);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static readonly string Valid = Around($"""<bpmn:serviceTask id="task">{Work}</bpmn:serviceTask>""");

    private static string Nested(int depth)
    {
        var open = new StringBuilder();
        var close = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            open.Append(FormattableString.Invariant($"<bpmn:subProcess id=\"sub{i}\">"));
            close.Append("</bpmn:subProcess>");
        }

        return Around($"{open}{close}".Replace("id=\"sub0\"", "id=\"task\"", StringComparison.Ordinal));
    }

    /// <summary>Elements nested <paramref name="depth"/> levels deep.</summary>
    private static string Deep(int depth) => string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth));

    private static byte[] WithBytes(string text, string marker, byte[] bytes)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(text[..at]), .. bytes, .. Encoding.UTF8.GetBytes(text[(at + marker.Length)..])];
    }

    /// <summary>Every case by name.</summary>
    public static IReadOnlyDictionary<string, Resource> All { get; } = new Dictionary<string, Resource>
    {
        // XML that is not (whole) XML or not BPMN
        ["truncated xml"] = new("truncated.bpmn", Utf8(Valid[..(Valid.IndexOf("<bpmn:serviceTask", StringComparison.Ordinal) + 30)]), @":\d+: -: ", "malformed XML"),
        ["empty file"] = new("empty.bpmn", [], ":[0-9]+: -: ", "XML"),
        ["plain text"] = new("text.bpmn", Utf8("hello, world"), Line(1), "malformed XML"),
        ["xml that is not bpmn"] = new("html.bpmn", Utf8("<?xml version=\"1.0\"?>\n<html><body>no model</body></html>"), Line(2), "definitions"),
        ["bpmn in the wrong namespace"] = new("ns.bpmn", Utf8(Valid.Replace("http://www.omg.org/spec/BPMN/20100524/MODEL", "http://example.com/bpmn", StringComparison.Ordinal)), Line(2), "definitions"),
        ["non-utf8 bytes"] = new("latin1.bpmn", WithBytes(Valid, "id=\"task\"", [.. "id=\"task\" name=\"caf"u8, 0xE9, 0x20, 0xFF, (byte)'"']), Line(7), "UTF-8"),
        ["doctype with entity expansion"] = new("laughs.bpmn", Utf8("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n" + Valid[(Valid.IndexOf('\n', StringComparison.Ordinal) + 1)..]), Line(2), "DTD"),
        ["external entity"] = new("xxe.bpmn", Utf8("<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<d>&xxe;</d>"), Line(2), "DTD"),

        // references, ids and flows
        ["missing sourceRef"] = new("nosource.bpmn", Utf8(Valid.Replace("sourceRef=\"task\" ", "", StringComparison.Ordinal)), At("f2"), "sourceRef"),
        ["missing targetRef"] = new("notarget.bpmn", Utf8(Valid.Replace(" targetRef=\"end\"", "", StringComparison.Ordinal)), At("f2"), "targetRef"),
        ["unknown targetRef"] = new("unknowntarget.bpmn", Utf8(Valid.Replace("targetRef=\"end\"", "targetRef=\"nowhere\"", StringComparison.Ordinal)), At("f2"), "nowhere"),
        ["unknown default flow"] = new("default.bpmn", Utf8(Around("""<bpmn:exclusiveGateway id="task" default="no-such-flow" />""")), At("task"), "no-such-flow"),
        ["unknown attachedToRef"] = new("attached.bpmn", Utf8(Around($"""<bpmn:serviceTask id="task">{Work}</bpmn:serviceTask><bpmn:boundaryEvent id="late" attachedToRef="ghost"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>""")), At("late"), "ghost"),
        ["boundary attached to itself"] = new("self.bpmn", Utf8(Around($"""<bpmn:serviceTask id="task">{Work}</bpmn:serviceTask><bpmn:boundaryEvent id="late" attachedToRef="late"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>""")), At("late"), "late"),
        ["boundary inside the subprocess it is attached to"] = new("cycle.bpmn", Utf8(Around($"""<bpmn:subProcess id="task"><bpmn:startEvent id="inner-start" /><bpmn:boundaryEvent id="late" attachedToRef="task"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent></bpmn:subProcess>""")), At("late"), "task"),
        ["flow into a subprocess from outside"] = new("cross.bpmn", Utf8(Around("""<bpmn:subProcess id="task"><bpmn:startEvent id="inner-start" /><bpmn:endEvent id="inner-end" /></bpmn:subProcess>""").Replace("targetRef=\"task\"", "targetRef=\"inner-end\"", StringComparison.Ordinal)), At("f1"), "inner-end"),
        ["unknown messageRef"] = new("message.bpmn", Utf8(Around("""<bpmn:intermediateCatchEvent id="task"><bpmn:messageEventDefinition messageRef="ghost-message" /></bpmn:intermediateCatchEvent>""")), At("task"), "ghost-message"),
        ["unknown errorRef"] = new("error.bpmn", Utf8(Around($"""<bpmn:serviceTask id="task">{Work}</bpmn:serviceTask><bpmn:boundaryEvent id="failed" attachedToRef="task"><bpmn:errorEventDefinition errorRef="ghost-error" /></bpmn:boundaryEvent>""")), At("failed"), "ghost-error"),
        ["unknown signalRef"] = new("signal.bpmn", Utf8(Around("""<bpmn:intermediateCatchEvent id="task"><bpmn:signalEventDefinition signalRef="ghost-signal" /></bpmn:intermediateCatchEvent>""")), At("task"), "ghost-signal"),
        ["duplicate ids"] = new("twice.bpmn", Utf8(Valid.Replace("<bpmn:endEvent id=\"end\" />", "<bpmn:endEvent id=\"end\" /><bpmn:endEvent id=\"end\" />", StringComparison.Ordinal)), At("end"), "end"),
        ["empty element id"] = new("noid.bpmn", Utf8(Valid.Replace("<bpmn:endEvent id=\"end\" />", "<bpmn:endEvent id=\"end\" /><bpmn:task id=\"\" />", StringComparison.Ordinal)), @":[1-9]\d*: .*: ", "id"),
        ["empty process id"] = new("noprocessid.bpmn", Utf8(Valid.Replace("id=\"fuzz\"", "id=\"\"", StringComparison.Ordinal)), At("-"), "id"),
        ["no start event"] = new("nostart.bpmn", Utf8(Process("""<bpmn:endEvent id="end" />""")), At("fuzz"), "start event"),
        ["subprocesses nested 150 deep"] = new("deep.bpmn", Utf8(Nested(150)), @":[1-9]\d*: sub\d+: ", "subprocesses nest"),
        ["elements nested 100,000 deep in documentation"] = new("deepdoc.bpmn", Utf8(Around(Service("", $"<bpmn:documentation>{Deep(100_000)}</bpmn:documentation>"))), Line(7), "nest more than"),
        ["elements nested 100,000 deep in a decision's description"] = new("deepdoc.dmn", Utf8(Dmn($"""<decision id="fuzz-decision" name="Fuzz"><description>{Deep(100_000)}</description><literalExpression><text>1</text></literalExpression></decision>""")), Line(3), "nest more than"),
        ["unknown element"] = new("unknown.bpmn", Utf8(Around("""<bpmn:transaction id="task" />""")), At("task"), "transaction"),

        // attributes of the wrong type or size
        ["non-numeric loopCardinality"] = new("cardinality.bpmn", Utf8(Around(Service("", """<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>many</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>"""))), At("task"), "input collection"),
        ["huge loopCardinality"] = new("hugecardinality.bpmn", Utf8(Around(Service("", """<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>99999999999999999999999</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>"""))), At("task"), "input collection"),
        ["non-numeric retries"] = new("retries.bpmn", Utf8(Around("""<bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="work" retries="three" /></bpmn:extensionElements></bpmn:serviceTask>""")), At("task"), "retries"),
        ["huge retries"] = new("hugeretries.bpmn", Utf8(Around("""<bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="work" retries="99999999999999999999" /></bpmn:extensionElements></bpmn:serviceTask>""")), At("task"), "retries"),
        ["non-numeric priority"] = new("priority.bpmn", Utf8(Around(UserTask("""<zeebe:priorityDefinition priority="urgent" />"""))), At("task"), "priority"),
        ["huge priority"] = new("hugepriority.bpmn", Utf8(Around(UserTask("""<zeebe:priorityDefinition priority="99999999999999" />"""))), At("task"), "priority"),
        ["empty task type"] = new("notype.bpmn", Utf8(Around("""<bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="" /></bpmn:extensionElements></bpmn:serviceTask>""")), At("task"), "type"),
        ["empty message name"] = new("nomessagename.bpmn", Utf8(Around("""<bpmn:receiveTask id="task" messageRef="m" />""", """<bpmn:message id="m" name=""><bpmn:extensionElements><zeebe:subscription correlationKey="=key" /></bpmn:extensionElements></bpmn:message>""")), At("task"), "name"),
        ["empty signal name"] = new("nosignalname.bpmn", Utf8(Around("""<bpmn:intermediateCatchEvent id="task"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateCatchEvent>""", """<bpmn:signal id="s" name="" />""")), At("task"), "name"),
        ["a 10,000 character id"] = new("longid.bpmn", Utf8(Valid.Replace("id=\"fuzz\"", $"id=\"{new string('p', 10_000)}\"", StringComparison.Ordinal)), @":[1-9]\d*: p+…: ", "characters"),

        // timers
        ["bad timer duration"] = new("duration.bpmn", Utf8(Around(TimerCatch("<bpmn:timeDuration>PT-oops</bpmn:timeDuration>"))), At("task"), "PT-oops"),
        ["bad timer date"] = new("date.bpmn", Utf8(Around(TimerCatch("<bpmn:timeDate>tomorrow morning</bpmn:timeDate>"))), At("task"), "tomorrow morning"),
        ["bad timer cycle"] = new("cycle-timer.bpmn", Utf8(Around(TimerCatch("<bpmn:timeCycle>R-1/PT1H</bpmn:timeCycle>"))), At("task"), "R-1/PT1H"),
        ["bad cron"] = new("cron.bpmn", Utf8(Around(TimerCatch("<bpmn:timeCycle>0 0 99 * * ?</bpmn:timeCycle>"))), At("task"), "0 0 99 * * ?"),
        ["empty timer"] = new("emptytimer.bpmn", Utf8(Around(TimerCatch(""))), At("task"), "timer"),
        ["huge timer duration"] = new("hugeduration.bpmn", Utf8(Around(TimerCatch("<bpmn:timeDuration>PT99999999999999999999H</bpmn:timeDuration>"))), At("task"), "PT99999999999999999999H"),
        ["huge timer years"] = new("hugeyears.bpmn", Utf8(Around(TimerCatch("<bpmn:timeDuration>P999999999Y</bpmn:timeDuration>"))), At("task"), "P999999999Y"),
        ["huge cycle repetitions"] = new("hugecycle.bpmn", Utf8(Around(TimerCatch("<bpmn:timeCycle>R99999999999999999999/PT1S</bpmn:timeCycle>"))), At("task"), "R99999999999999999999/PT1S"),
        ["year 99999 timer date"] = new("farfuture.bpmn", Utf8(Around(TimerCatch("<bpmn:timeDate>99999-01-01T00:00:00Z</bpmn:timeDate>"))), At("task"), "99999"),
        ["bad feel timer"] = new("feeltimer.bpmn", Utf8(Around(TimerCatch("<bpmn:timeDuration>=duration(</bpmn:timeDuration>"))), At("task"), "duration("),
        ["bad timer start event"] = new("timerstart.bpmn", Utf8(Process("""<bpmn:startEvent id="tick"><bpmn:timerEventDefinition><bpmn:timeCycle>R/nonsense</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>""")), At("tick"), "R/nonsense"),

        // FEEL everywhere FEEL goes
        ["bad feel condition"] = new("condition.bpmn", Utf8(Process("""
            <bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
            <bpmn:exclusiveGateway id="split" default="f3" />
            <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="end"><bpmn:conditionExpression>=amount &gt;</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="end" /><bpmn:endEvent id="end" />
            """)), At("f2"), "amount >"),
        ["bad feel task type"] = new("feeltype.bpmn", Utf8(Around("""<bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="=1 +" /></bpmn:extensionElements></bpmn:serviceTask>""")), At("task"), "1 +"),
        ["bad feel retries"] = new("feelretries.bpmn", Utf8(Around("""<bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="work" retries="=(" /></bpmn:extensionElements></bpmn:serviceTask>""")), At("task"), "retries"),
        ["bad feel input mapping"] = new("input.bpmn", Utf8(Around(Service("""<zeebe:ioMapping><zeebe:input source="=a +" target="b" /></zeebe:ioMapping>"""))), At("task"), "a +"),
        ["bad feel output mapping"] = new("output.bpmn", Utf8(Around(Service("""<zeebe:ioMapping><zeebe:output source="=[1, 2" target="b" /></zeebe:ioMapping>"""))), At("task"), "[1, 2"),
        ["bad mapping target"] = new("target.bpmn", Utf8(Around(Service("""<zeebe:ioMapping><zeebe:input source="=1" target="" /></zeebe:ioMapping>"""))), At("task"), "target"),
        ["bad feel input collection"] = new("collection.bpmn", Utf8(Around(Service("", """<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items[" inputElement="item" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>"""))), At("task"), "items["),
        ["bad feel completion condition"] = new("completion.bpmn", Utf8(Around(Service("", """<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item" /></bpmn:extensionElements><bpmn:completionCondition>=done and</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>"""))), At("task"), "done and"),
        ["bad feel called element"] = new("called.bpmn", Utf8(Around("""<bpmn:callActivity id="task"><bpmn:extensionElements><zeebe:calledElement processId="=concat(" /></bpmn:extensionElements></bpmn:callActivity>""")), At("task"), "concat("),
        ["empty called element"] = new("nocalled.bpmn", Utf8(Around("""<bpmn:callActivity id="task"><bpmn:extensionElements><zeebe:calledElement processId="" /></bpmn:extensionElements></bpmn:callActivity>""")), At("task"), "processId"),
        ["bad feel called decision"] = new("decision.bpmn", Utf8(Around("""<bpmn:businessRuleTask id="task"><bpmn:extensionElements><zeebe:calledDecision decisionId="=(" resultVariable="r" /></bpmn:extensionElements></bpmn:businessRuleTask>""")), At("task"), "decisionId"),
        ["bad feel script"] = new("script.bpmn", Utf8(Around("""<bpmn:scriptTask id="task"><bpmn:extensionElements><zeebe:script expression="=)" resultVariable="r" /></bpmn:extensionElements></bpmn:scriptTask>""")), At("task"), ")"),
        ["bad feel assignee"] = new("assignee.bpmn", Utf8(Around(UserTask("""<zeebe:assignmentDefinition assignee="=if" />"""))), At("task"), "if"),
        ["bad feel candidate groups"] = new("groups.bpmn", Utf8(Around(UserTask("""<zeebe:assignmentDefinition candidateGroups="=[&quot;a&quot;" />"""))), At("task"), "candidateGroups"),
        ["bad due date"] = new("due.bpmn", Utf8(Around(UserTask("""<zeebe:taskSchedule dueDate="next week" />"""))), At("task"), "next week"),
        ["bad feel follow-up date"] = new("followup.bpmn", Utf8(Around(UserTask("""<zeebe:taskSchedule followUpDate="=date(" />"""))), At("task"), "date("),
        ["bad feel correlation key"] = new("correlation.bpmn", Utf8(Around("""<bpmn:receiveTask id="task" messageRef="m" />""", """<bpmn:message id="m" name="paid"><bpmn:extensionElements><zeebe:subscription correlationKey="= )" /></bpmn:extensionElements></bpmn:message>""")), At("task"), ")"),
        ["bad feel message name"] = new("messagename.bpmn", Utf8(Around("""<bpmn:receiveTask id="task" messageRef="m" />""", """<bpmn:message id="m" name="=&quot;paid"><bpmn:extensionElements><zeebe:subscription correlationKey="=key" /></bpmn:extensionElements></bpmn:message>""")), At("task"), "paid"),
        ["bad feel error code"] = new("errorcode.bpmn", Utf8(Process("""<bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fail" /><bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="e" /></bpmn:endEvent>""", """<bpmn:error id="e" errorCode="=(" />""")), At("fail"), "("),
        ["bad feel signal name"] = new("signalname.bpmn", Utf8(Around("""<bpmn:intermediateThrowEvent id="task"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateThrowEvent>""", """<bpmn:signal id="s" name="=upper(" />""")), At("task"), "upper("),
        ["bad feel escalation code"] = new("escalation.bpmn", Utf8(Around("""<bpmn:intermediateThrowEvent id="task"><bpmn:escalationEventDefinition escalationRef="x" /></bpmn:intermediateThrowEvent>""", """<bpmn:escalation id="x" escalationCode="=[" />""")), At("x"), "escalationCode"),
        ["bad feel execution listener"] = new("listener.bpmn", Utf8(Around(Service("""<zeebe:executionListeners><zeebe:executionListener eventType="start" type="=a +" /></zeebe:executionListeners>"""))), At("task"), "a +"),
        ["huge number in feel"] = new("hugefeel.bpmn", Utf8(Around(Service("""<zeebe:ioMapping><zeebe:input source="=1e999999999999" target="b" /></zeebe:ioMapping>"""))), At("task"), "1e999999999999"),

        // forms
        ["form that is not json"] = new("broken.form", Utf8("{\n  \"id\": \"broken\",\n  \"components\": [\n"), Line(4), "JSON"),
        ["form that is an array"] = new("array.form", Utf8("[1, 2]"), JsonPath("id"), "object"),
        ["form with a numeric id"] = new("numericid.form", Utf8("{\"id\": 7, \"components\": []}"), JsonPath("id"), "string"),
        ["form id with NUL"] = new("nulid.form", Utf8("{\"id\": \"c\\u0000d\", \"components\": []}"), JsonPath("id"), "NUL"),
        ["form id 300 characters long"] = new("longid.form", Utf8("{\"id\": \"" + new string('f', 300) + "\", \"components\": []}"), JsonPath("id"), "at most 256"),
        ["form naming a property twice"] = new("twice.form", Utf8("{\"id\": \"c\", \"components\": [{\"type\": \"textfield\", \"key\": \"a\", \"key\": \"b\"}]}"), Line(1), "Duplicate property 'key'"),
        ["form without components"] = new("nocomponents.form", Utf8("{\"id\": \"c\"}"), JsonPath("components"), "array"),
        ["form whose components are not a list"] = new("components.form", Utf8("{\"id\": \"c\", \"components\": \"text\"}"), JsonPath("components"), "array"),
        ["form component that is not an object"] = new("component.form", Utf8("{\"id\": \"c\", \"components\": [1]}"), JsonPath("components[0]"), "object"),
        ["form component without type"] = new("notype.form", Utf8("{\"id\": \"c\", \"components\": [{\"key\": \"a\"}]}"), JsonPath("components[0].type"), "type"),
        ["form component with a numeric key"] = new("key.form", Utf8("{\"id\": \"c\", \"components\": [{\"type\": \"textfield\", \"key\": 5}]}"), JsonPath("components[0].key"), "string"),
        ["form group with bad children"] = new("group.form", Utf8("{\"id\": \"c\", \"components\": [{\"type\": \"group\", \"components\": [{\"id\": \"Field_inner\", \"type\": 3}]}]}"), JsonPath("components[0].components[0].type", "Field_inner"), "string"),
        ["form nested 200 deep"] = new("deep.form", Utf8("{\"id\": \"c\", \"components\": " + new string('[', 200) + new string(']', 200) + "}"), @":[1-9]\d*: -: ", "JSON"),
        ["form field without a key"] = new("nokey.form", Utf8("{\"id\": \"c\", \"components\": [{\"type\": \"group\", \"components\": [{\"type\": \"textfield\", \"key\": \"\"}]}]}"), JsonPath("components[0].components[0].key"), "needs a \"key\""),
        ["dynamic list without a path"] = new("nopath.form", Utf8("{\"id\": \"c\", \"components\": [{\"type\": \"dynamiclist\", \"components\": [{\"type\": \"textfield\", \"key\": \"sku\"}]}]}"), JsonPath("components[0].path"), "needs a \"path\""),
        ["form with non-utf8 bytes"] = new("latin1.form", [.. "{\"id\": \"caf"u8, 0xE9, .. "\", \"components\": []}"u8], Line(1), "UTF-8"),

        // decisions
        ["truncated dmn"] = new("truncated.dmn", Utf8(Table()[..300]), @":[1-9]\d*: -: ", "XML"),
        ["dmn that is bpmn"] = new("bpmn.dmn", Utf8(Valid), Line(2), "definitions"),
        ["bad feel input expression"] = new("input.dmn", Utf8(Table(input: "amount +")), At("in"), "amount +"),
        ["bad feel input entry"] = new("entry.dmn", Utf8(Table(entry: "[1..")), At("rule"), "input entry 1"),
        ["bad feel output entry"] = new("result.dmn", Utf8(Table(output: "\"small")), At("result"), "small"),
        ["unknown hit policy"] = new("hitpolicy.dmn", Utf8(Table(hitPolicy: "SOMETIMES")), At("table"), "SOMETIMES"),
        ["huge number in dmn"] = new("huge.dmn", Utf8(Table(output: "1e999999999999")), At("result"), "1e999999999999"),
        ["duplicate decision ids"] = new("twice.dmn", Utf8(Table().Replace("</definitions>", """<decision id="fuzz-decision"><literalExpression id="lit"><text>1</text></literalExpression></decision></definitions>""", StringComparison.Ordinal)), At("fuzz-decision"), "fuzz-decision"),
        ["unknown required decision"] = new("required.dmn", Utf8(Dmn("""<decision id="top" name="Top"><informationRequirement id="req"><requiredDecision href="#ghost" /></informationRequirement><literalExpression id="lit"><text>ghost</text></literalExpression></decision>""")), At("top"), "ghost"),
        ["decision without id or name"] = new("noid.dmn", Utf8(Dmn("""<decision><literalExpression><text>1</text></literalExpression></decision>""")), @":[1-9]\d*: -: ", "name"),
        ["dmn doctype"] = new("laughs.dmn", Utf8("<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\">]>\n<definitions/>"), Line(2), "DTD"),
        ["dmn with non-utf8 bytes"] = new("latin1.dmn", WithBytes(Table(), "name=\"Fuzz\"", [.. "name=\"caf"u8, 0xE9, (byte)'"']), Line(2), "UTF-8"),
    };

    /// <summary>The names of every case, for a theory.</summary>
    public static TheoryData<string> Names() => [.. All.Keys];
}
