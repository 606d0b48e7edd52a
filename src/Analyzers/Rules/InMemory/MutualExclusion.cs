using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Knowledge;

namespace RaceAnalyzers.Rules.InMemory
{
    /// <summary>
    /// Whether two operations run inside one exclusive section: a <c>lock</c> statement, a <c>using</c> block or
    /// declaration over a taken lock (<c>using (await _mutex.LockAsync())</c>, <c>_gate.EnterScope()</c>, an
    /// async-lock library's releaser), or a <c>try</c> whose <c>finally</c> gives a lock back
    /// (<c>await _gate.WaitAsync(); try { … } finally { _gate.Release(); }</c>).
    /// </summary>
    internal static class MutualExclusion
    {
        public static bool Covers(IOperation first, IOperation second)
        {
            var sections = new HashSet<IOperation>();
            foreach (var section in SectionsAround(first))
            {
                sections.Add(section);
            }

            foreach (var section in SectionsAround(second))
            {
                if (sections.Contains(section))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The exclusive sections <paramref name="operation"/> runs in, each named by the operation that opens it.</summary>
        private static IEnumerable<IOperation> SectionsAround(IOperation operation)
        {
            var child = operation;
            for (var current = operation.Parent; current != null; child = current, current = current.Parent)
            {
                switch (current)
                {
                    case ILockOperation:
                        yield return current;
                        break;
                    case IUsingOperation usingBlock when usingBlock.Body == child && TakesALock(usingBlock.Resources):
                        yield return current;
                        break;
                    case ITryOperation { Finally: { } @finally } tryBlock when tryBlock.Body == child && GivesALockBack(@finally):
                        yield return current;
                        break;
                    case IBlockOperation block:
                        foreach (var statement in block.Operations)
                        {
                            if (statement == child)
                            {
                                break;
                            }

                            if (statement is IUsingDeclarationOperation declaration && TakesALock(declaration.DeclarationGroup))
                            {
                                yield return declaration;
                            }
                        }

                        break;
                }
            }
        }

        private static bool TakesALock(IOperation? resource)
        {
            if (resource == null)
            {
                return false;
            }

            foreach (var value in resource.DescendantsAndSelf())
            {
                if (value is IInvocationOperation call && LockShapes.TakesExclusiveLock(call.TargetMethod))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool GivesALockBack(IBlockOperation @finally)
        {
            foreach (var operation in @finally.Descendants())
            {
                if (operation is IInvocationOperation call && LockShapes.EndsExclusiveSection(call.TargetMethod.Name))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
