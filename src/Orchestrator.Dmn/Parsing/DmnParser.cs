using System.Xml;
using System.Xml.Linq;
using Orchestrator.Dmn.Model;
using Orchestrator.Feel;

namespace Orchestrator.Dmn.Parsing;

/// <summary>
/// Reads DMN 1.1–1.5 XML into the model, collecting every problem instead of stopping at the first; then compiles every FEEL
/// text once the names the model declares are known (so <c>Pre-Bureau Risk Category</c> reads as one name).
/// </summary>
internal sealed class DmnParser
{
    private const string DmnNamespacePrefix = "www.omg.org/spec/DMN/";

    /// <summary>How deep boxed expressions may nest (a context in a list in a context…).</summary>
    public const int MaxNesting = 64;

    /// <summary>The longest id of a decision, a model or another element a deployment may give (they are indexed in the database).</summary>
    public const int MaxIdLength = 256;

    private static readonly string[] ExpressionNames =
        ["literalExpression", "decisionTable", "context", "invocation", "relation", "list", "functionDefinition", "conditional", "filter", "for", "some", "every"];

    private readonly List<DmnProblem> _problems;
    private readonly HashSet<DmnProblem> _syntaxErrors;
    private readonly List<Action<IReadOnlyCollection<string>>> _compilations = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly FeelEngine _feel;
    private readonly string _source;
    private XNamespace _ns = XNamespace.None;
    private int _depth;
    private Definitions _definitions = null!;

    private DmnParser(string source, FeelEngine feel, List<DmnProblem> problems, HashSet<DmnProblem> syntaxErrors)
    {
        _source = source;
        _feel = feel;
        _problems = problems;
        _syntaxErrors = syntaxErrors;
    }

    /// <summary>The names a model declares (its elements, context entries, parameters, components), for compiling models that import it.</summary>
    public IReadOnlyCollection<string> Names => _names;

    /// <summary>Reads one model; returns null when it is not DMN at all (the problem is recorded).</summary>
    /// <param name="source">The model.</param>
    /// <param name="feel">The FEEL engine that compiles its expressions.</param>
    /// <param name="problems">Where every problem goes.</param>
    /// <param name="syntaxErrors">Where FEEL syntax errors also go (the expressions at fault fail when evaluated).</param>
    public static (Definitions? Model, DmnParser Parser) Read(DmnSource source, FeelEngine feel, List<DmnProblem> problems, HashSet<DmnProblem> syntaxErrors)
    {
        var parser = new DmnParser(source.Name, feel, problems, syntaxErrors);
        return (parser.ReadDocument(source.Xml), parser);
    }

    /// <summary>Compiles every FEEL text of the model with its own names and those of the models it imports.</summary>
    public void Compile(IEnumerable<string> importedNames)
    {
        var names = new HashSet<string>(_names, StringComparer.Ordinal);
        names.UnionWith(importedNames);
        foreach (var compile in _compilations)
        {
            compile(names);
        }
    }

    private Definitions? ReadDocument(string xml)
    {
        if (ModelXml.TooDeep(xml) is { } deep)
        {
            _problems.Add(new DmnProblem(_source, null, deep.Line, $"elements nest more than {ModelXml.MaxDepth} levels deep here (column {deep.Column}); no model needs as many"));
            return null;
        }

        XDocument document;
        try
        {
            document = ModelXml.Load(xml);
        }
        catch (XmlException ex)
        {
            _problems.Add(new DmnProblem(_source, null, ModelXml.Line(ex, xml), "the XML is not well-formed: " + ex.Message));
            return null;
        }

        var root = document.Root!;
        if (root.Name.LocalName != "definitions" || !root.Name.NamespaceName.Contains(DmnNamespacePrefix, StringComparison.Ordinal))
        {
            Problem(root, null, $"the document is not DMN: its root is '{root.Name.LocalName}' in namespace '{root.Name.NamespaceName}', not a DMN 1.1–1.5 'definitions'");
            return null;
        }

        _ns = root.Name.Namespace;
        var ns = (string?)root.Attribute("namespace");
        if (string.IsNullOrWhiteSpace(ns))
        {
            Problem(root, (string?)root.Attribute("id"), "the definitions have no namespace");
        }

        var definitionsId = (string?)root.Attribute("id");
        if ((definitionsId ?? "").Length > MaxIdLength || ((string?)root.Attribute("name") ?? "").Length > MaxIdLength)
        {
            Problem(root, null, $"the definitions' id and name may be at most {MaxIdLength} characters long");
        }

        _definitions = new Definitions(_source, ns ?? "", (string?)root.Attribute("name") ?? _source, (string?)root.Attribute("id"));
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var element in root.Descendants())
        {
            if ((string?)element.Attribute("id") is { Length: > 0 } id && element.Name.Namespace == _ns)
            {
                if (ids.TryGetValue(id, out var first))
                {
                    Problem(element, id, $"the id is used twice (first on line {first})");
                }
                else
                {
                    ids.Add(id, Line(element));
                }
            }
        }

