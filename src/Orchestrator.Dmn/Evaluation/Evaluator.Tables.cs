using Orchestrator.Dmn.Model;
using Orchestrator.Feel.Values;

namespace Orchestrator.Dmn.Evaluation;

/// <summary>Decision tables (DMN 1.5 chapter 8): inputs, rules, hit policies and aggregations.</summary>
internal sealed partial class Evaluator
{
    private FeelValue EvaluateTable(DecisionTable table, Scope scope)
    {
        var record = _records.TryPeek(out var top) && top.Inputs.Count == 0 && top.Rules.Count == 0 ? top : null;
        var inputs = new FeelValue[table.Inputs.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var input = table.Inputs[i];
            var value = Literal(input.Expression, scope);
            if (input.Allowed is { } allowed && value is not FeelNull && allowed.Evaluate(value, scope).Value is not FeelBoolean { Value: true })
            {
                throw Fail($"the value {Shorten(value)} of input '{input.Label}' is not among its input values ({input.AllowedText})", null);
            }

            inputs[i] = value;
            record?.Inputs.Add(new DmnEvaluatedInput(input.Id, input.Label, value));
        }

        var matched = new List<(TableRule Rule, FeelValue[] Outputs)>();
        foreach (var rule in table.Rules)
        {
            if (!Matches(rule, inputs, scope))
            {
                continue;
            }

            var outputs = new FeelValue[table.Outputs.Count];
            for (var o = 0; o < outputs.Length && o < rule.OutputEntries.Count; o++)
            {
                outputs[o] = CheckOutput(table.Outputs[o], Literal(rule.OutputEntries[o], scope), rule);
            }

            matched.Add((rule, outputs));
            record?.Rules.Add(new DmnMatchedRule(rule.Id, rule.Index, [.. table.Outputs.Select((output, o) => new DmnEvaluatedOutput(output.Id, output.Name ?? "output", outputs[o]))]));
            if (table.HitPolicy == HitPolicy.First)
            {
                break;
            }
        }

        if (matched.Count == 0)
        {
            return NoMatch(table, scope);
        }

        switch (table.HitPolicy)
        {
            case HitPolicy.Unique when matched.Count > 1:
                throw Fail($"rules {Describe(matched[0].Rule)} and {Describe(matched[1].Rule)} both match, which the UNIQUE hit policy forbids", null, matched[1].Rule.Id);
            case HitPolicy.Any when matched.Skip(1).FirstOrDefault(m => !SameOutputs(m.Outputs, matched[0].Outputs)) is { Rule: not null } other:
                throw Fail($"rules {Describe(matched[0].Rule)} and {Describe(other.Rule)} match with different outputs, which the ANY hit policy forbids", null, other.Rule.Id);
            case HitPolicy.Unique or HitPolicy.Any or HitPolicy.First:
                return Result(table, matched[0].Outputs);
            case HitPolicy.Priority:
                return Result(table, matched.OrderBy(m => m.Outputs, new PriorityComparer(table)).First().Outputs);
            case HitPolicy.OutputOrder:
                return new FeelList(matched.OrderBy(m => m.Outputs, new PriorityComparer(table)).Select(m => Result(table, m.Outputs)));
            case HitPolicy.RuleOrder:
                return new FeelList(matched.Select(m => Result(table, m.Outputs)));
            default:
                return Collect(table, matched.Select(m => m.Outputs[0]).ToList(), matched.Select(m => Result(table, m.Outputs)));
        }
    }

    private static bool Matches(TableRule rule, FeelValue[] inputs, Scope scope)
    {
        for (var i = 0; i < inputs.Length && i < rule.InputEntries.Count; i++)
        {
            var (text, tests) = rule.InputEntries[i];
            if (tests is null)
            {
                throw Fail($"rule {Describe(rule)}, input entry {i + 1}: '{text}' is not valid FEEL unary tests", null, rule.Id);
            }

            if (tests.Evaluate(inputs[i], scope).Value is not FeelBoolean { Value: true })
            {
                return false;
            }
        }

        return true;
    }

