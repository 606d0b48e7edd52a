using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Flow.Gating;
using RaceAnalyzers.Knowledge;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Flow.Locks
{
    /// <summary>
    /// Reads one body in syntax order and keeps the set of held locks: a <c>lock</c> body and a <c>using</c> over a
    /// releaser hold theirs for their scope; an explicit take (<c>Monitor.Enter</c>, <c>Wait</c>,
    /// <c>EnterWriteLock</c>) holds until the matching exit, which in the usual shape sits in a later finally.
    /// Lambdas and local functions run elsewhere and are not entered. An exit on one branch ends the hold for
    /// what follows: the walk can miss a nesting, never invent one.
    /// </summary>
    internal sealed class LockWalk
    {
        private readonly ApiCatalog _catalog;
        private readonly ConfiguredMethods _configured;
        private readonly INamedTypeSymbol? _owner;
        private readonly CancellationToken _cancellationToken;
        private readonly List<HeldLock> _held = new List<HeldLock>();
        private readonly ImmutableArray<LockAcquisition>.Builder _acquisitions = ImmutableArray.CreateBuilder<LockAcquisition>();
        private readonly ImmutableArray<LockedCall>.Builder _calls = ImmutableArray.CreateBuilder<LockedCall>();
        private readonly ImmutableArray<LockedAwait>.Builder _awaits = ImmutableArray.CreateBuilder<LockedAwait>();
        private readonly Func<CallTarget, ImmutableArray<LockHandOff>>? _handOffsOf;
        private readonly Func<ISymbol?, IOperation, ImmutableArray<IMethodSymbol>>? _delegateTargetsOf;
        private readonly List<HeldLock> _returnedReleasers = new List<HeldLock>();
        private readonly List<HeldLock> _gaveBackUntaken = new List<HeldLock>();

        // A constructor's fields set from its parameters (_gate = gate): a take on the field is a take on the argument.
        private readonly Dictionary<ISymbol, IParameterSymbol> _fieldsFromParameters = new Dictionary<ISymbol, IParameterSymbol>(SymbolEqualityComparer.Default);

        // Takes of a semaphore known only as a parameter: a lock or not by its caller's argument, so only handed off.
        private readonly List<HeldLock> _parameterSemaphores = new List<HeldLock>();
        private bool _heldThroughCalls;

        // The last answer of Held(), given again while the held list is the same.
        private ImmutableArray<HeldLock> _lastHeld = ImmutableArray<HeldLock>.Empty;

        // Tests passed on the way to the current operation (a branch, a loop body, a catch) and whether a return under
        // one came before it: a give-back after either is made on some paths only (if (taken) _gate.Release()).
        private int _tests;
        private int _catches;
        private bool _returnedUnderTest;

        private LockWalk(
            ApiCatalog catalog, ConfiguredMethods configured, INamedTypeSymbol? owner, Func<CallTarget, ImmutableArray<LockHandOff>>? handOffsOf,
            Func<ISymbol?, IOperation, ImmutableArray<IMethodSymbol>>? delegateTargetsOf, CancellationToken cancellationToken)
        {
            _delegateTargetsOf = delegateTargetsOf;
            _catalog = catalog;
            _configured = configured;
            _owner = owner;
            _handOffsOf = handOffsOf;
            _cancellationToken = cancellationToken;
        }

        /// <param name="owner">The type whose member the body is: calls on objects of its own kind are composite hops.</param>
        /// <param name="handOffsOf">What a call of a source method leaves held or gives back (a helper that takes a lock); null to ignore helpers.</param>
        /// <param name="delegateTargetsOf">What invoking a delegate read from a symbol can run (an event's subscribers); null to run nothing.</param>
        public static LockFacts Read(
            IOperation body, ApiCatalog catalog, ConfiguredMethods configured, INamedTypeSymbol? owner, CancellationToken cancellationToken,
            Func<CallTarget, ImmutableArray<LockHandOff>>? handOffsOf = null, Func<ISymbol?, IOperation, ImmutableArray<IMethodSymbol>>? delegateTargetsOf = null)
        {
            var walk = new LockWalk(catalog, configured, owner, handOffsOf, delegateTargetsOf, cancellationToken);

            // A lambda read as a body of its own (an event's subscriber) is its body; nested ones run elsewhere.
            walk.Visit(body is IAnonymousFunctionOperation lambda ? lambda.Body : body);
            var handOffs = walk.HandOffs();
            return walk._acquisitions.Count == 0 && walk._calls.Count == 0 && handOffs.IsEmpty && !walk._heldThroughCalls
                ? LockFacts.None
                : new LockFacts(walk._acquisitions.ToImmutable(), walk._calls.ToImmutable(), walk._awaits.ToImmutable(), handOffs, walk._heldThroughCalls);
        }

        /// <summary>What the body leaves to its caller: explicit takes never given back, releasers it returns, exits of locks it did not take.</summary>
        private ImmutableArray<LockHandOff> HandOffs()
        {
            if (_held.Count == 0 && _returnedReleasers.Count == 0 && _gaveBackUntaken.Count == 0 && _parameterSemaphores.Count == 0)
            {
                return ImmutableArray<LockHandOff>.Empty;
            }

            var handOffs = ImmutableArray.CreateBuilder<LockHandOff>();
            foreach (var held in _held)
            {
                if (!held.ScopeBound)
                {
                    handOffs.Add(new LockHandOff(held, takes: true));
                }
            }

            foreach (var returned in _returnedReleasers)
            {
                handOffs.Add(new LockHandOff(returned, takes: true));
            }

            foreach (var given in _gaveBackUntaken)
            {
                handOffs.Add(new LockHandOff(given, takes: false));
            }

            foreach (var semaphore in _parameterSemaphores)
            {
                handOffs.Add(new LockHandOff(semaphore, takes: true));
            }

            return handOffs.ToImmutable();
        }

        /// <summary>A cheap syntax test: the block has a <c>lock</c> statement (lock calls are found by their names); read from the tree's one scan.</summary>
        public static bool HasLockStatement(SyntaxNode block) => TreeScan.Of(block.SyntaxTree).HasLockIn(block);

        private void Visit(IOperation? operation)
        {
            switch (operation)
            {
                case null:
                case IAnonymousFunctionOperation _:
                case ILocalFunctionOperation _:
                    return;
                case ILockOperation statement:
                    Visit(statement.LockedValue);
                    var scope = _held.Count;
                    Take(statement, new LockCall(true, LockPrimitive.Monitor, LockMode.Exclusive, blocks: true, statement.LockedValue, returnsReleaser: true),
                        ((LockStatementSyntax)statement.Syntax).LockKeyword.GetLocation());
                    Visit(statement.Body);
                    EndScope(scope);
                    return;
                case IUsingOperation usingStatement:
                    var usingScope = _held.Count;
                    Visit(usingStatement.Resources);
                    Visit(usingStatement.Body);
                    EndScope(usingScope);
                    AwaitIfAsync(usingStatement.IsAsynchronous, usingStatement.Syntax);
                    return;
                case IBlockOperation block:
                    var blockScope = _held.Count;
                    VisitChildren(block);
                    EndScope(blockScope);
                    return;
                case IForEachLoopOperation loop when loop.IsAsynchronous:
                    Visit(loop.Collection);
                    AwaitIfAsync(true, loop.Syntax);
                    _tests++;
                    VisitChildrenExcept(loop, loop.Collection);
                    _tests--;
                    return;
                case IConditionalOperation conditional:
                    VisitConditional(conditional);
                    return;
                case ILoopOperation _:
                case ISwitchOperation _:
                case ISwitchExpressionOperation _:
                    VisitTested(operation);
                    return;
                case ICatchClauseOperation _:
                    _catches++;
                    VisitTested(operation);
                    _catches--;
                    return;
                case IConditionalAccessOperation access:
                    Visit(access.Operation);
                    VisitTested(access.WhenNotNull);
                    return;
                case IBinaryOperation logical when logical.OperatorKind == BinaryOperatorKind.ConditionalAnd || logical.OperatorKind == BinaryOperatorKind.ConditionalOr:
                    Visit(logical.LeftOperand);
                    VisitTested(logical.RightOperand);
                    return;
                case ICoalesceOperation coalesce:
                    Visit(coalesce.Value);
                    VisitTested(coalesce.WhenNull);
                    return;
                case IThrowOperation thrown:
                    // A throw under a test outside a catch (if (!taken) throw …) leaves without what follows; a catch's only on the exception path.
                    _returnedUnderTest |= _tests > 0 && _catches == 0;
                    VisitChildren(thrown);
                    return;
                case IBranchOperation { BranchKind: BranchKind.GoTo }:
                    _returnedUnderTest |= _tests > 0;
                    return;
                case IInvocationOperation invocation:
                    VisitChildren(invocation);
                    Invoked(invocation);
                    return;
                case IObjectCreationOperation creation:
                    VisitChildren(creation);
                    Created(creation);
                    return;
                case ISimpleAssignmentOperation assignment:
                    VisitChildren(assignment);
                    RememberFieldFromParameter(assignment);
                    return;
                case IPropertyReferenceOperation property:
                    VisitChildren(property);
                    AccessorRun(property);
                    return;
                case IAwaitOperation awaitOperation:
                    // What the awaited call takes (await _gate.WaitAsync()) is held after the await, not across it.
                    var heldBefore = Held();
                    Visit(awaitOperation.Operation);
                    var awaited = AwaitableWrappers.Awaited(awaitOperation);
                    if (awaited != null && !TaskShapes.IsAlreadyCompleted(awaited))
                    {
                        Awaited(awaitOperation.Syntax, (awaited as IInvocationOperation)?.TargetMethod, heldBefore);
                    }

                    return;
                case IReturnOperation returned:
                    // A return under a test leaves before what follows: a give-back after it is made on some paths only.
                    _returnedUnderTest |= _tests > 0 && returned.Kind != OperationKind.YieldReturn;
                    VisitReturn(returned);
                    return;
                case IEventReferenceOperation eventReference when eventReference.Parent is IRaiseEventOperation:
                    return;
                case IRaiseEventOperation raise:
                    VisitChildren(raise);
                    if (raise.EventReference.Event.RaiseMethod is IMethodSymbol raiseMethod)
                    {
                        var raised = raise.EventReference.Event;
                        _calls.Add(new LockedCall(CallTarget.AnyImplementationOf(raiseMethod), LockHop.Other, isCallback: true, raise.Syntax.GetLocation(), Held(), raised,
                            _delegateTargetsOf?.Invoke(raised, raise) ?? ImmutableArray<IMethodSymbol>.Empty));
                    }

                    return;
                default:
                    VisitChildren(operation);
                    return;
            }
        }

        /// <summary><c>return _gate.EnterScope();</c> / <c>return await _mutex.LockAsync()</c>: the caller gets the lock with the releaser.</summary>
        private void VisitReturn(IReturnOperation returned)
        {
            var beforeReturn = _held.Count;
            Visit(returned.ReturnedValue);
            for (var i = beforeReturn; i < _held.Count; i++)
            {
                if (_held[i].ScopeBound)
                {
                    _returnedReleasers.Add(_held[i]);
                }
            }
        }

        /// <summary>Reads what runs on some paths only: a loop's or switch's body, a catch, the right side of <c>&amp;&amp;</c>.</summary>
        private void VisitTested(IOperation? operation)
        {
            _tests++;
            if (operation is ILoopOperation || operation is ISwitchOperation || operation is ISwitchExpressionOperation || operation is ICatchClauseOperation)
            {
                VisitChildren(operation);
            }
            else
            {
                Visit(operation);
            }

            _tests--;
        }

        /// <summary>
        /// <c>if (Monitor.TryEnter(x)) …</c> / <c>if (!Monitor.TryEnter(x)) { …; return; }</c>: a try taken in the
        /// condition is held only on the branch where it succeeded; the other branch is read without it.
        /// </summary>
        private void VisitConditional(IConditionalOperation conditional)
        {
            var before = _held.Count;
            Visit(conditional.Condition);
            var tested = !FixedCondition.Holds(conditional.Condition);
            _tests += tested ? 1 : 0;
            VisitBranches(conditional, before);
            _tests -= tested ? 1 : 0;
        }

        private void VisitBranches(IConditionalOperation conditional, int before)
        {
            var tries = new List<HeldLock>();
            for (var i = before; i < _held.Count; i++)
            {
                if (!_held[i].Certain)
                {
                    tries.Add(_held[i]);
                }
            }

            var takenWhenFalse = conditional.Condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not };
            if (tries.Count == 0 || !(conditional.Condition is IInvocationOperation || takenWhenFalse || conditional.Condition is IAwaitOperation))
            {
                VisitAlternatives(conditional.WhenTrue, conditional.WhenFalse);
                return;
            }

            if (takenWhenFalse)
            {
                Without(tries, conditional.WhenTrue);
                Visit(conditional.WhenFalse);
            }
            else
            {
                Visit(conditional.WhenTrue);
                Without(tries, conditional.WhenFalse);
            }
        }

        /// <summary>
        /// The two arms of an <c>if</c> or a <c>?:</c> are alternatives: each is read from the locks held before it
        /// (<c>async ? await s.WaitAsync() : s.Wait()</c> is one take, not a take while holding). Afterwards a lock
        /// held before stays held only if neither arm gave it back; a lock either arm took is held once.
        /// </summary>
        private void VisitAlternatives(IOperation? whenTrue, IOperation? whenFalse)
        {
            var before = new List<HeldLock>(_held);
            Visit(whenTrue);
            var afterTrue = new List<HeldLock>(_held);
            _held.Clear();
            _held.AddRange(before);
            Visit(whenFalse);

            _held.RemoveAll(held => before.Contains(held) && !afterTrue.Contains(held));
            foreach (var taken in afterTrue)
            {
                if (!before.Contains(taken) && !_held.Exists(held => held.Id.Equals(taken.Id) && held.Mode == taken.Mode))
                {
                    _held.Add(taken);
                }
            }
        }

        /// <summary>Reads <paramref name="branch"/> with <paramref name="tries"/> not held, then holds again those the other path still holds.</summary>
        private void Without(List<HeldLock> tries, IOperation? branch)
        {
            var removed = new List<HeldLock>();
            foreach (var attempt in tries)
            {
                if (_held.Remove(attempt))
                {
                    removed.Add(attempt);
                }
            }

            Visit(branch);
            _held.AddRange(removed);
        }

        private void VisitChildren(IOperation operation)
        {
            foreach (var child in operation.ChildOperations)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                Visit(child);
            }
        }

        private void VisitChildrenExcept(IOperation operation, IOperation skipped)
        {
            foreach (var child in operation.ChildOperations)
            {
                if (child != skipped)
                {
                    Visit(child);
                }
            }
        }

        private void Invoked(IInvocationOperation invocation)
        {
            var call = _catalog.LockCallOf(invocation, _configured);
            if (call is LockCall lockCall)
            {
                var site = NameLocation(invocation);
                if (lockCall.Enters)
                {
                    Take(invocation, lockCall, site);
                }
                else
                {
                    Give(lockCall, site);
                }

                return;
            }

            var method = invocation.TargetMethod;
            var isCallback = method.MethodKind == MethodKind.DelegateInvoke;
            var target = CallTarget.Of(invocation);
            var hop = HopOf(invocation);
            var held = Held();
            var frame = CallFrame.Of(invocation.Instance, invocation.Arguments, method);
            var handedOver = !isCallback && _handOffsOf != null
                ? HandedOff(NameLocation(invocation), method.Name, _catalog.IsReleaserType(method.ReturnType), _handOffsOf(target), frame)
                : ImmutableArray<HeldLock>.Empty;
            var source = isCallback ? DelegateSource(invocation.Instance) : null;
            var runs = isCallback && _delegateTargetsOf != null ? _delegateTargetsOf(source, invocation) : ImmutableArray<IMethodSymbol>.Empty;
            _calls.Add(new LockedCall(target, hop, isCallback, NameLocation(invocation), held, source, runs, frame, handedOver));
        }

        /// <summary>
        /// <c>new Releaser(_gate)</c>: a constructor of the project's own is a call on a new object, and what it
        /// takes on its arguments (a releaser that waits in its constructor) the caller holds while the object lives.
        /// </summary>
        private void Created(IObjectCreationOperation creation)
        {
            var constructor = creation.Constructor;
            if (constructor == null || constructor.DeclaringSyntaxReferences.IsEmpty)
            {
                return;
            }

            var target = new CallTarget(constructor, creation.Type, dispatches: false);
            var held = Held();
            var frame = CallFrame.Of(null, creation.Arguments, constructor);
            var site = creation.Syntax.GetLocation();
            var handedOver = _handOffsOf != null
                ? HandedOff(site, MethodNames.Of(constructor), _catalog.IsReleaserType(creation.Type), _handOffsOf(target), frame)
                : ImmutableArray<HeldLock>.Empty;
            _calls.Add(new LockedCall(target, LockHop.Other, isCallback: false, site, held, frame: frame, handedOver: handedOver));
        }

        /// <summary>In a constructor, <c>_gate = gate;</c>: the field holds the caller's object from here on.</summary>
        private void RememberFieldFromParameter(ISimpleAssignmentOperation assignment)
        {
            if (assignment.Target is IFieldReferenceOperation { Instance: IInstanceReferenceOperation } field
                && ObjectPlace.Of(assignment.Value).Parameter is IParameterSymbol parameter
                && parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor })
            {
                _fieldsFromParameters[field.Field.OriginalDefinition] = parameter;
            }
        }

        /// <summary>The lock <paramref name="lockObject"/> names, a constructor's field set from a parameter read as that parameter.</summary>
        private LockId? IdOf(IOperation? lockObject)
        {
            var id = LockId.Of(lockObject);
            return id != null && id.OnThis && id.Member != null && _fieldsFromParameters.TryGetValue(id.Member, out var parameter)
                ? LockId.OfParameter(parameter)
                : id;
        }

        /// <summary>
        /// A helper's take is held here from the call on: until the end of the <c>using</c> or block when the call
        /// returns a releaser, else until the matching exit (the pair's <c>Release()</c>). A helper's exit gives back.
        /// A lock on the callee's <c>this</c> or parameters is named as the caller's object or argument; a semaphore
        /// is a lock only when that names a one-slot semaphore. Returns the locks taken, as named here.
        /// </summary>
        private ImmutableArray<HeldLock> HandedOff(Location site, string takenBy, bool returnsReleaser, ImmutableArray<LockHandOff> handOffs, CallFrame frame)
        {
            if (handOffs.IsEmpty)
            {
                return ImmutableArray<HeldLock>.Empty;
            }

            var taken = ImmutableArray.CreateBuilder<HeldLock>();
            foreach (var handOff in handOffs)
            {
                var lockHeld = handOff.Held;
                var id = lockHeld.Id.InCallerOf(frame);
                if (id == null || (id.Member == null && !id.OnThis && id.Through == null))
                {
                    continue;
                }

                if (!handOff.Takes)
                {
                    // A helper's give-back of a lock not held here is this body's give-back to its own caller (Dispose → DisposeCore → Release).
                    if (!GiveBack(id, lockHeld.Mode))
                    {
                        _gaveBackUntaken.Add(new HeldLock(id, lockHeld.Primitive, lockHeld.Mode, site, scopeBound: false,
                            certain: lockHeld.Certain && _tests == 0 && !_returnedUnderTest, takenBy: string.Empty));
                    }

                    continue;
                }

                var releaser = lockHeld.ScopeBound || returnsReleaser;
                var held = new HeldLock(id, lockHeld.Primitive, lockHeld.Mode, site, releaser, lockHeld.Certain, takenBy, lockHeld.Unfailing);
                if (lockHeld.Primitive == LockPrimitive.Semaphore && !IsMutex(id))
                {
                    if (id.IsParameterOnly)
                    {
                        _parameterSemaphores.Add(held);
                    }

                    continue;
                }

                _held.Add(held);
                taken.Add(held);
                _heldThroughCalls = true;
            }

            return taken.ToImmutable();
        }

        private void Take(IOperation operation, LockCall call, Location site)
        {
            var id = IdOf(call.LockObject);
            var unfailing = operation is IInvocationOperation wait && _catalog.IsUnfailingSemaphoreWait(wait);
            if (id != null && call.Primitive == LockPrimitive.Semaphore && id.IsParameterOnly)
            {
                _parameterSemaphores.Add(new HeldLock(id, call.Primitive, call.Mode, site, call.ReturnsReleaser, call.Blocks, TakenBy(operation), unfailing));
                return;
            }

            if (id == null || (call.Primitive == LockPrimitive.Semaphore && !IsMutex(id)))
            {
                return;
            }

            var held = Held();
            var taken = new HeldLock(id, call.Primitive, call.Mode, site, call.ReturnsReleaser, call.Blocks, TakenBy(operation), unfailing);
            _acquisitions.Add(new LockAcquisition(taken, call.Blocks, held, UnorderedPartner(operation, id, held)));

            // A releaser outside a using is held to the end of its block; the enclosing scope drops it.
            _held.Add(taken);
        }

        private void Give(LockCall call, Location site)
        {
            var id = IdOf(call.LockObject);
            if (id != null && id.IsParameterOnly && _parameterSemaphores.RemoveAll(taken => taken.Id.Equals(id) && taken.Id.Through?.Ordinal == id.Through?.Ordinal) > 0)
            {
                return;
            }

            if (id != null && !GiveBack(id, call.Mode))
            {
                // An exit of a lock this body did not take: its caller's (a releaser's Dispose, a Release() helper).
                _gaveBackUntaken.Add(new HeldLock(id, call.Primitive, call.Mode, site, scopeBound: false, certain: _tests == 0 && !_returnedUnderTest, takenBy: string.Empty));
            }
        }

        private bool GiveBack(LockId id, LockMode mode)
        {
            for (var i = _held.Count - 1; i >= 0; i--)
            {
                var held = _held[i];
                if (!held.ScopeBound && held.Id.Equals(id) && SameLockSide(held.Mode, mode))
                {
                    _held.RemoveAt(i);
                    return true;
                }
            }

            return false;
        }

        private static string TakenBy(IOperation operation) => operation switch
        {
            IInvocationOperation { TargetMethod: var method } when method.IsStatic => method.ContainingType.Name + "." + method.Name,
            IInvocationOperation { TargetMethod: var method } => method.Name,
            _ => "lock",
        };

        private LockHop HopOf(IInvocationOperation invocation) => HopOf(invocation.TargetMethod, invocation.Instance);

        private LockHop HopOf(IMethodSymbol method, IOperation? instance)
        {
            if (method.IsStatic || instance == null || instance is IInstanceReferenceOperation)
            {
                return LockHop.Same;
            }

            return IsOwnKind(instance.Type) ? LockHop.Composite : LockHop.Other;
        }

        /// <summary>
        /// A property or indexer of the project's own runs its getter or setter where it is written
        /// (<c>lock (_a) { if (_node.IsLeader) … }</c> with a getter that locks): a call like any other.
        /// </summary>
        private void AccessorRun(IPropertyReferenceOperation property)
        {
            var written = property.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Target, property);
            var accessor = written ? property.Property.SetMethod : property.Property.GetMethod;
            if (accessor == null || accessor.DeclaringSyntaxReferences.IsEmpty)
            {
                return;
            }

            var throughBase = property.Instance?.Syntax is BaseExpressionSyntax;
            var dispatches = !throughBase && (accessor.IsVirtual || accessor.IsAbstract || accessor.IsOverride || accessor.ContainingType.TypeKind == TypeKind.Interface);
            var target = new CallTarget(accessor, property.Instance?.Type, dispatches);
            var hop = HopOf(accessor, property.Instance);
            var frame = new CallFrame(ObjectPlace.Of(property.Instance), ImmutableArray<ObjectPlace>.Empty);
            _calls.Add(new LockedCall(target, hop, isCallback: false, property.Syntax.GetLocation(), Held(), frame: frame));
        }

        /// <summary>The owner's own type, a base type of it, or an interface it implements.</summary>
        private bool IsOwnKind(ITypeSymbol? receiver)
        {
            if (_owner == null || receiver == null)
            {
                return false;
            }

            for (var type = (ITypeSymbol?)_owner; type != null; type = type.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, receiver.OriginalDefinition))
                {
                    return true;
                }
            }

            return receiver.TypeKind == TypeKind.Interface && _owner.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, receiver.OriginalDefinition));
        }

        private static bool SameLockSide(LockMode held, LockMode released) => held == released;

        private void EndScope(int scope)
        {
            for (var i = _held.Count - 1; i >= scope; i--)
            {
                if (_held[i].ScopeBound)
                {
                    _held.RemoveAt(i);
                }
            }
        }

        /// <summary>The event, field, property, parameter or local a delegate is invoked from (<c>Flushed?.Invoke(…)</c> → Flushed).</summary>
        private static ISymbol? DelegateSource(IOperation? instance)
        {
            if (instance is IConditionalAccessInstanceOperation)
            {
                var access = instance.Parent;
                while (access != null && !(access is IConditionalAccessOperation))
                {
                    access = access.Parent;
                }

                instance = (access as IConditionalAccessOperation)?.Operation;
            }

            while (instance is IConversionOperation conversion)
            {
                instance = conversion.Operand;
            }

            return instance switch
            {
                IEventReferenceOperation reference => reference.Event,
                IFieldReferenceOperation reference => reference.Field,
                IPropertyReferenceOperation reference => reference.Property,
                IParameterReferenceOperation reference => reference.Parameter,
                ILocalReferenceOperation reference => reference.Local,
                _ => null,
            };
        }

        private void Awaited(SyntaxNode syntax, IMethodSymbol? awaited, ImmutableArray<HeldLock> held)
        {
            if (held.Length > 0)
            {
                _awaits.Add(new LockedAwait(AwaitLocation(syntax), awaited, held));
            }
        }

        private void AwaitIfAsync(bool isAsynchronous, SyntaxNode syntax)
        {
            if (isAsynchronous)
            {
                Awaited(syntax, null, Held());
            }
        }

        /// <summary>A semaphore is a lock here only when it is made with one slot; a local or parameter cannot be told.</summary>
        private bool IsMutex(LockId id) => id.Member != null && LockCreation.IsOneSlotSemaphore(id.Member, _cancellationToken);

        /// <summary>
        /// What is held now, as every call made under it records it. Calls in a row under the same locks share one
        /// array: it is compared with the list by reference, so a change anywhere in the walk makes a new one.
        /// </summary>
        private ImmutableArray<HeldLock> Held()
        {
            if (!SameAsHeld(_lastHeld))
            {
                _lastHeld = _held.ToImmutableArray();
            }

            return _lastHeld;
        }

        private bool SameAsHeld(ImmutableArray<HeldLock> snapshot)
        {
            if (snapshot.Length != _held.Count)
            {
                return false;
            }

            for (var i = 0; i < snapshot.Length; i++)
            {
                if (!ReferenceEquals(snapshot[i], _held[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The other parameter when <paramref name="id"/> is reached through one parameter and a lock of the same
        /// kind through another is already held, and no enclosing condition compares the two.
        /// </summary>
        private static IParameterSymbol? UnorderedPartner(IOperation operation, LockId id, ImmutableArray<HeldLock> held)
        {
            if (id.Through == null)
            {
                return null;
            }

            foreach (var outer in held)
            {
                var partner = outer.Id.Through;
                if (outer.Id.Equals(id) && partner != null && !SymbolEqualityComparer.Default.Equals(partner, id.Through)
                    && !LockOrdering.Compares(operation, partner, id.Through))
                {
                    return partner;
                }
            }

            return null;
        }

        private static Location NameLocation(IInvocationOperation invocation) => invocation.Syntax switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name.GetLocation(),
            InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } => binding.Name.GetLocation(),
            InvocationExpressionSyntax call => call.Expression.GetLocation(),
            _ => invocation.Syntax.GetLocation(),
        };

        private static Location AwaitLocation(SyntaxNode syntax) => syntax switch
        {
            AwaitExpressionSyntax awaitExpression => awaitExpression.AwaitKeyword.GetLocation(),
            UsingStatementSyntax usingStatement => usingStatement.AwaitKeyword.GetLocation(),
            ForEachStatementSyntax forEach => forEach.AwaitKeyword.GetLocation(),
            LocalDeclarationStatementSyntax declaration => declaration.AwaitKeyword.GetLocation(),
            _ => syntax.GetLocation(),
        };
    }
}
