using System.Globalization;
using System.Text;

namespace Orchestrator.Testing.Models;

/// <summary>
/// Writes a large, valid and runnable BPMN process of the shape real after-sales models have, repeated:
/// a service task with input and output mappings; an exclusive gateway with a FEEL condition and a
/// default flow (each gateway's threshold differs, as real conditions do, so FEEL parsing is not all
/// cache hits); on the conditional branch a user task (group, FEEL due date, priority) with an
/// interrupting boundary timer, on the default branch an embedded subprocess with a service task;
/// both branches join at an exclusive gateway. Each such block has <see cref="ElementsPerBlock"/>
/// elements (flow nodes and sequence flows). Every service task has the job type <see cref="JobType"/>;
/// an instance started with <c>amount</c> at most 1000 never meets a user task, one with a larger amount
/// (and a <c>customer.tier</c> other than <c>vip</c>) meets the first one.
/// </summary>
public static class LargeModel
{
    /// <summary>Flow nodes plus sequence flows in one repeated block.</summary>
    public const int ElementsPerBlock = 18;

    /// <summary>The job type of every service task.</summary>
    public const string JobType = "large.work";

    /// <summary>A process of about <paramref name="elements"/> elements (at least one block), with the process id <paramref name="processId"/>.</summary>
    public static string Generate(int elements, string processId = "large")
    {
        var blocks = Math.Max(1, elements / ElementsPerBlock);
        var xml = new StringBuilder(blocks * 2200);
        xml.Append("""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">

            """);
        xml.Append(CultureInfo.InvariantCulture, $"""  <bpmn:process id="{processId}" name="Large process ({blocks} blocks)" isExecutable="true">""").Append('\n');
        xml.Append("""    <bpmn:startEvent id="start" />""").Append('\n');
        var previous = "start";
        for (var i = 0; i < blocks; i++)
        {
            AppendBlock(xml, i, previous);
            previous = "join" + i;
        }

        xml.Append(CultureInfo.InvariantCulture, $"""    <bpmn:sequenceFlow id="toEnd" sourceRef="{previous}" targetRef="end" />""").Append('\n');
        xml.Append("""    <bpmn:endEvent id="end" />""").Append('\n');
        xml.Append("  </bpmn:process>\n</bpmn:definitions>\n");
        return xml.ToString();
    }

    private static void AppendBlock(StringBuilder xml, int i, string previous)
    {
        var block = i.ToString(CultureInfo.InvariantCulture);
        xml.Append(CultureInfo.InvariantCulture, $"""
                <bpmn:sequenceFlow id="in{block}" sourceRef="{previous}" targetRef="work{block}" />
                <bpmn:serviceTask id="work{block}" name="Check step {block}">
                  <bpmn:extensionElements>
                    <zeebe:taskDefinition type="{JobType}" retries="3" />
                    <zeebe:taskHeaders><zeebe:header key="step" value="{block}" /></zeebe:taskHeaders>
                    <zeebe:ioMapping>
                      <zeebe:input source="=amount" target="amount" />
                      <zeebe:output source="=if result = null then &quot;ok&quot; else result" target="result{block}" />
                    </zeebe:ioMapping>
                  </bpmn:extensionElements>
                </bpmn:serviceTask>
                <bpmn:sequenceFlow id="toDecide{block}" sourceRef="work{block}" targetRef="decide{block}" />
                <bpmn:exclusiveGateway id="decide{block}" name="Review needed?" default="auto{block}" />
                <bpmn:sequenceFlow id="review{block}" sourceRef="decide{block}" targetRef="approve{block}">
                  <bpmn:conditionExpression>=amount &gt; {1000 + i} and customer.tier != "vip"</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="auto{block}" sourceRef="decide{block}" targetRef="handle{block}" />
                <bpmn:userTask id="approve{block}" name="Review step {block}">
                  <bpmn:extensionElements>
                    <zeebe:userTask />
                    <zeebe:assignmentDefinition candidateGroups="returns-agents" />
                    <zeebe:taskSchedule dueDate="=now() + duration(&quot;PT4H&quot;)" />
                    <zeebe:priorityDefinition priority="=if amount &gt; 5000 then 80 else 50" />
                  </bpmn:extensionElements>
                </bpmn:userTask>
                <bpmn:boundaryEvent id="sla{block}" attachedToRef="approve{block}">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="reviewed{block}" sourceRef="approve{block}" targetRef="join{block}" />
                <bpmn:sequenceFlow id="late{block}" sourceRef="sla{block}" targetRef="join{block}" />
                <bpmn:subProcess id="handle{block}" name="Handle step {block}">
                  <bpmn:startEvent id="handleStart{block}" />
                  <bpmn:sequenceFlow id="handleIn{block}" sourceRef="handleStart{block}" targetRef="handleWork{block}" />
                  <bpmn:serviceTask id="handleWork{block}" name="Handle">
                    <bpmn:extensionElements><zeebe:taskDefinition type="{JobType}" /></bpmn:extensionElements>
                  </bpmn:serviceTask>
                  <bpmn:sequenceFlow id="handleOut{block}" sourceRef="handleWork{block}" targetRef="handleEnd{block}" />
                  <bpmn:endEvent id="handleEnd{block}" />
                </bpmn:subProcess>
                <bpmn:sequenceFlow id="handled{block}" sourceRef="handle{block}" targetRef="join{block}" />
                <bpmn:exclusiveGateway id="join{block}" />

            """);
    }
}
