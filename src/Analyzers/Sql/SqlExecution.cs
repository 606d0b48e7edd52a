using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Sql
{
    /// <summary>
    /// One call that runs SQL (ADO.NET, Dapper), its classified statement, and how to find the value bound to a
    /// named parameter: a member of Dapper's parameter object, or an ADO.NET parameter added to the command.
    /// </summary>
    internal sealed class SqlExecution
    {
        private readonly IOperation? _parameterObject;
        private readonly Dictionary<string, IOperation>? _rawSqlParameters;

        /// <summary>An EF Core raw-SQL execution whose parameters are the interpolation holes or placeholders.</summary>
        public SqlExecution(IInvocationOperation call, SqlStatement statement, IOperation sqlOperand, Dictionary<string, IOperation> rawSqlParameters)
            : this(call, statement, null, sqlOperand)
        {
            _rawSqlParameters = rawSqlParameters;
        }

        public SqlExecution(IInvocationOperation call, SqlStatement statement, IOperation? parameterObject, IOperation? sqlOperand)
        {
            Call = call;
            Statement = statement;
            _parameterObject = parameterObject;
            SqlOperand = sqlOperand;
        }

        public IInvocationOperation Call { get; }
        public SqlStatement Statement { get; }

        /// <summary>The operand holding the SQL text (Dapper's <c>sql</c> argument, the command's text), when known.</summary>
        public IOperation? SqlOperand { get; }

        /// <summary>
        /// What binds parameter <paramref name="name"/> in source: the anonymous-object member initializer, or the
        /// <c>Parameters.AddWithValue</c> call. Null for other bindings.
        /// </summary>
        public IOperation? ParameterBinding(string name)
        {
            if (_rawSqlParameters != null)
            {
                return null;
            }

            if (_parameterObject != null)
            {
                if (Unwrap(_parameterObject) is IAnonymousObjectCreationOperation anonymous)
                {
                    foreach (var initializer in anonymous.Initializers)
                    {
                        if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } && Matches(property.Property.Name, name))
                        {
                            return initializer;
                        }
                    }
                }

                return null;
            }

            var value = AdoParameterValue(name);
            return value?.Parent is IArgumentOperation { Parent: IInvocationOperation add } && AdoNetShapes.IsAddWithValue(add.TargetMethod) ? add : null;
        }

        /// <summary>The operation whose value is bound to parameter <paramref name="name"/> (lower-case, no marker), or null.</summary>
        public IOperation? ParameterValue(string name)
            => _rawSqlParameters != null ? (_rawSqlParameters.TryGetValue(name, out var hole) ? hole : null)
               : _parameterObject != null ? MemberValue(_parameterObject, name, 0) : AdoParameterValue(name);

        private static IOperation? MemberValue(IOperation parameterObject, string name, int depth)
        {
            var value = Unwrap(parameterObject);
            switch (value)
            {
                case IAnonymousObjectCreationOperation anonymous:
                    foreach (var initializer in anonymous.Initializers)
                    {
                        if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment && Matches(property.Property.Name, name))
                        {
                            return assignment.Value;
                        }
                    }

                    return null;
                case IObjectCreationOperation { Initializer: { } initializer }:
                    foreach (var member in initializer.Initializers)
                    {
                        if (member is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } assignment && Matches(target.Member.Name, name))
                        {
                            return assignment.Value;
                        }
                    }

                    return null;
                case ILocalReferenceOperation local when depth < 3 && OperationValues.SingleAssignedValue(local) is { } assigned:
                    return MemberValue(assigned, name, depth + 1);
                default:
                    // An object of a named type: the member named like the parameter, read from the whole object.
                    return value?.Type?.GetMembers().Length > 0 && HasMember(value.Type!, name) ? value : null;
            }
        }

        private IOperation? AdoParameterValue(string name)
        {
            if (!(Unwrap(Call.Instance) is ILocalReferenceOperation command))
            {
                return null;
            }

            IOperation root = Call;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            foreach (var operation in BodyOperations.Of(root).AndSelf)
            {
                switch (operation)
                {
                    // command.Parameters.AddWithValue("@p", value)
                    case IInvocationOperation add when AdoNetShapes.IsAddWithValue(add.TargetMethod) && OnParametersOf(add.Instance, command) && add.Arguments.Length >= 2 && ConstantName(add.Arguments[0].Value) == name:
                        return add.Arguments[1].Value;

                    // command.Parameters.Add(new NpgsqlParameter("p", value))
                    case IInvocationOperation add when AdoNetShapes.IsParameterAdd(add.TargetMethod) && OnParametersOf(add.Instance, command) && add.Arguments.Length == 1
                                                                                  && Unwrap(add.Arguments[0].Value) is IObjectCreationOperation creation
                                                                                  && creation.Arguments.Length >= 2 && ConstantName(creation.Arguments[0].Value) == name:
                        return creation.Arguments[1].Value;

                    // command.Parameters.Add("p", NpgsqlDbType.Integer).Value = value
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: IInvocationOperation add } value } assignment
                        when AdoNetShapes.IsParameterValue(value.Property) && AdoNetShapes.IsParameterAdd(add.TargetMethod) && OnParametersOf(add.Instance, command) && add.Arguments.Length >= 1 && ConstantName(add.Arguments[0].Value) == name:
                        return assignment.Value;
                }
            }

            return null;
        }

        private static bool OnParametersOf(IOperation? instance, ILocalReferenceOperation command)
            => Unwrap(instance) is IPropertyReferenceOperation parameters && AdoNetShapes.IsParameterCollection(parameters.Property)
               && Unwrap(parameters.Instance) is ILocalReferenceOperation owner
               && SymbolEqualityComparer.Default.Equals(owner.Local, command.Local);

        private static string? ConstantName(IOperation operation)
            => operation.ConstantValue.HasValue && operation.ConstantValue.Value is string text ? text.TrimStart('@', ':', '$').ToLowerInvariant() : null;

        private static bool Matches(string member, string parameter) => string.Equals(member, parameter, StringComparison.OrdinalIgnoreCase);

        private static bool HasMember(ITypeSymbol type, string name)
        {
            foreach (var member in type.GetMembers())
            {
                if ((member is IPropertySymbol || member is IFieldSymbol) && Matches(member.Name, name))
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation? Unwrap(IOperation? operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}
