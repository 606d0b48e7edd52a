using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace RaceAnalyzers.Flow
{
    /// <summary>One top-level operation of a basic block (a statement, or the block's branch condition).</summary>
    internal readonly struct FlowStep : IEquatable<FlowStep>
    {
        public FlowStep(ControlFlowGraph graph, BasicBlock block, int index)
        {
            Graph = graph;
            Block = block;
            Index = index;
        }

        public ControlFlowGraph Graph { get; }
        public BasicBlock Block { get; }
        public int Index { get; }

        public IOperation Operation => Index < Block.Operations.Length ? Block.Operations[Index] : Block.BranchValue!;

        public static int CountIn(BasicBlock block) => block.Operations.Length + (block.BranchValue != null ? 1 : 0);

        public bool Equals(FlowStep other) => ReferenceEquals(Block, other.Block) && Index == other.Index;

        public override bool Equals(object? obj) => obj is FlowStep other && Equals(other);

        public override int GetHashCode() => (Block.GetHashCode() * 397) ^ Index;
    }
}
