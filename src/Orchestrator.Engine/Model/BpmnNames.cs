using System.Xml.Linq;

namespace Orchestrator.Engine.Model;

/// <summary>The XML namespaces of BPMN 2.0 and Camunda 8's extensions.</summary>
internal static class BpmnNames
{
    public static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace Zeebe = "http://camunda.org/schema/zeebe/1.0";
}
