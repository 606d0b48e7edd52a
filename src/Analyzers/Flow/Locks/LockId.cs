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
        private LockId(string key, string name, string owner, ISymbol? member, IParameterSymbol? through, bool onThis, ISymbol? via = null)
        {
            Key = key;
            Name = name;
            Owner = owner;
            Member = member;
            Through = through;
            OnThis = onThis;
            Via = via;
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

        /// <summary>
        /// The never-reassigned member of <c>this</c> whose object holds the lock (<c>Context</c> in
        /// <c>Context.BeginOperationScope()</c>): one object for every path of one instance, though not its own.
        /// </summary>
        public ISymbol? Via { get; }

        /// <summary>Where the object holding the lock comes from in the frame the id was read in.</summary>
        public ObjectPlace Place => OnThis && !IsGlobal ? ObjectPlace.This
            : Through != null ? ObjectPlace.OfParameter(Through)
            : Via != null ? ObjectPlace.OfMember(Via)
            : ObjectPlace.Unknown;

        /// <summary>
        /// The same lock object on every path of one instance of the frame both ids were read in: one global lock,
        /// or the same lock reached from <c>this</c>, one parameter or one stable member.
        /// </summary>
        public bool SameObjectAs(LockId other)
            => Equals(other) && ((IsGlobal && other.IsGlobal) || (OnThis && other.OnThis) || (Place.IsKnown && Place.Same(other.Place)));

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
        /// This lock (read in a callee) as the caller of <paramref name="frame"/> names it: a lock on the callee's
        /// <c>this</c> is on the object the call runs on, a lock on a parameter is on the argument. Unknown places
        /// give an id that matches no instance (<see cref="SeenThroughOtherObject"/>'s); null when a lock known only
        /// as a parameter object cannot be named by the caller.
        /// </summary>
        public LockId? InCallerOf(CallFrame frame)
        {
            if (IsGlobal)
            {
                return this;
            }

            var place = OnThis ? frame.Instance
                : Through != null ? frame.ArgumentAt(Through.Ordinal)
                : Via != null && frame.Instance.IsThis ? ObjectPlace.OfMember(Via)
                : ObjectPlace.Unknown;
            if (Member != null)
            {
                return new LockId(Key, Name, Owner, Member, place.Parameter, place.IsThis, place.Member);
            }

            // The lock is the object itself (lock (this), gate.Wait() on a parameter): the caller names that object.
            return place.IsThis && OnThis ? this
                : place.Parameter != null ? OfParameter(place.Parameter)
                : place.Member != null ? OfMemberObject(place.Member)
                : OnThis ? SeenThroughOtherObject()
                : null;
        }

        /// <summary>The lock that is the object a stable member of <c>this</c> (or a static member) holds.</summary>
        private static LockId OfMemberObject(ISymbol member)
            => new LockId(member.GetDocumentationCommentId() ?? member.ToDisplayString(), member.Name, OwnerName(member.ContainingType), member, null, onThis: true);

        /// <summary>The lock that is the object a parameter holds (<c>lock (gate)</c>, <c>gate.Wait()</c>).</summary>
        public static LockId OfParameter(IParameterSymbol parameter)
        {
            var type = parameter.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            return new LockId("parameter:" + parameter.Type.ToDisplayString(), parameter.Name, type, null, parameter, onThis: false);
        }

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
                    return OfParameter(parameter.Parameter);
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
            return new LockId(Key, property.Name, Owner, Member, OnThis ? property.Through : null, onThis, OnThis ? property.Via : null);
        }

        /// <summary>The same lock as the code at one site names it (a local, a property).</summary>
        private LockId Named(string name) => new LockId(Key, name, Owner, Member, Through, OnThis, Via);

        private static LockId OfMember(ISymbol member, bool isStatic, IOperation? instance)
        {
            member = member.OriginalDefinition;
            var key = member.GetDocumentationCommentId() ?? member.ToDisplayString();
            var through = (Unwrapped(instance) as IParameterReferenceOperation)?.Parameter;
            var onThis = isStatic || instance == null || Unwrapped(instance) is IInstanceReferenceOperation;
            var via = onThis ? null : ObjectPlace.Of(instance).Member;
            return new LockId(key, member.Name, OwnerName(member.ContainingType), member, through, onThis, via);
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
