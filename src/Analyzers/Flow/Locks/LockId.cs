using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Flow.Locks
{
    /// <summary>
    /// Which lock an acquisition takes, told by where the lock object comes from: a field or property (every
    /// instance of the type counts as one lock, as in a lock-order audit), <c>this</c>, a <c>typeof</c>, or a
    /// parameter. Equal ids are the same node of the lock-order graph; <see cref="Key"/> is stable across the
    /// projects of a solution (documentation ids).
    /// </summary>
    internal sealed class LockId : IEquatable<LockId>
    {
        private LockId(string key, string name, string owner, ISymbol? member, IParameterSymbol? through, bool onThis)
        {
            Key = key;
            Name = name;
            Owner = owner;
            Member = member;
            Through = through;
            OnThis = onThis;
        }

        public string Key { get; }

        /// <summary>How messages name it: the field or property (<c>_asks</c>), <c>this</c>, or the parameter.</summary>
        public string Name { get; }

        /// <summary>The type that owns the field or property, or the lock object's type.</summary>
        public string Owner { get; }

        /// <summary>The field or property, when the lock lives in one.</summary>
        public ISymbol? Member { get; }

        /// <summary>The parameter the lock is reached through (<c>lock (from)</c>, <c>lock (from.Sync)</c>).</summary>
        public IParameterSymbol? Through { get; }

        /// <summary>Static, or reached through <c>this</c>: the same object on every path of one instance.</summary>
        public bool OnThis { get; }

        /// <summary>How a report names it across types: <c>OrderBook._asks</c>, <c>Account (parameter)</c>, <c>Cache (this)</c>.</summary>
        public string Label => Member != null ? Owner + "." + Member.Name
            : Through != null ? Owner + " (parameter)"
            : Name == "this" ? Owner + " (this)"
            : Name;

        /// <summary>One object for the whole process: a static field or property, or a <c>typeof</c>.</summary>
        public bool IsGlobal => Member?.IsStatic == true || Key.StartsWith("typeof:", StringComparison.Ordinal);

        /// <summary>The label with the namespace, for reports where two locks would otherwise read the same.</summary>
        public string QualifiedLabel => Member?.ContainingType != null ? Member.ContainingType.ToDisplayString() + "." + Member.Name : Key;

        /// <summary>A lock known only as a parameter: other methods cannot name the same object.</summary>
        public bool IsParameterOnly => Member == null && Through != null;

        /// <summary>
        /// This lock as a caller sees it after a call that ran on another object: no longer the caller's own
        /// (a static or <c>typeof</c> lock stays the one object it is).
        /// </summary>
        public LockId SeenThroughOtherObject() => !OnThis || IsGlobal ? this : new LockId(Key, Name, Owner, Member, through: null, onThis: false);

        /// <summary>
        /// The id of the lock <paramref name="lockObject"/> evaluates to, or null when it cannot be told (a call's
        /// result, a local given more than one value). A local given one value is that value's lock, and a property
        /// whose getter returns a field is that field's lock (see <see cref="LockObjectSource"/>): the same object
        /// taken as <c>lock (m_items)</c>, <c>lock (part.TaskInventory)</c> and <c>var d = part.TaskInventory; lock (d)</c>.
        /// </summary>
        public static LockId? Of(IOperation? lockObject) => Of(lockObject, hops: 0);

        private static LockId? Of(IOperation? lockObject, int hops)
        {
            var operation = Unwrapped(lockObject);
            switch (operation)
            {
                case IFieldReferenceOperation field:
                    return OfMember(field.Field, field.Field.IsStatic, field.Instance);
                case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                    var own = OfMember(property.Property, property.Property.IsStatic, property.Instance);
                    return hops < LockObjectSource.MaxHops && LockObjectSource.Returned(property.Property, property.SemanticModel) is { } returned
                        && Of(returned, hops + 1) is { Member: { } } stored
                        ? stored.ReadThrough(own)
                        : own;
                case ILocalReferenceOperation local when hops < LockObjectSource.MaxHops:
                    return LocalValues.Single(local.Local, local) is { } value && Of(value, hops + 1) is { Member: { } } held
                        ? held.Named(local.Local.Name)
                        : null;
                case IParameterReferenceOperation parameter:
                    var type = parameter.Parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                    return new LockId("parameter:" + parameter.Parameter.Type.ToDisplayString(), parameter.Parameter.Name, type, null, parameter.Parameter, onThis: false);
                case IInstanceReferenceOperation instance when instance.Type != null:
                    return new LockId("this:" + instance.Type.ToDisplayString(), "this", instance.Type.Name, null, null, onThis: true);
                case ITypeOfOperation typeOf:
                    return new LockId("typeof:" + typeOf.TypeOperand.ToDisplayString(), "typeof(" + typeOf.TypeOperand.Name + ")", typeOf.TypeOperand.Name, null, null, onThis: true);
                default:
                    return null;
            }
        }

        /// <summary>
        /// This lock (the field a getter returns) as reached through <paramref name="property"/>: the field's key,
        /// the property's name, and the property's receiver (a field of <c>this</c> read on another object is that object's).
        /// </summary>
        private LockId ReadThrough(LockId property)
        {
            if (IsGlobal)
            {
                return Named(property.Name);
            }

            var onThis = OnThis && property.OnThis;
            return new LockId(Key, property.Name, Owner, Member, OnThis ? property.Through : null, onThis);
        }

        /// <summary>The same lock as the code at one site names it (a local, a property).</summary>
        private LockId Named(string name) => new LockId(Key, name, Owner, Member, Through, OnThis);

        private static LockId OfMember(ISymbol member, bool isStatic, IOperation? instance)
        {
            member = member.OriginalDefinition;
            var key = member.GetDocumentationCommentId() ?? member.ToDisplayString();
            var through = (Unwrapped(instance) as IParameterReferenceOperation)?.Parameter;
            var onThis = isStatic || instance == null || Unwrapped(instance) is IInstanceReferenceOperation;
            return new LockId(key, member.Name, OwnerName(member.ContainingType), member, through, onThis);
        }

        /// <summary><c>OrderBook</c>; a nested type with the types around it (<c>Bank.Account</c>).</summary>
        private static string OwnerName(INamedTypeSymbol? type)
        {
            var name = type?.Name ?? string.Empty;
            for (var outer = type?.ContainingType; outer != null; outer = outer.ContainingType)
            {
                name = outer.Name + "." + name;
            }

            return name;
        }

        private static IOperation? Unwrapped(IOperation? operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        public bool Equals(LockId? other) => other != null && other.Key == Key;

        public override bool Equals(object? obj) => Equals(obj as LockId);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

        public override string ToString() => Name;
    }
}
