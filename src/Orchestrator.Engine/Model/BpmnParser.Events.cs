using System.Xml.Linq;
using Orchestrator.Engine.Execution.Timers;
using static Orchestrator.Engine.Model.BpmnNames;

namespace Orchestrator.Engine.Model;

/// <summary>Event definitions: message, timer, signal, error, escalation, terminate, link, compensation.</summary>
public sealed partial class BpmnParser
{
    private EventDefinition ReadEvent(FlowNode node, XElement element)
    {
        var definitions = element.Elements().Where(e => e.Name.Namespace == Bpmn && e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();
        if (definitions.Count == 0)
        {
            return EventDefinition.None;
        }

        if (definitions.Count > 1)
        {
            Problem(element, node.Id, "an event with more than one event definition is not supported");
            return EventDefinition.None;
        }

        var definition = definitions[0];
        var kindName = KindName(node);
        switch (definition.Name.LocalName)
        {
            case "messageEventDefinition":
                var messageRef = Reference(definition, "messageRef");
                if (messageRef is null && node.Kind is ElementKind.IntermediateThrowEvent or ElementKind.EndEvent)
                {
                    // As Zeebe: a message throw or end event runs as a job of its task type, and which message the worker
                    // sends is the worker's business, so it needs no message reference.
                    return new EventDefinition { Kind = EventKind.Message };
                }

                if (messageRef is null || !_messages.TryGetValue(messageRef, out var message) || message.Name is null)
                {
                    Problem(definition, node.Id, $"the message {kindName} has no message with a name (messageRef '{messageRef}')");
                    return new EventDefinition { Kind = EventKind.Message };
                }

                return new EventDefinition { Kind = EventKind.Message, MessageName = message.Name, CorrelationKey = message.CorrelationKey };
            case "timerEventDefinition":
                return ReadTimer(node, definition, kindName);
            case "errorEventDefinition":
                var errorRef = Reference(definition, "errorRef");
                ModelExpression? code = null;
                if (errorRef is not null && !_errors.TryGetValue(errorRef, out code))
                {
                    Problem(definition, node.Id, $"the error '{errorRef}' is not defined");
                }

                return new EventDefinition { Kind = EventKind.Error, ErrorCode = code };
            case "escalationEventDefinition":
                var escalationRef = Reference(definition, "escalationRef");
                ModelExpression? escalation = null;
                if (escalationRef is not null && !_escalations.TryGetValue(escalationRef, out escalation))
                {
                    Problem(definition, node.Id, $"the escalation '{escalationRef}' is not defined");
                }

                return new EventDefinition { Kind = EventKind.Escalation, EscalationCode = escalation };
            case "signalEventDefinition":
                var signalRef = Reference(definition, "signalRef");
                if (signalRef is null || !_signals.TryGetValue(signalRef, out var signal) || signal is null)
                {
                    Problem(definition, node.Id, $"the signal {kindName} has no signal with a name (signalRef '{signalRef}')");
                    return new EventDefinition { Kind = EventKind.Signal };
                }

                return new EventDefinition { Kind = EventKind.Signal, SignalName = signal };
            case "terminateEventDefinition":
                return new EventDefinition { Kind = EventKind.Terminate };
            case "linkEventDefinition":
                return new EventDefinition { Kind = EventKind.Link, LinkName = (string?)definition.Attribute("name") };
            case "compensateEventDefinition":
                if ((string?)definition.Attribute("waitForCompletion") == "false")
                {
                    // As Zeebe: a compensation throw event always waits for the handlers it started.
                    Problem(definition, node.Id, $"the compensation {kindName} cannot have waitForCompletion=\"false\": it always waits for the handlers it starts");
                }

                return new EventDefinition { Kind = EventKind.Compensation, ActivityRef = Reference(definition, "activityRef") };
            case "conditionalEventDefinition":
                Problem(definition, node.Id, $"conditional {kindName} is not supported yet");
                MarkRefused(node.Id);
                return EventDefinition.None;
            default:
                Problem(definition, node.Id, $"{definition.Name.LocalName} is not supported");
                return EventDefinition.None;
        }
    }

    private EventDefinition ReadTimer(FlowNode node, XElement definition, string kindName)
    {
        var (kind, element) = definition.Element(Bpmn + "timeDate") is { } date ? (TimerKind.Date, date)
            : definition.Element(Bpmn + "timeDuration") is { } duration ? (TimerKind.Duration, duration)
            : definition.Element(Bpmn + "timeCycle") is { } cycle ? (TimerKind.Cycle, cycle)
            : (TimerKind.Date, (XElement?)null);
        if (element is null || string.IsNullOrWhiteSpace(element.Value))
        {
            Problem(definition, node.Id, $"the timer {kindName} has no timeDate, timeDuration or timeCycle");
            return new EventDefinition { Kind = EventKind.Timer };
        }

        var expression = Expression(element, node.Id, "timer", element.Value.Trim());
        if (expression is { IsExpression: false } && TimerSchedule.Validate(kind, expression.Literal) is { } error)
        {
            Problem(element, node.Id, $"invalid timer: {error}");
        }

        return new EventDefinition { Kind = EventKind.Timer, TimerKind = kind, Timer = expression };
    }
}
