using System.Runtime.CompilerServices;
using Orchestrator.Dmn.Model;
using Orchestrator.Feel;

namespace Orchestrator.Dmn.Evaluation;

/// <summary>Decision tables prepared once for evaluating them many times.</summary>
internal sealed partial class Evaluator
{
    /// <summary>
    /// A decision table prepared for evaluation: each rule's input entries to test, in order, without those that accept any
    /// input (<c>-</c>), and what a warning calls each of its outputs. Entries of one input with the same text that compare
    /// with constants only (<see cref="FeelUnaryTests.ReadsInputOnly"/>) share a slot: their outcome depends on the input
    /// alone, so one evaluation of the table tests them once. Built at the table's first evaluation and kept as long as the
    /// table is (a table does not change once its model is parsed).
    /// </summary>
    private sealed class CompiledTable
    {
        /// <summary>The slot of an entry whose outcome is not shared.</summary>
        public const int NoSlot = -1;

        private static readonly ConditionalWeakTable<DecisionTable, CompiledTable> Tables = [];

        private CompiledTable(DecisionTable table)
        {
            var slots = new Dictionary<(int Input, string Text), int>();
            Rules = new CompiledRule[table.Rules.Count];
            for (var r = 0; r < Rules.Length; r++)
            {
                var rule = table.Rules[r];
                var count = Math.Min(table.Inputs.Count, rule.InputEntries.Count);
                var entries = new List<CompiledEntry>(count);
                for (var i = 0; i < count; i++)
                {
                    var tests = rule.InputEntries[i].Tests;
                    if (tests is { AcceptsAnyInput: true })
                    {
                        continue;
                    }

                    var slot = NoSlot;
                    if (tests is { ReadsInputOnly: true } && !slots.TryGetValue((i, tests.Text), out slot))
                    {
                        slot = slots.Count;
                        slots.Add((i, tests.Text), slot);
                    }

                    entries.Add(new CompiledEntry(i, tests, slot));
                }

                var outputs = new string[table.Outputs.Count];
                for (var o = 0; o < outputs.Length; o++)
                {
                    outputs[o] = $"output '{table.Outputs[o].Name}' of rule {Describe(rule)}";
                }

                Rules[r] = new CompiledRule(rule, [.. entries], outputs);
            }

            Slots = slots.Count;
        }

        /// <summary>The rules, in table order.</summary>
        public CompiledRule[] Rules { get; }

        /// <summary>How many shared outcomes an evaluation keeps.</summary>
        public int Slots { get; }

        /// <summary>The prepared form of <paramref name="table"/>, built once.</summary>
        public static CompiledTable Of(DecisionTable table) => Tables.GetValue(table, static t => new CompiledTable(t));
    }

    /// <summary>A rule, the input entries it tests in order, and what a type warning calls each of its outputs.</summary>
    private sealed record CompiledRule(TableRule Rule, CompiledEntry[] Entries, string[] Outputs);

    /// <summary>
    /// An input entry to test: the input's position, its unary tests (null when they did not compile), and the slot of its
    /// outcome (<see cref="CompiledTable.NoSlot"/> when it is not shared).
    /// </summary>
    private readonly record struct CompiledEntry(int Input, FeelUnaryTests? Tests, int Slot);
}
