using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Rules.Sql
{
    /// <summary>Where a query's result goes: the locals it is stored in, or the expression it is used in directly.</summary>
    internal static class QueryResults
    {
        /// <summary>The locals a query's result is stored in: <c>var stock = await db.QuerySingleAsync&lt;int&gt;(…)</c>, the reader, the row.</summary>
        public static HashSet<ISymbol> SymbolsOf(IInvocationOperation call)
        {
            var symbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            for (var current = call.Parent; current != null && !(current is IBlockOperation) && !(current is IExpressionStatementOperation); current = current.Parent)
            {
                switch (current)
                {
                    case IVariableDeclaratorOperation declarator:
                        symbols.Add(declarator.Symbol);
                        return symbols;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local }:
                        symbols.Add(local.Local);
                        return symbols;
                    case IDeconstructionAssignmentOperation deconstruction:
                        foreach (var target in deconstruction.Target.DescendantsAndSelf())
                        {
                            if (target is ILocalReferenceOperation local)
                            {
                                symbols.Add(local.Local);
                            }
                        }

                        return symbols;
                }
            }

            return symbols;
        }

        /// <summary><paramref name="value"/> contains <paramref name="call"/> itself: the result is used where it is read.</summary>
        public static bool UsedIn(IOperation value, IInvocationOperation call)
        {
            foreach (var operation in value.DescendantsAndSelf())
            {
                if (operation.Syntax == call.Syntax)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