        foreach (var element in root.Elements())
        {
            if (element.Name.Namespace != _ns)
            {
                continue;
            }

            switch (element.Name.LocalName)
            {
                case "import":
                    ReadImport(element);
                    break;
                case "itemDefinition":
                    var item = ReadItemDefinition(element);
                    if (!_definitions.ItemDefinitions.TryAdd(item.Name, item))
                    {
                        Problem(element, (string?)element.Attribute("id"), $"item definition '{item.Name}' is defined twice");
                    }

                    break;
                case "inputData":
                    Add(ReadElement(element, (id, name, line) => new InputData(_definitions, id, name, line)));
                    break;
                case "decision":
                    Add(ReadDecision(element));
                    break;
                case "businessKnowledgeModel":
                    Add(ReadKnowledgeModel(element));
                    break;
                case "decisionService":
                    Add(ReadDecisionService(element));
                    break;
                default:
                    // Knowledge sources, text annotations, associations, groups: documentation, nothing to run.
                    break;
            }
        }

        // Two elements with one name are not refused: Camunda deploys such models (a requirement reaches its element by href).
        return _definitions;
    }

    private void Add(DrgElement? element)
    {
        if (element is not null)
        {
            _definitions.Elements.Add(element);
            _names.Add(element.Name);
        }
    }

    private void ReadImport(XElement element)
    {
        var ns = (string?)element.Attribute("namespace");
        if (string.IsNullOrEmpty(ns))
        {
            Problem(element, (string?)element.Attribute("id"), "the import has no namespace");
            return;
        }

        var type = (string?)element.Attribute("importType") ?? "";
        if (!type.Contains(DmnNamespacePrefix, StringComparison.Ordinal))
        {
            // XML Schema or PMML imports carry no DMN elements; only DMN imports add names.
            return;
        }

        _definitions.Imports.Add(new Import(ns, (string?)element.Attribute("name") ?? "", Line(element)));
    }

    private ItemDefinition ReadItemDefinition(XElement element)
    {
        var name = (string?)element.Attribute("name") ?? "";
        if (name.Length == 0)
        {
            Problem(element, (string?)element.Attribute("id"), "the item definition has no name");
        }

        var item = new ItemDefinition(name, Line(element))
        {
            TypeRef = Text(element.Element(_ns + "typeRef")) ?? (string?)element.Attribute("typeRef"),
            IsCollection = string.Equals((string?)element.Attribute("isCollection"), "true", StringComparison.Ordinal),
            IsFunction = element.Element(_ns + "functionItem") is not null,
        };
        _names.Add(name);
        var allowed = element.Element(_ns + "allowedValues") ?? element.Element(_ns + "typeConstraint");
        if (Text(allowed?.Element(_ns + "text")) is { Length: > 0 } text)
        {
            var where = $"the allowed values of item definition '{name}'";
            _compilations.Add(names => item.AllowedValues = UnaryTests(text, names, allowed!, (string?)element.Attribute("id"), where));
        }

        foreach (var component in element.Elements(_ns + "itemComponent"))
        {
            item.Components.Add(ReadItemDefinition(component));
        }

        return item;
    }

    private T? ReadElement<T>(XElement element, Func<string, string, int, T> create)
        where T : DrgElement
    {
        var id = (string?)element.Attribute("id");
        var name = (string?)element.Attribute("name");
        if (string.IsNullOrEmpty(name))
        {
            Problem(element, id, $"the {element.Name.LocalName} has no name");
            return null;
        }

        if ((id ?? name).Length > MaxIdLength)
        {
            Problem(element, (id ?? name)[..40] + "…", $"the {element.Name.LocalName}'s id is {(id ?? name).Length} characters long; at most {MaxIdLength} are allowed");
            return null;
        }

        // An element without an id can still be required by name-less models' tests; requirements cannot reach it.
        var created = create(string.IsNullOrEmpty(id) ? name : id, name, Line(element));

        // The element's name is its variable's name (DMN 1.5 6.3.2); a variable named otherwise, which Camunda's modeler
        // writes and Camunda deploys, is read by the element's name.
        created.TypeRef = (string?)element.Element(_ns + "variable")?.Attribute("typeRef");
        return created;
    }

    private Decision? ReadDecision(XElement element)
    {
        var decision = ReadElement(element, (id, name, line) => new Decision(_definitions, id, name, line));
        if (decision is null)
        {
            return null;
        }

        foreach (var requirement in element.Elements(_ns + "informationRequirement"))
        {
            foreach (var required in requirement.Elements().Where(e => e.Name.LocalName is "requiredDecision" or "requiredInput"))
            {
                decision.Information.Add(Href(required));
            }
        }

        decision.Knowledge.AddRange(KnowledgeRequirements(element));
        decision.VersionTag = (string?)element.Element(_ns + "extensionElements")?.Elements().FirstOrDefault(e => e.Name.LocalName == "versionTag")?.Attribute("value");
        if (FirstExpression(element) is { } logic)
        {
            decision.Logic = ReadExpression(logic, $"decision '{decision.Name}'");
        }

        return decision;
    }

    private KnowledgeModel? ReadKnowledgeModel(XElement element)
    {
        var model = ReadElement(element, (id, name, line) => new KnowledgeModel(_definitions, id, name, line));
        if (model is null)
        {
            return null;
        }

        model.Knowledge.AddRange(KnowledgeRequirements(element));
        if (element.Element(_ns + "encapsulatedLogic") is { } logic)
        {
            model.Logic = ReadFunction(logic, $"business knowledge model '{model.Name}'");
        }

        return model;
    }

    private DecisionService? ReadDecisionService(XElement element)
    {
        var service = ReadElement(element, (id, name, line) => new DecisionService(_definitions, id, name, line));
        if (service is null)
        {
            return null;
        }

        service.Outputs.AddRange(element.Elements(_ns + "outputDecision").Select(Href));
        service.Encapsulated.AddRange(element.Elements(_ns + "encapsulatedDecision").Select(Href));
        service.InputDecisions.AddRange(element.Elements(_ns + "inputDecision").Select(Href));
        service.Inputs.AddRange(element.Elements(_ns + "inputData").Select(Href));
        return service;
    }

    private List<Requirement> KnowledgeRequirements(XElement element) =>
        element.Elements(_ns + "knowledgeRequirement").SelectMany(r => r.Elements(_ns + "requiredKnowledge")).Select(Href).ToList();

    private Requirement Href(XElement element)
    {
        var href = (string?)element.Attribute("href") ?? "";
        if (href.Length == 0)
        {
            Problem(element, null, $"the {element.Name.LocalName} has no href");
        }

        return new Requirement(href, Line(element));
    }

    private XElement? FirstExpression(XElement parent) =>
        parent.Elements().FirstOrDefault(e => e.Name.Namespace == _ns && ExpressionNames.Contains(e.Name.LocalName));

    private BoxedExpression? ReadExpression(XElement element, string where)
    {
        var id = (string?)element.Attribute("id");
        if (_depth >= MaxNesting || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Problem(element, id, $"{Shorten(where)}: the expressions are nested more than {MaxNesting} levels deep");
            return null;
        }

        _depth++;
        try
        {
            return ReadNested(element, id, where);
        }
        finally
        {
            _depth--;
        }
    }

    private BoxedExpression? ReadNested(XElement element, string? id, string where)
    {
        BoxedExpression? expression = element.Name.LocalName switch
        {
            "literalExpression" => ReadLiteral(element, where),
            "decisionTable" => ReadDecisionTable(element, where),
            "context" => ReadContext(element, where),
            "invocation" => ReadInvocation(element, where),
            "relation" => ReadRelation(element, where),
            "list" => ReadList(element, where),
            "functionDefinition" => ReadFunction(element, where),
            "conditional" => ReadConditional(element, where),
            "filter" => ReadFilter(element, where),
            "for" => ReadIterator(element, IteratorKind.For, "return", where),
            "some" => ReadIterator(element, IteratorKind.Some, "satisfies", where),
            "every" => ReadIterator(element, IteratorKind.Every, "satisfies", where),
            _ => null,
        };
        if (expression is null)
        {
            if (!ExpressionNames.Contains(element.Name.LocalName))
            {
                Problem(element, id, $"{where}: '{element.Name.LocalName}' is not a DMN expression");
            }

            return null;
        }

        expression.TypeRef = (string?)element.Attribute("typeRef");
        return expression;
    }

    /// <summary>The expression inside a wrapper element (a context entry, a binding, <c>if</c>/<c>then</c>/<c>in</c>…); null with a problem when it holds none.</summary>
    private BoxedExpression? Inner(XElement? wrapper, XElement parent, string where, bool required = true)
    {
        if (wrapper is not null && FirstExpression(wrapper) is { } inner)
        {
            return ReadExpression(inner, where);
        }

        if (required)
        {
            Problem(wrapper ?? parent, (string?)parent.Attribute("id"), $"{where} has no expression");
        }

        return null;
    }

    private LiteralExpression ReadLiteral(XElement element, string where)
    {
        var language = (string?)element.Attribute("expressionLanguage");
        if (language is not null && !language.Contains("FEEL", StringComparison.OrdinalIgnoreCase))
        {
            Problem(element, (string?)element.Attribute("id"), $"{where}: the expression language '{language}' is not supported (only FEEL runs)");
        }

        return TableCell(element, where);
    }

    /// <summary>FEEL text in a <c>text</c> child (a literal expression, or a decision table's input expression or output entry), compiled once the names are known.</summary>
    /// <param name="element">The cell (its <c>text</c> child holds the FEEL).</param>
    /// <param name="where">What problems say the cell is.</param>
    /// <param name="owner">The id a problem names when the cell has none of its own (a table input's, for its input expression).</param>
    private LiteralExpression TableCell(XElement element, string where, string? owner = null)
    {
        var id = (string?)element.Attribute("id");
        var text = Text(element.Element(_ns + "text")) ?? "";
        var literal = new LiteralExpression(id, Line(element), text);
        if (text.Trim().Length > 0)
        {
            _compilations.Add(names => literal.Compiled = Expression(text, names, element, id ?? owner, where, literal));
        }

        return literal;
    }

    private DecisionTable ReadDecisionTable(XElement element, string where)
    {
        var id = (string?)element.Attribute("id");
        var table = new DecisionTable(id, Line(element));
        var policy = (string?)element.Attribute("hitPolicy") ?? "UNIQUE";
        HitPolicy? hit = policy switch
        {
            "UNIQUE" => HitPolicy.Unique,
            "FIRST" => HitPolicy.First,
            "PRIORITY" => HitPolicy.Priority,
            "ANY" => HitPolicy.Any,
            "COLLECT" => HitPolicy.Collect,
            "RULE ORDER" => HitPolicy.RuleOrder,
            "OUTPUT ORDER" => HitPolicy.OutputOrder,
            _ => null,
        };
        if (hit is null)
        {
            Problem(element, id, $"{where}: unknown hit policy '{policy}' (UNIQUE, FIRST, PRIORITY, ANY, COLLECT, RULE ORDER or OUTPUT ORDER)");
        }

        table.HitPolicy = hit ?? HitPolicy.Unique;
        if ((string?)element.Attribute("aggregation") is { } aggregation)
        {
            table.Aggregation = aggregation switch
            {
                "SUM" => Aggregation.Sum,
                "MIN" => Aggregation.Min,
                "MAX" => Aggregation.Max,
                "COUNT" => Aggregation.Count,
                _ => Aggregation.None,
            };
            if (table.Aggregation == Aggregation.None)
            {
                Problem(element, id, $"{where}: unknown aggregation '{aggregation}' (SUM, MIN, MAX or COUNT)");
            }
            else if (table.HitPolicy != HitPolicy.Collect)
            {
                Problem(element, id, $"{where}: an aggregation goes only with the COLLECT hit policy, not {policy}");
            }
        }

        var index = 0;
        foreach (var input in element.Elements(_ns + "input"))
        {
            index++;
            var inputId = (string?)input.Attribute("id");
            var expression = input.Element(_ns + "inputExpression");
            var label = (string?)input.Attribute("label") ?? Text(expression?.Element(_ns + "text")) ?? $"input {index}";
            var inputWhere = $"{where}, input '{label}'";
            if (expression is null)
            {
                Problem(input, inputId, $"{inputWhere} has no input expression");
            }

            var literal = expression is null ? new LiteralExpression(null, Line(input), "") : TableCell(expression, inputWhere, inputId);
            literal.TypeRef = (string?)expression?.Attribute("typeRef");
            var tableInput = new TableInput(inputId, Line(input), label, literal);
            if (Text(input.Element(_ns + "inputValues")?.Element(_ns + "text")) is { Length: > 0 } allowed)
            {
                tableInput.AllowedText = allowed;
                _compilations.Add(names => tableInput.Allowed = UnaryTests(allowed, names, input, inputId, inputWhere + "'s input values"));
            }

            table.Inputs.Add(tableInput);
        }

        foreach (var output in element.Elements(_ns + "output"))
        {
            var outputId = (string?)output.Attribute("id");
            var name = (string?)output.Attribute("name");
            var tableOutput = new TableOutput(outputId, Line(output), name) { TypeRef = (string?)output.Attribute("typeRef") };
            if (name is not null)
            {
                _names.Add(name);
            }

            var outputWhere = $"{where}, output '{name ?? (table.Outputs.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}'";
            if (Text(output.Element(_ns + "outputValues")?.Element(_ns + "text")) is { Length: > 0 } allowed)
            {
                tableOutput.AllowedText = allowed;
                _compilations.Add(names =>
                {
                    tableOutput.Allowed = UnaryTests(allowed, names, output, outputId, outputWhere + "'s output values");
                    tableOutput.Priorities = Priorities(allowed, names, output, outputId, outputWhere);
                });
            }

            if (output.Element(_ns + "defaultOutputEntry") is { } fallback)
            {
                tableOutput.Default = TableCell(fallback, outputWhere + "'s default output");
            }

            table.Outputs.Add(tableOutput);
        }

        if (table.Outputs.Count == 0)
        {
            Problem(element, id, $"{where}: the decision table has no output");
        }
        else if (table.Outputs.Count > 1)
        {
            if (table.Outputs.Any(o => string.IsNullOrEmpty(o.Name)))
            {
                Problem(element, id, $"{where}: a decision table with several outputs must name each of them");
            }

            if (table.Aggregation != Aggregation.None)
            {
                Problem(element, id, $"{where}: an aggregation needs a single output, not {table.Outputs.Count}");
            }
        }

        index = 0;
        foreach (var ruleElement in element.Elements(_ns + "rule"))
        {
            index++;
            var ruleId = (string?)ruleElement.Attribute("id");
            var rule = new TableRule(ruleId, Line(ruleElement), index);
            var ruleWhere = $"{where}, rule {index}{(ruleId is null ? "" : $" ({ruleId})")}";
            var entry = 0;
            foreach (var inputEntry in ruleElement.Elements(_ns + "inputEntry"))
            {
                entry++;
                var text = Text(inputEntry.Element(_ns + "text")) ?? "";
                var position = rule.InputEntries.Count;
                rule.InputEntries.Add((text, null));
                var entryWhere = $"{ruleWhere}, input entry {entry}";
                _compilations.Add(names => rule.InputEntries[position] = (text, UnaryTests(text.Trim().Length == 0 ? "-" : text, names, inputEntry, ruleId, entryWhere)));
            }

            entry = 0;
            foreach (var outputEntry in ruleElement.Elements(_ns + "outputEntry"))
            {
                entry++;
                rule.OutputEntries.Add(TableCell(outputEntry, $"{ruleWhere}, output entry {entry}"));
            }

            if (rule.InputEntries.Count != table.Inputs.Count || rule.OutputEntries.Count != table.Outputs.Count)
            {
                Problem(ruleElement, ruleId, $"{ruleWhere} has {rule.InputEntries.Count} input and {rule.OutputEntries.Count} output entries but the table has {table.Inputs.Count} inputs and {table.Outputs.Count} outputs");
            }

            table.Rules.Add(rule);
        }

        return table;
    }

    private ContextExpression ReadContext(XElement element, string where)
    {
        var context = new ContextExpression((string?)element.Attribute("id"), Line(element));
        foreach (var entry in element.Elements(_ns + "contextEntry"))
        {
            var variable = entry.Element(_ns + "variable");
            var name = (string?)variable?.Attribute("name");
            if (name is not null)
            {
                _names.Add(name);
            }

            var entryWhere = name is null ? $"{where}, the result entry" : $"{where}, entry '{name}'";
            if (Inner(entry, element, entryWhere) is { } value)
            {
                context.Entries.Add((name, (string?)variable?.Attribute("typeRef"), value));
            }
        }

        return context;
    }

    private Invocation? ReadInvocation(XElement element, string where)
    {
        var id = (string?)element.Attribute("id");
        var callee = FirstExpression(element) is { } first ? ReadExpression(first, where + ", the invoked function") : null;
        if (callee is null)
        {
            Problem(element, id, $"{where}: the invocation names no function");
            return null;
        }

        var invocation = new Invocation(id, Line(element), callee);
        foreach (var binding in element.Elements(_ns + "binding"))
        {
            var parameter = (string?)binding.Element(_ns + "parameter")?.Attribute("name");
            if (parameter is null)
            {
                Problem(binding, id, $"{where}: a binding has no parameter name");
                continue;
            }

            _names.Add(parameter);
            invocation.Bindings.Add((parameter, Inner(binding, element, $"{where}, parameter '{parameter}'", required: false)));
        }

        return invocation;
    }

    private Relation ReadRelation(XElement element, string where)
    {
        var relation = new Relation((string?)element.Attribute("id"), Line(element));
        foreach (var column in element.Elements(_ns + "column"))
        {
            var name = (string?)column.Attribute("name") ?? "";
            relation.Columns.Add(name);
            _names.Add(name);
        }

        var index = 0;
        foreach (var row in element.Elements(_ns + "row"))
        {
            index++;
            var cells = row.Elements().Where(e => e.Name.Namespace == _ns && ExpressionNames.Contains(e.Name.LocalName)).ToList();
            if (cells.Count != relation.Columns.Count)
            {
                Problem(row, (string?)row.Attribute("id"), $"{where}: row {index} has {cells.Count} cells but the relation has {relation.Columns.Count} columns");
            }

            relation.Rows.Add([.. cells.Select((cell, i) => ReadExpression(cell, $"{where}, row {index}, column '{(i < relation.Columns.Count ? relation.Columns[i] : "?")}'"))]);
        }

        return relation;
    }

    private ListExpression ReadList(XElement element, string where)
    {
        var list = new ListExpression((string?)element.Attribute("id"), Line(element));
        var index = 0;
        foreach (var item in element.Elements().Where(e => e.Name.Namespace == _ns && ExpressionNames.Contains(e.Name.LocalName)))
        {
            index++;
            if (ReadExpression(item, $"{where}, item {index}") is { } value)
            {
                list.Items.Add(value);
            }
        }

        return list;
    }

    private FunctionDefinition ReadFunction(XElement element, string where)
    {
        var function = new FunctionDefinition((string?)element.Attribute("id"), Line(element), (string?)element.Attribute("kind") ?? "FEEL");
        foreach (var parameter in element.Elements(_ns + "formalParameter"))
        {
            var name = (string?)parameter.Attribute("name") ?? "";
            function.Parameters.Add((name, (string?)parameter.Attribute("typeRef")));
            _names.Add(name);
        }

        if (function.Kind is not ("FEEL" or "Java" or "PMML"))
        {
            Problem(element, function.Id, $"{where}: unknown function kind '{function.Kind}' (FEEL, Java or PMML)");
        }

        if (FirstExpression(element) is { } body)
        {
            // Java and PMML bodies are contexts naming a class or a model; they are kept to say so when invoked.
            function.Body = ReadExpression(body, where);
        }

        return function;
    }

    private Conditional? ReadConditional(XElement element, string where)
    {
        var condition = Inner(element.Element(_ns + "if"), element, $"{where}, if");
        var then = Inner(element.Element(_ns + "then"), element, $"{where}, then");
        var otherwise = Inner(element.Element(_ns + "else"), element, $"{where}, else");
        return condition is null || then is null || otherwise is null ? null : new Conditional((string?)element.Attribute("id"), Line(element), condition, then, otherwise);
    }

    private Filter? ReadFilter(XElement element, string where)
    {
        var source = Inner(element.Element(_ns + "in"), element, $"{where}, in");
        var match = Inner(element.Element(_ns + "match"), element, $"{where}, match");
        return source is null || match is null ? null : new Filter((string?)element.Attribute("id"), Line(element), source, match);
    }

    private Iterator? ReadIterator(XElement element, IteratorKind kind, string bodyName, string where)
    {
        var variable = (string?)element.Attribute("iteratorVariable");
        if (string.IsNullOrEmpty(variable))
        {
            Problem(element, (string?)element.Attribute("id"), $"{where}: the {element.Name.LocalName} expression has no iterator variable");
            return null;
        }

        _names.Add(variable);
        var source = Inner(element.Element(_ns + "in"), element, $"{where}, in");
        var body = Inner(element.Element(_ns + bodyName), element, $"{where}, {bodyName}");
        return source is null || body is null ? null : new Iterator((string?)element.Attribute("id"), Line(element), kind, variable, source, body);
    }

    private FeelExpression? Expression(string text, IReadOnlyCollection<string> names, XElement element, string? id, string where, LiteralExpression literal)
    {
        if (_feel.TryParse(text, names, out var compiled, out var error))
        {
            return compiled;
        }

        literal.SyntaxError = SyntaxError(element, id, $"{where}: FEEL syntax error at {error} in '{Shorten(text)}'");
        return null;
    }

    private FeelUnaryTests? UnaryTests(string text, IReadOnlyCollection<string> names, XElement element, string? id, string where)
    {
        if (_feel.TryParseUnaryTests(text, names, out var compiled, out var error))
        {
            return compiled;
        }

        SyntaxError(element, id, $"{where}: FEEL syntax error at {error} in '{Shorten(text)}'");
        return null;
    }

    /// <summary>The output values as a list, highest priority first: the text is a comma-separated list of literals.</summary>
    private Feel.Values.FeelValue[]? Priorities(string text, IReadOnlyCollection<string> names, XElement element, string? id, string where)
    {
        if (!_feel.TryParse("[" + text + "]", names, out var compiled, out _))
        {
            return null;
        }

        if (compiled.Evaluate().Value is Feel.Values.FeelList list)
        {
            return [.. list.Items];
        }

        Problem(element, id, $"{where}: the output values '{Shorten(text)}' are not a list of values");
        return null;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    private static string? Text(XElement? element) => element?.Value;

    private static int Line(XElement element) => ((IXmlLineInfo)element).LineNumber;

    private void Problem(XElement element, string? id, string message) => _problems.Add(new DmnProblem(_source, id, Line(element), message));

    private string SyntaxError(XElement element, string? id, string message)
    {
        var problem = new DmnProblem(_source, id, Line(element), message);
        _problems.Add(problem);
        _syntaxErrors.Add(problem);
        return message;
    }
}
