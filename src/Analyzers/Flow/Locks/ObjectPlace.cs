using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Flow.Locks
{
    /// <summary>
    /// Where an object comes from in one method's frame, as far as it names the same object on every path of one
    /// call: <c>this</c>, a parameter, or a member of <c>this</c> that is never reassigned (a readonly field, a
    /// get-only auto-property). Anything else (a local, a call's result, a settable member) is unknown.
    /// </summary>
    internal readonly struct ObjectPlace
    {
        private ObjectPlace(bool isThis, IParameterSymbol? parameter, ISymbol? member)
        {
            IsThis = isThis;
            Parameter = parameter;
            Member = member;
        }

        public static ObjectPlace Unknown => default;

        public static ObjectPlace This => new ObjectPlace(true, null, null);

        public static ObjectPlace OfParameter(IParameterSymbol parameter) => new ObjectPlace(false, parameter, null);

        public static ObjectPlace OfMember(ISymbol member) => new ObjectPlace(false, null, member);

        public bool IsThis { get; }

        public IParameterSymbol? Parameter { get; }

        /// <summary>The stable member of <c>this</c> the object is read from.</summary>
        public ISymbol? Member { get; }

        public bool IsKnown => IsThis || Parameter != null || Member != null;

        public static ObjectPlace Of(IOperation? operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            switch (operation)
            {
                case IInstanceReferenceOperation _:
                    return This;
                case IParameterReferenceOperation parameter:
                    return new ObjectPlace(false, parameter.Parameter, null);
                case IFieldReferenceOperation field when IsStable(field.Field) && OnThisOrStatic(field.Instance):
                    return new ObjectPlace(false, null, field.Field.OriginalDefinition);
                case IPropertyReferenceOperation property when property.Arguments.IsEmpty && IsStable(property.Property) && OnThisOrStatic(property.Instance):
                    return new ObjectPlace(false, null, property.Property.OriginalDefinition);
                default:
                    return Unknown;
            }
        }

        /// <summary>A readonly field, or an auto-property without a setter (a computed getter may give a new object each time).</summary>
        private static bool IsStable(ISymbol member) => member switch
        {
            IFieldSymbol field => field.IsReadOnly || field.IsConst,
            IPropertySymbol property => (property.SetMethod == null || property.SetMethod.IsInitOnly) && IsAutoGetter(property),
            _ => false,
        };

        private static bool IsAutoGetter(IPropertySymbol property)
        {
            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                if (!(reference.GetSyntax() is PropertyDeclarationSyntax declaration) || declaration.ExpressionBody != null || declaration.AccessorList == null)
                {
                    return false;
                }

                foreach (var accessor in declaration.AccessorList.Accessors)
                {
                    if (accessor.Body != null || accessor.ExpressionBody != null)
                    {
                        return false;
                    }
                }

                return true;
            }

            return false;
        }

        private static bool OnThisOrStatic(IOperation? instance) => instance == null || instance is IInstanceReferenceOperation;

        public bool Same(ObjectPlace other)
            => IsKnown && IsThis == other.IsThis
               && SymbolEqualityComparer.Default.Equals(Parameter, other.Parameter)
               && SymbolEqualityComparer.Default.Equals(Member, other.Member);
    }

    /// <summary>
    /// A call's objects in the caller's frame: the one it runs on and each argument by the callee's parameter
    /// position, so that what the callee does to <c>this</c> or to a parameter can be named by its caller.
    /// </summary>
    internal sealed class CallFrame
    {
        public static readonly CallFrame Opaque = new CallFrame(ObjectPlace.Unknown, ImmutableArray<ObjectPlace>.Empty);

        public CallFrame(ObjectPlace instance, ImmutableArray<ObjectPlace> arguments)
        {
            Instance = instance;
            Arguments = arguments;
        }

        public ObjectPlace Instance { get; }

        /// <summary>By the callee's parameter ordinal; unknown for a default or a params array.</summary>
        public ImmutableArray<ObjectPlace> Arguments { get; }

        public ObjectPlace ArgumentAt(int ordinal) => ordinal >= 0 && ordinal < Arguments.Length ? Arguments[ordinal] : ObjectPlace.Unknown;

        public static CallFrame Of(IOperation? instance, ImmutableArray<IArgumentOperation> arguments, IMethodSymbol callee)
        {
            var places = new ObjectPlace[callee.Parameters.Length];
            foreach (var argument in arguments)
            {
                if (argument.Parameter is IParameterSymbol parameter && parameter.Ordinal < places.Length && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    places[parameter.Ordinal] = ObjectPlace.Of(argument.Value);
                }
            }

            return new CallFrame(ObjectPlace.Of(instance), ImmutableArray.Create(places));
        }
    }
}
