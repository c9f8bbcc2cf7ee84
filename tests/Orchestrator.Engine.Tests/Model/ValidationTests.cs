using Orchestrator.Engine.Model;
using Orchestrator.Engine.Tests.Support;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Tests.Model;

public class ValidationTests
{
    private static BpmnParseResult Parse(string xml) => BpmnParser.Parse(xml, "test.bpmn", FeelEngine.Default);

    [Fact]
    public void BrokenModel_ReportsEveryProblemAtOnce_WithElementAndLine()
    {
        // Act
        var result = Parse(EngineHarness.Fixture("Model/invalid-everything.bpmn"));

        // Assert
        Assert.False(result.IsValid);
        Assert.Empty(result.Processes);
        var problems = result.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains(problems, p => p.StartsWith("test.bpmn:8: task:", StringComparison.Ordinal) && p.Contains("task type", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(": f2: a condition on a flow that leaves", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(": f4: the sequence flow's target 'nowhere'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(": f5: condition: invalid FEEL expression", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(": f3: the flow leaves exclusive gateway 'gw' without a condition", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains(": f5: the flow leaves", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(": wait:", StringComparison.Ordinal) && p.Contains("correlation key", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(": timer: invalid timer", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(": cron: invalid timer", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(": call: a call activity needs a called process id", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(": comp: a compensation boundary event needs an association to one compensation handler", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(": dead: the parallel gateway has no outgoing sequence flow", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(": complex: complex gateway is not supported", StringComparison.Ordinal));
        Assert.All(result.Problems, p => Assert.True(p.Line > 0, p.ToString()));
    }

    [Fact]
    public void Bug_DeeplyNestedSubprocessesOverflowTheStack()
    {
        // Arrange: 20,000 nested embedded subprocesses, about 1.5 MB (under the 8 MiB limit). ParseScope recurses once per
        // level and overflows the stack of a thread-pool thread, which ends the whole process (a server, the CLI's validate).
        var xml = new System.Text.StringBuilder("""<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="deep" isExecutable="true"><bpmn:startEvent id="s" />""");
        for (var i = 0; i < 20_000; i++)
        {
            xml.Append(System.Globalization.CultureInfo.InvariantCulture, $"""<bpmn:subProcess id="p{i}"><bpmn:startEvent id="s{i}" />""");
        }

        xml.Append(string.Concat(Enumerable.Repeat("</bpmn:subProcess>", 20_000))).Append("</bpmn:process></bpmn:definitions>");

        // Act
        var result = Parse(xml.ToString());

        // Assert: refused with a problem, as too deep FEEL and too large resources are.
        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Message.Contains("nest", StringComparison.Ordinal));
    }

    [Fact]
    public void Bug_ElementsNestedDeepInDocumentationTookSecondsToParse()
    {
        // Arrange: a valid process whose documentation nests 100,000 elements (700 KB). LINQ to XML read it in time that grows
        // with the square of the depth: 23 s holding the engine at deployment, and again at every start of a server that stored it.
        var nested = string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000));
        var xml = $"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">
              <bpmn:process id="p" isExecutable="true"><bpmn:documentation>{nested}</bpmn:documentation><bpmn:startEvent id="s" /></bpmn:process>
            </bpmn:definitions>
            """;

        // Act
        var result = Parse(xml);

        // Assert: refused where the nesting passes the limit, before the document is built.
        var problem = Assert.Single(result.Problems);
        Assert.Equal(2, problem.Line);
        Assert.True(problem.Column > 0);
        Assert.Contains($"nest more than {Orchestrator.Dmn.Parsing.ModelXml.MaxDepth} levels", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ElementsNestedToTheLimitAreStillRead()
    {
        // Arrange: the deepest nesting allowed (the process is at depth 1, its documentation at 2).
        var depth = Orchestrator.Dmn.Parsing.ModelXml.MaxDepth - 3;
        var nested = string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth));
        var xml = $"""<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p" isExecutable="true"><bpmn:documentation>{nested}</bpmn:documentation><bpmn:startEvent id="s" /></bpmn:process></bpmn:definitions>""";

        // Act
        var result = Parse(xml);

        // Assert
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
    }

    [Theory]
    [InlineData("<bpmn:definitions", "malformed XML")]
    [InlineData("", "malformed XML")]
    [InlineData("<root/>", "expected a BPMN 2.0 <definitions> element")]
    [InlineData("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>", "no executable process")]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"boom\">]><x>&e;</x>", "malformed XML")]
    public void NotABpmnModel_IsOneClearProblem(string xml, string message)
    {
        // Act
        var result = Parse(xml);

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedXml_GivesLineAndColumn()
    {
        // Act
        var result = Parse("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n  <bpmn:process id=\"p\">\n  </bpmn:proces>\n</bpmn:definitions>");

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Line);
        Assert.True(problem.Column > 0);
    }

    [Fact]
    public void RandomGarbage_NeverThrows()
    {
        // Arrange
        var random = new Random(7);
        var valid = EngineHarness.Fixture("Execution/refund-review.bpmn");

        for (var i = 0; i < 300; i++)
        {
            // Act: cut the valid model at a random point, or scramble a slice of it
            var cut = valid[..random.Next(valid.Length)];
            var chars = valid.ToCharArray();
            for (var j = 0; j < 5; j++)
            {
                chars[random.Next(chars.Length)] = (char)random.Next(32, 127);
            }

            // Assert
            Assert.False(Parse(cut).IsValid);
            _ = Parse(new string(chars));
        }
    }

    [Fact]
    public void DefaultFlow_ThatIsNotOutgoing_OrHasACondition_IsAProblemOnItsGateway_InEveryScope()
    {
        // Arrange
        const string xml = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gw" />
                <bpmn:exclusiveGateway id="gw" default="elsewhere" />
                <bpmn:sequenceFlow id="yes" sourceRef="gw" targetRef="sub"><bpmn:conditionExpression>=ok</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="no" sourceRef="gw" targetRef="end" />
                <bpmn:subProcess id="sub">
                  <bpmn:startEvent id="subStart" />
                  <bpmn:sequenceFlow id="f2" sourceRef="subStart" targetRef="inner" />
                  <bpmn:inclusiveGateway id="inner" default="first" />
                  <bpmn:sequenceFlow id="first" sourceRef="inner" targetRef="subEnd"><bpmn:conditionExpression>=a</bpmn:conditionExpression></bpmn:sequenceFlow>
                  <bpmn:sequenceFlow id="second" sourceRef="inner" targetRef="subEnd"><bpmn:conditionExpression>=b</bpmn:conditionExpression></bpmn:sequenceFlow>
                  <bpmn:endEvent id="subEnd" />
                </bpmn:subProcess>
                <bpmn:sequenceFlow id="f3" sourceRef="sub" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;

        // Act
        var result = Parse(xml);

        // Assert
        Assert.Equal(
        [
            "test.bpmn:5: gw: the default flow 'elsewhere' is not an outgoing flow of 'gw'",
            "test.bpmn:5: no: the flow leaves exclusive gateway 'gw' without a condition and is not its default flow, so it can never be taken on purpose",
            "test.bpmn:11: inner: the default flow 'first' must not have a condition",
        ],
        result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void DefaultFlow_WithoutCondition_IsValid_AndIsTheGatewaysDefault()
    {
        // Act
        var result = Parse(EngineHarness.Fixture("Execution/refund-review.bpmn"));

        // Assert
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var decide = Assert.Single(result.Processes)["decide"];
        Assert.Equal("auto", decide.DefaultFlow?.Id);
    }

    [Fact]
    public void Whitespace_AroundConditionsAndTimers_IsNotPartOfThem_AndAWhitespaceTimerIsMissing()
    {
        // Arrange
        const string xml = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gw" />
                <bpmn:exclusiveGateway id="gw" default="low" />
                <bpmn:sequenceFlow id="high" sourceRef="gw" targetRef="wait">
                  <bpmn:conditionExpression>
                    <![CDATA[=amount > 100]]>
                  </bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="low" sourceRef="gw" targetRef="end" />
                <bpmn:intermediateCatchEvent id="wait">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>
                  </bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;

        // Act
        var result = Parse(xml);
        var fixedTimer = Parse(xml.Replace("<bpmn:timeDuration>\n      </bpmn:timeDuration>", "<bpmn:timeDuration> PT1H </bpmn:timeDuration>", StringComparison.Ordinal));

        // Assert
        Assert.Equal(["test.bpmn:13: wait: the timer intermediate catch event has no timeDate, timeDuration or timeCycle"], result.Problems.Select(p => p.ToString()));
        Assert.True(fixedTimer.IsValid, string.Join("\n", fixedTimer.Problems));
        var process = Assert.Single(fixedTimer.Processes);
        Assert.Equal("=amount > 100", process["gw"].Outgoing[0].Condition?.Text);
        Assert.Equal("PT1H", process["wait"].Event.Timer?.Text);
    }

    [Fact]
    public void ModelerStyleModel_WithDiagramAndLanes_Parses()
    {
        // Act
        var result = Parse(EngineHarness.Fixture("Model/modeler-style.bpmn"));

        // Assert
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var process = Assert.Single(result.Processes);
        var task = process["Task_Review"];
        Assert.True(task.UserTask!.IsZeebeUserTask);
        Assert.Equal("return-review-form", task.UserTask.FormId);
    }

    [Fact]
    public void PrefixedReferences_AsModellersWriteQNames_Resolve()
    {
        // Act: messageRef, errorRef, signalRef and attachedToRef with a prefix for the definitions' own namespace.
        var result = Parse("""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                xmlns:tns="http://shop.example/returns" targetNamespace="http://shop.example/returns" id="d">
              <bpmn:message id="received" name="parcel.received"><bpmn:extensionElements><zeebe:subscription correlationKey="=rma" /></bpmn:extensionElements></bpmn:message>
              <bpmn:error id="lost" errorCode="PARCEL_LOST" />
              <bpmn:signal id="stop" name="returns.stop" />
              <bpmn:process id="returns" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
                <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="tns:received" /></bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="check" />
                <bpmn:serviceTask id="check"><bpmn:extensionElements><zeebe:taskDefinition type="parcel.check" /></bpmn:extensionElements></bpmn:serviceTask>
                <bpmn:boundaryEvent id="onLost" attachedToRef="tns:check"><bpmn:errorEventDefinition errorRef="tns:lost" /></bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="f3" sourceRef="check" targetRef="halt" />
                <bpmn:intermediateThrowEvent id="halt"><bpmn:signalEventDefinition signalRef="tns:stop" /></bpmn:intermediateThrowEvent>
                <bpmn:sequenceFlow id="f4" sourceRef="halt" targetRef="end" />
                <bpmn:sequenceFlow id="f5" sourceRef="onLost" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """);

        // Assert
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var elements = result.Processes[0].Elements;
        Assert.Equal("parcel.received", elements["wait"].Event.MessageName!.Text);
        Assert.Equal("check", elements["onLost"].AttachedTo!.Id);
    }

    [Fact]
    public void TwoLinkCatchEvents_WithOneName_InOneScope_AreAProblemOnTheSecond()
    {
        // Act
        var result = Parse("""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <bpmn:process id="links" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="jump" />
                <bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="later" /></bpmn:intermediateThrowEvent>
                <bpmn:intermediateCatchEvent id="here"><bpmn:linkEventDefinition name="later" /></bpmn:intermediateCatchEvent>
                <bpmn:intermediateCatchEvent id="there"><bpmn:linkEventDefinition name="later" /></bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="here" targetRef="end" />
                <bpmn:sequenceFlow id="f3" sourceRef="there" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """);

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal("there", problem.ElementId);
        Assert.Contains("named 'later' too", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFlowWrittenOutsideTheSubprocessOfItsElements_BelongsToTheirScope_AndRuns()
    {
        // Arrange: the subprocess's last flow is written at process level, as a modeler left it in a public Camunda tutorial.
        var h = new Support.EngineHarness();
        h.DeployXml("p.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
                <bpmn:subProcess id="sub">
                  <bpmn:startEvent id="ss" /><bpmn:sequenceFlow id="g1" sourceRef="ss" targetRef="work" />
                  <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="work" /></bpmn:extensionElements></bpmn:serviceTask>
                  <bpmn:endEvent id="se" />
                </bpmn:subProcess>
                <bpmn:sequenceFlow id="g2" sourceRef="work" targetRef="se" />
                <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var instance = h.Start("p");

        // Act
        h.CompleteJob("work");

        // Assert
        Assert.Equal(State.LifecycleState.Completed, instance.State);
        Assert.Equal(["ss", "work", "se", "sub", "e"], h.Completed(instance)[1..]);
    }

    [Theory]
    [InlineData("""<bpmn:sequenceFlow id="x" sourceRef="nowhere" targetRef="e" />""", "x", "the sequence flow's source 'nowhere' is not an element of this process")]
    [InlineData("""<bpmn:sequenceFlow id="x" sourceRef="ss" targetRef="e" />""", "x", "the sequence flow's target 'e' is not an element of the same scope as its source 'ss'")]
    public void AFlowFromNowhereOrAcrossScopes_IsRefusedNamingIt(string flow, string id, string message)
    {
        // Arrange
        var xml = $"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="sub" />
                <bpmn:subProcess id="sub"><bpmn:startEvent id="ss" /><bpmn:sequenceFlow id="g1" sourceRef="ss" targetRef="se" /><bpmn:endEvent id="se" /></bpmn:subProcess>
                <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="e" /><bpmn:endEvent id="e" />
                {flow}
              </bpmn:process>
            </bpmn:definitions>
            """;

        // Act
        var result = Parse(xml);

        // Assert
        Assert.Contains(result.Problems, p => p.ElementId == id && p.Message == message);
    }

    [Fact]
    public void AnUnsupportedElement_IsTheOneProblemReported_NotWhatFollowsFromLeavingItOut()
    {
        // Arrange: a transaction subprocess behind a gateway's default flow and a conditional boundary event on a task. Each
        // used to bring knock-on problems that came first in the output ("the exclusive gateway has no outgoing sequence
        // flow", flows "not an element of the same scope", "a boundary event needs a timer ... definition, not none"). The
        // business rule task that calls a DMN decision, once refused the same way, is supported now and brings none.
        var xml = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d">
              <bpmn:process id="agent" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="choose" />
                <bpmn:exclusiveGateway id="choose" default="f2" />
                <bpmn:sequenceFlow id="f2" sourceRef="choose" targetRef="tools" />
                <bpmn:transaction id="tools" />
                <bpmn:sequenceFlow id="f3" sourceRef="tools" targetRef="book" />
                <bpmn:serviceTask id="book"><bpmn:extensionElements><zeebe:taskDefinition type="book" /></bpmn:extensionElements></bpmn:serviceTask>
                <bpmn:boundaryEvent id="undo" attachedToRef="book"><bpmn:conditionalEventDefinition><bpmn:condition>=late</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="f4" sourceRef="book" targetRef="decide" />
                <bpmn:businessRuleTask id="decide"><bpmn:extensionElements><zeebe:calledDecision decisionId="policy" resultVariable="r" /></bpmn:extensionElements></bpmn:businessRuleTask>
                <bpmn:sequenceFlow id="f5" sourceRef="decide" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;

        // Act
        var result = Parse(xml);

        // Assert
        Assert.Equal(["tools", "undo"], result.Problems.Select(p => p.ElementId).Order(StringComparer.Ordinal));
        var problems = result.Problems.ToDictionary(p => p.ElementId!, p => p.Message);
        Assert.Equal("transaction subprocess is not supported yet", problems["tools"]);
        Assert.Equal("conditional boundary event is not supported yet", problems["undo"]);
    }

    private const string TaskA = """<bpmn:serviceTask id="a"><bpmn:extensionElements><zeebe:taskDefinition type="a" /></bpmn:extensionElements></bpmn:serviceTask>""";
    private const string UndoA = """<bpmn:boundaryEvent id="undoA" attachedToRef="a"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>""";

    private static readonly Dictionary<string, (string Elements, string ElementId, string Message)> CompensationMistakes = new()
    {
        ["no association"] = (TaskA + UndoA, "undoA", "a compensation boundary event needs an association to one compensation handler"),
        ["handler not marked"] = (TaskA + UndoA
            + """<bpmn:serviceTask id="h"><bpmn:extensionElements><zeebe:taskDefinition type="h" /></bpmn:extensionElements></bpmn:serviceTask>"""
            + """<bpmn:association id="as" sourceRef="undoA" targetRef="h" />""",
            "undoA", "a compensation boundary event needs an association to one compensation handler: an activity with isForCompensation"),
        ["handler in the flow"] = (TaskA + UndoA
            + """<bpmn:serviceTask id="h" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="h" /></bpmn:extensionElements></bpmn:serviceTask>"""
            + """<bpmn:association id="as" sourceRef="undoA" targetRef="h" /><bpmn:sequenceFlow id="toH" sourceRef="a" targetRef="h" />""",
            "h", "a compensation handler has no incoming or outgoing sequence flows"),
        ["handler of nothing"] = ("""<bpmn:serviceTask id="h" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="h" /></bpmn:extensionElements></bpmn:serviceTask>""",
            "h", "the compensation handler is not associated with a compensation boundary event"),
        ["activityRef without handler"] = (TaskA + """<bpmn:intermediateThrowEvent id="undo"><bpmn:compensateEventDefinition activityRef="a" /></bpmn:intermediateThrowEvent>""",
            "undo", "the compensation intermediate throw event refers to 'a', which has no compensation boundary event"),
        ["activityRef to nothing"] = ("""<bpmn:endEvent id="undo"><bpmn:compensateEventDefinition activityRef="nowhere" /></bpmn:endEvent>""",
            "undo", "the compensation end event refers to 'nowhere', which is not an activity in its scope"),
        ["compensation catch"] = ("""<bpmn:intermediateCatchEvent id="wait"><bpmn:compensateEventDefinition /></bpmn:intermediateCatchEvent>""",
            "wait", "an intermediate catch event needs a message, timer, signal or link definition, not compensation"),
        ["waitForCompletion false"] = (TaskA + UndoA
            + """<bpmn:serviceTask id="h" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="h" /></bpmn:extensionElements></bpmn:serviceTask>"""
            + """<bpmn:association id="as" sourceRef="undoA" targetRef="h" />"""
            + """<bpmn:endEvent id="undo"><bpmn:compensateEventDefinition waitForCompletion="false" /></bpmn:endEvent>""",
            "undo", "the compensation end event cannot have waitForCompletion=\"false\""),
        ["handler with a boundary event"] = (TaskA + UndoA
            + """<bpmn:serviceTask id="h" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="h" /></bpmn:extensionElements></bpmn:serviceTask>"""
            + """<bpmn:association id="as" sourceRef="undoA" targetRef="h" />"""
            + """<bpmn:boundaryEvent id="late" attachedToRef="h"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>""",
            "h", "a compensation handler has no boundary events"),
        ["receive task handler"] = (TaskA + UndoA
            + """<bpmn:receiveTask id="h" isForCompensation="true" /><bpmn:association id="as" sourceRef="undoA" targetRef="h" />""",
            "h", "a receive task cannot be a compensation handler"),
        ["refused handler"] = (TaskA + UndoA
            + """<bpmn:transaction id="h" isForCompensation="true" /><bpmn:association id="as" sourceRef="undoA" targetRef="h" />""",
            "h", "transaction subprocess is not supported yet"),
        ["event subprocess in the process"] = (
            """<bpmn:subProcess id="undoAll" triggeredByEvent="true"><bpmn:startEvent id="s2"><bpmn:compensateEventDefinition /></bpmn:startEvent></bpmn:subProcess>""",
            "undoAll", "a compensation event subprocess belongs in an embedded subprocess"),
    };

    [Theory]
    [InlineData("no association")]
    [InlineData("handler not marked")]
    [InlineData("handler in the flow")]
    [InlineData("handler of nothing")]
    [InlineData("activityRef without handler")]
    [InlineData("activityRef to nothing")]
    [InlineData("compensation catch")]
    [InlineData("event subprocess in the process")]
    [InlineData("waitForCompletion false")]
    [InlineData("handler with a boundary event")]
    [InlineData("receive task handler")]
    [InlineData("refused handler")]
    public void A_compensation_mistake_is_refused_naming_the_element(string mistake)
    {
        // Arrange
        var (elements, elementId, message) = CompensationMistakes[mistake];
        var xml = $"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d">
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="start" />
                {elements}
              </bpmn:process>
            </bpmn:definitions>
            """;

        // Act
        var result = Parse(xml);

        // Assert
        var problem = Assert.Single(result.Problems, p => p.Message.StartsWith(message, StringComparison.Ordinal));
        Assert.Equal(elementId, problem.ElementId);
        // No knock-on problem on the boundary event when the mistake is elsewhere.
        Assert.All(result.Problems, p => Assert.True(p.ElementId != "undoA" || elementId == "undoA", p.ToString()));
        Assert.True(problem.Line > 0);
    }
}
