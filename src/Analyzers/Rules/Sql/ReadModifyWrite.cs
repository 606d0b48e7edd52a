using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using RaceAnalyzers.Flow;
using RaceAnalyzers.Sql;

namespace RaceAnalyzers.Rules.Sql
{
    /// <summary>
    /// One RACE004 finding in the shape the atomic rewrite handles: the UPDATE writes <see cref="ReadValue"/>
    /// (the value the SELECT returned) plus or minus <see cref="Delta"/>.
    /// </summary>
    internal sealed class ReadModifyWrite
    {
        private readonly HashSet<ISymbol> _readResults;
        private readonly ValueRoots _roots;

        public ReadModifyWrite(SqlExecution update, IOperation readValue, IOperation delta, HashSet<ISymbol> readResults, ValueRoots roots)
        {
            Update = update;
            ReadValue = readValue;
            Delta = delta;
            _readResults = readResults;
            _roots = roots;
        }

        public SqlExecution Update { get; }

        /// <summary>The read operand of the computation: <c>onHand</c> in <c>onHand - qty</c>, <c>product.Stock</c>.</summary>
        public IOperation ReadValue { get; }

        public IOperation Delta { get; }

        /// <summary>True when the read's result flows into <paramref name="operand"/>.</summary>
        public bool FromRead(IOperation operand) => _roots.Of(operand, everyValue: true).Overlaps(_readResults);
    }
}
