using System.Xml.Linq;
using static Orchestrator.Engine.Model.BpmnNames;

namespace Orchestrator.Engine.Model;

/// <summary>Sequence flows: each belongs to the scope of its source, wherever it is written.</summary>
public sealed partial class BpmnParser
{
    /// <summary>
    /// Every sequence flow of a process by its source, in document order: a flow belongs to the scope of its source, wherever
    /// it is written (modelers sometimes write a subprocess's inner flow at process level; Zeebe reads it by its references).
    /// </summary>
    private void ReadFlowsBySource(XElement process)
    {
        _flowsBySource.Clear();
        _flowOrder.Clear();
        _handledFlows.Clear();
        foreach (var flow in process.Descendants(Bpmn + "sequenceFlow"))
        {
            _flowOrder[flow] = _flowOrder.Count;
            if ((string?)flow.Attribute("sourceRef") is { } source)
            {
                if (!_flowsBySource.TryGetValue(source, out var flows))
                {
                    _flowsBySource[source] = flows = [];
                }

                flows.Add(flow);
            }
        }
    }

    private void ParseFlows(XElement scopeElement, FlowNode scope, List<(FlowNode Node, XElement Element)> nodeElements)
    {
        // The flows leaving this scope's elements, wherever written, and those written here whose source is not known (yet: an
        // inner scope is read after its parent's flows; what no scope takes is refused once the process is read).
        var leaving = nodeElements.SelectMany(n => _flowsBySource.GetValueOrDefault(n.Node.Id) ?? []);
        var unknown = scopeElement.Elements(Bpmn + "sequenceFlow").Where(f => !_elements.ContainsKey((string?)f.Attribute("sourceRef") ?? ""));
        foreach (var flow in leaving.Union(unknown).Where(f => !_handledFlows.Contains(f)).OrderBy(f => _flowOrder[f]))
        {
            var sourceId = (string?)flow.Attribute("sourceRef");
            var targetId = (string?)flow.Attribute("targetRef");
            if (!_refused.Contains(sourceId ?? "") && !_refused.Contains(targetId ?? "") && !_elements.ContainsKey(sourceId ?? ""))
            {
                continue;
            }

            _handledFlows.Add(flow);
            var id = (string?)flow.Attribute("id");
            if (string.IsNullOrWhiteSpace(id))
            {
                Problem(flow, null, "a sequence flow has no id");
                continue;
            }

            if (flow.Element(Bpmn + "extensionElements")?.Element(Zeebe + "executionListeners")?.Elements(Zeebe + "executionListener").FirstOrDefault() is { } listener && !_stored)
            {
                Problem(listener, id, "Execution listeners are not supported for the 'sequenceFlow' element: only processes, subprocesses, call activities, tasks, events and gateways can have them");
            }

            if (_refused.Contains(sourceId ?? "") || _refused.Contains(targetId ?? ""))
            {
                MarkRefused(sourceId);
                MarkRefused(targetId);
                continue;
            }

            var source = _elements[sourceId!];

            if (targetId is null || !_elements.TryGetValue(targetId, out var target) || target.Parent != scope)
            {
                Problem(flow, id, targetId is null
                    ? "the sequence flow has no targetRef"
                    : $"the sequence flow's target '{targetId}' is not an element of the same scope as its source '{sourceId}'");
                continue;
            }

            var conditionText = flow.Element(Bpmn + "conditionExpression")?.Value.Trim();
            ModelExpression? condition = null;
            if (!string.IsNullOrEmpty(conditionText))
            {
                _flowsWithConditionText.Add(id);
                if (source.Kind is not (ElementKind.ExclusiveGateway or ElementKind.InclusiveGateway))
                {
                    Problem(flow, id, $"a condition on a flow that leaves {KindName(source)} '{source.Id}' is not supported; only flows leaving exclusive and inclusive gateways have conditions");
                }
                else if (!conditionText.StartsWith('='))
                {
                    Problem(flow, id, $"the condition '{conditionText}' must be a FEEL expression starting with '='");
                }
                else
                {
                    condition = Expression(flow, id, "condition", conditionText);
                }
            }

            var sequenceFlow = new SequenceFlow(id, source, target, condition) { TargetIndex = target.Incoming.Count };
            source.AddOutgoing(sequenceFlow);
            target.AddIncoming(sequenceFlow);
            if (!_flowIds.Add(id) || _elements.ContainsKey(id))
            {
                Problem(flow, id, $"the id '{id}' is used by more than one element");
            }
        }

        // Each node's own element: searching the scope's children by id for every node made big models quadratic.
        foreach (var (node, element) in nodeElements)
        {
            if ((string?)element.Attribute("default") is { } defaultId)
            {
                node.DefaultFlow = node.Outgoing.FirstOrDefault(f => f.Id == defaultId);
                if (node.DefaultFlow is null)
                {
                    if (!_refused.Contains(node.Id))
                    {
                        Problem(element, node.Id, $"the default flow '{defaultId}' is not an outgoing flow of '{node.Id}'");
                    }
                }
                else if (node.DefaultFlow.Condition is not null)
                {
                    Problem(element, node.Id, $"the default flow '{defaultId}' must not have a condition");
                }
            }
        }
    }
}
