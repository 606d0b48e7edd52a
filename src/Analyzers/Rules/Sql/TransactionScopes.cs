using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Rules.Sql
{
    /// <summary>
    /// Which functions of a body open a transaction, and which a serializable one. A transaction protects the
    /// statements of the function that opens it (the method, or one lambda or local function) and of the functions
    /// nested in it, not a sibling lambda: two minimal-API endpoints mapped in one method are two units of work.
    /// </summary>
    internal sealed class TransactionScopes
    {
        private readonly IOperation _root;
        private readonly HashSet<IOperation> _inTransaction = new HashSet<IOperation>();
        private readonly HashSet<IOperation> _serializable = new HashSet<IOperation>();

        public TransactionScopes(IOperation root)
        {
            _root = root;
        }

        public void Opened(IOperation opening, bool serializable)
        {
            var function = FunctionOf(opening);
            _inTransaction.Add(function);
            if (serializable)
            {
                _serializable.Add(function);
            }
        }

        public bool InTransactionAt(IOperation statement) => Covers(_inTransaction, statement);

        public bool SerializableAt(IOperation statement) => Covers(_serializable, statement);

        private bool Covers(HashSet<IOperation> functions, IOperation statement)
        {
            if (functions.Count == 0)
            {
                return false;
            }

            for (var function = FunctionOf(statement); ; function = FunctionOf(function.Parent!))
            {
                if (functions.Contains(function))
                {
                    return true;
                }

                if (ReferenceEquals(function, _root))
                {
                    return false;
                }
            }
        }

        /// <summary>The innermost lambda or local function around <paramref name="operation"/>, else the body's root.</summary>
        private IOperation FunctionOf(IOperation operation)
        {
            for (var current = operation; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation || ReferenceEquals(current, _root))
                {
                    return current;
                }
            }

            return _root;
        }
    }
}
