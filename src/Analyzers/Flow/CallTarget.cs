using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace RaceAnalyzers.Flow
{
    /// <summary>
    /// What a call can run, as the runtime decides it: the method, the static type of the object it is called on,
    /// and whether it dispatches. <c>base.M()</c> and non-virtual calls run exactly <c>M</c>; a virtual or interface
    /// call runs the implementations and overrides that objects of the receiver's type can have — a call on
    /// <c>this</c> in <c>C</c> the overrides in <c>C</c> and below, not a sibling's, and a call on
    /// <c>IRepo&lt;Order&gt;</c> the implementations of that construction only.
    /// </summary>
    internal readonly struct CallTarget
    {
        public CallTarget(IMethodSymbol method, ITypeSymbol? receiver, bool dispatches)
        {
            Method = method;
            Receiver = receiver;
            Dispatches = dispatches;
        }

        public IMethodSymbol Method { get; }

        /// <summary>The static type of the object the call is made on; null when any implementation may run.</summary>
        public ITypeSymbol? Receiver { get; }

        public bool Dispatches { get; }

        /// <summary>A call whose receiver is unknown: every implementation and override may run (a delegate's target, an event).</summary>
        public static CallTarget AnyImplementationOf(IMethodSymbol method) => new CallTarget(method, receiver: null, dispatches: true);

        public static CallTarget Of(IInvocationOperation call)
        {
            var instance = call.Instance;
            while (instance is IConversionOperation conversion && conversion.IsImplicit)
            {
                instance = conversion.Operand;
            }

            return new CallTarget(call.TargetMethod, instance?.Type, call.IsVirtual);
        }
    }
}
