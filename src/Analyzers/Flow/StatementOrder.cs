using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow.Summaries;

namespace RaceAnalyzers.Flow
{
    /// <summary>
    /// The order of role sites that the operation tree alone shows, for the rules that skip a body's control-flow
    /// graph when it is plain: in each function (the body, and each lambda or local function in it, which has a graph
    /// of its own) one kind of call sits in statements of one block before every call of the other kind.
    /// </summary>
    internal static class StatementOrder
    {
        /// <summary>The sites <paramref name="isEarlier"/> or <paramref name="isLater"/> picks, by the function that holds them.</summary>
        public static List<(IOperation Function, List<RoleSite> Earlier, List<RoleSite> Later)> ByFunction(
            List<RoleSite> sites, Func<RoleSite, bool> isEarlier, Func<RoleSite, bool> isLater)
        {
            // A list searched by reference: a body holds a few functions, and hashing an operation the first time is costly.
            var functions = new List<(IOperation Function, List<RoleSite> Earlier, List<RoleSite> Later)>();
            foreach (var site in sites)
            {
                var earlier = isEarlier(site);
                if (!earlier && !isLater(site))
                {
                    continue;
                }

                var function = FunctionOf(site.Call);
                var index = 0;
                while (index < functions.Count && !ReferenceEquals(functions[index].Function, function))
                {
                    index++;
                }

                if (index == functions.Count)
                {
                    functions.Add((function, new List<RoleSite>(), new List<RoleSite>()));
                }

                (earlier ? functions[index].Earlier : functions[index].Later).Add(site);
            }

            return functions;
        }

        /// <summary>
        /// The innermost block of <paramref name="function"/> holding every site, when each of <paramref name="earlier"/>
        /// is in a statement of it before the statement of each of <paramref name="later"/>; with the index of the
        /// first statement holding one of <paramref name="earlier"/>. Null otherwise (one statement holds both kinds).
        /// </summary>
        public static (IBlockOperation Block, int FirstEarlier)? Split(IOperation function, List<RoleSite> earlier, List<RoleSite> later)
        {
            if (!(CommonBlock(function, earlier, later) is { } block))
            {
                return null;
            }

            int firstEarlier = int.MaxValue, lastEarlier = -1;
            foreach (var site in earlier)
            {
                var index = IndexIn(site.Call, block);
                firstEarlier = Math.Min(firstEarlier, index);
                lastEarlier = Math.Max(lastEarlier, index);
            }

            foreach (var site in later)
            {
                if (IndexIn(site.Call, block) <= lastEarlier)
                {
                    return null;
                }
            }

            return (block, firstEarlier);
        }

        /// <summary>True when a loop of <paramref name="function"/> encloses <paramref name="operation"/>.</summary>
        public static bool InLoop(IOperation operation, IOperation function)
        {
            for (var current = operation.Parent; current != null && !ReferenceEquals(current, function); current = current.Parent)
            {
                if (current is ILoopOperation)
                {
                    return true;
                }
            }

            return false;
        }

        public static bool HasGoTo(IOperation function)
        {
            foreach (var operation in BodyOperations.Of(function).Descendants)
            {
                if (operation is IBranchOperation { BranchKind: BranchKind.GoTo })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The function whose graph holds <paramref name="operation"/>: the nearest lambda or local function around it, else the body's root.</summary>
        private static IOperation FunctionOf(IOperation operation)
        {
            var current = operation;
            while (current.Parent != null)
            {
                current = current.Parent;
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return current;
                }
            }

            return current;
        }

        private static IBlockOperation? CommonBlock(IOperation function, List<RoleSite> earlier, List<RoleSite> later)
        {
            var first = earlier.Count > 0 ? earlier[0] : later[0];
            for (var current = first.Call.Parent; current != null && !ReferenceEquals(current, function); current = current.Parent)
            {
                if (current is IBlockOperation block && HoldsAll(block, earlier) && HoldsAll(block, later))
                {
                    return block;
                }
            }

            return null;
        }

        private static bool HoldsAll(IBlockOperation block, List<RoleSite> sites)
        {
            foreach (var site in sites)
            {
                if (IndexIn(site.Call, block) < 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The index in <paramref name="block"/> of the statement holding <paramref name="operation"/>, or -1.</summary>
        private static int IndexIn(IOperation operation, IBlockOperation block)
        {
            for (var current = operation; current.Parent != null; current = current.Parent)
            {
                if (ReferenceEquals(current.Parent, block))
                {
                    return block.Operations.IndexOf(current);
                }
            }

            return -1;
        }
    }
}