    private FeelValue CheckOutput(TableOutput output, FeelValue value, TableRule rule)
    {
        if (output.Allowed is { } allowed && value is not FeelNull && allowed.Evaluate(value).Value is not FeelBoolean { Value: true })
        {
            throw Fail($"rule {Describe(rule)} gives {Shorten(value)} for output '{output.Name ?? "output"}', which is not among its output values ({output.AllowedText})", null, rule.Id);
        }

        return output.TypeRef is null ? value : Coerce(value, output.TypeRef, _owner, $"output '{output.Name}' of rule {Describe(rule)}");
    }

    /// <summary>No rule matched: the default output entries (null where an output has none), or null when no output has one.</summary>
    private FeelValue NoMatch(DecisionTable table, Scope scope)
    {
        if (table.Aggregation == Aggregation.Count)
        {
            return FeelNumber.Zero;
        }

        if (table.Outputs.All(o => o.Default is null))
        {
            return table.HitPolicy is HitPolicy.Collect or HitPolicy.RuleOrder or HitPolicy.OutputOrder && table.Aggregation == Aggregation.None
                ? FeelList.Empty
                : FeelNull.Instance;
        }

        var defaults = table.Outputs.Select(o => o.Default is null ? FeelNull.Instance : Literal(o.Default, scope)).ToArray();
        return Result(table, defaults);
    }

    private static FeelValue Result(DecisionTable table, FeelValue[] outputs) =>
        table.Outputs.Count == 1
            ? outputs[0]
            : new FeelContext(table.Outputs.Select((output, o) => new KeyValuePair<string, FeelValue>(output.Name!, outputs[o])));

    private FeelValue Collect(DecisionTable table, List<FeelValue> values, IEnumerable<FeelValue> results)
    {
        switch (table.Aggregation)
        {
            case Aggregation.None:
                return new FeelList(results);
            case Aggregation.Count:
                return FeelNumber.Of(values.Count);
            case Aggregation.Sum:
                var sum = 0m;
                foreach (var value in values)
                {
                    if (value is not FeelNumber number)
                    {
                        throw Fail($"COLLECT SUM needs numbers but a rule gave {Shorten(value)}", null);
                    }

                    sum += number.Value;
                }

                return FeelNumber.Of(sum);
            default:
                var name = table.Aggregation == Aggregation.Min ? "min" : "max";
                var list = new Scope(null);
                list.Set("values", new FeelList(values));
                var result = _feel.Evaluate(name + "(values)", list);
                if (result.Value is FeelNull && values.Count > 0)
                {
                    throw Fail($"COLLECT {name.ToUpperInvariant()} cannot compare the rules' outputs ({string.Join(", ", values.Select(Shorten))})", null);
                }

                return result.Value;
        }
    }

    private static bool SameOutputs(FeelValue[] left, FeelValue[] right)
    {
        for (var i = 0; i < left.Length; i++)
        {
            if (!left[i].Equals(right[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(TableRule rule) => rule.Id is null ? rule.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{rule.Index} ({rule.Id})";

    /// <summary>Ranks rule outputs by the outputs' listed values, first listed first, output by output; unlisted values last.</summary>
    private sealed class PriorityComparer(DecisionTable table) : IComparer<FeelValue[]>
    {
        public int Compare(FeelValue[]? x, FeelValue[]? y)
        {
            for (var o = 0; o < table.Outputs.Count; o++)
            {
                var order = Rank(table.Outputs[o], x![o]).CompareTo(Rank(table.Outputs[o], y![o]));
                if (order != 0)
                {
                    return order;
                }
            }

            return 0;
        }

        private static int Rank(TableOutput output, FeelValue value)
        {
            var priorities = output.Priorities ?? [];
            for (var i = 0; i < priorities.Length; i++)
            {
                if (priorities[i].Equals(value))
                {
                    return i;
                }
            }

            return int.MaxValue;
        }
    }
}
