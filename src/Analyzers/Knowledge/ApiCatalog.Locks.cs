using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using RaceAnalyzers.Options;

namespace RaceAnalyzers.Knowledge
{
    internal sealed partial class ApiCatalog
    {
        /// <summary>The BCL names of every call <see cref="LockCallOf"/> can recognize, for checks on syntax before binding.</summary>
        private static readonly string[] LockCallNames =
        {
            "Enter", "TryEnter", "Exit", "EnterScope", "Wait", "WaitAsync", "Release", "WaitOne", "ReleaseMutex",
            "EnterReadLock", "TryEnterReadLock", "ExitReadLock", "EnterWriteLock", "TryEnterWriteLock", "ExitWriteLock",
            "EnterUpgradeableReadLock", "TryEnterUpgradeableReadLock", "ExitUpgradeableReadLock",
        };

        /// <summary>False when no call of this simple name takes or gives back a lock the catalog knows (configured names aside).</summary>
        public static bool MayBeLockCall(string name) => Array.IndexOf(LockCallNames, name) >= 0 || LockShapes.IsLibraryLockName(name);

        /// <summary>
        /// The lock a call takes or gives back, or null: Monitor, Lock, SemaphoreSlim, ReaderWriterLockSlim, Mutex,
        /// SpinLock, methods configured as <c>race_analyzers.lock_methods</c> / <c>unlock_methods</c>, and the
        /// releaser-returning take of a <c>*Lock*</c> type (an async-lock library's <c>LockAsync</c>).
        /// </summary>
        public LockCall? LockCallOf(IInvocationOperation invocation, ConfiguredMethods configured)
        {
            var method = invocation.TargetMethod;
            var configuredRole = configured.RoleOf(method);
            if (configuredRole == Role.Lock || configuredRole == Role.Unlock)
            {
                return new LockCall(configuredRole == Role.Lock, LockPrimitive.Library, LockMode.Exclusive, blocks: true,
                    invocation.Instance ?? FirstArgument(invocation), ReturnsReleaser(method));
            }

            var type = method.ContainingType?.OriginalDefinition;
            if (type == null)
            {
                return null;
            }

            if (Same(type, _monitor))
            {
                return MonitorCall(invocation);
            }

            if (method.Name == "WaitOne" || method.Name == "ReleaseMutex")
            {
                var receiver = invocation.Instance?.Type;
                return IsOrDerivesFrom(receiver, _mutex)
                    ? new LockCall(method.Name == "WaitOne", LockPrimitive.Mutex, LockMode.Exclusive, !HasTimeout(invocation), invocation.Instance, returnsReleaser: false)
                    : (LockCall?)null;
            }

            if (Same(type, _semaphoreSlim))
            {
                return SemaphoreCall(invocation);
            }

            if (Same(type, _readerWriterLockSlim))
            {
                return ReaderWriterCall(invocation);
            }

            if (Same(type, _lock))
            {
                return LockTypeCall(invocation);
            }

            if (Same(type, Type("System.Threading.SpinLock")))
            {
                return method.Name switch
                {
                    "Enter" => new LockCall(true, LockPrimitive.SpinLock, LockMode.Exclusive, blocks: true, invocation.Instance, returnsReleaser: false),
                    "TryEnter" => new LockCall(true, LockPrimitive.SpinLock, LockMode.Exclusive, blocks: false, invocation.Instance, returnsReleaser: false),
                    "Exit" => new LockCall(false, LockPrimitive.SpinLock, LockMode.Exclusive, blocks: false, invocation.Instance, returnsReleaser: false),
                    _ => null,
                };
            }

            return LockShapes.IsLibraryLock(method) && invocation.Instance != null
                ? new LockCall(true, LockPrimitive.Library, LockShapes.LibraryLockMode(method), blocks: true, invocation.Instance, returnsReleaser: true)
                : (LockCall?)null;
        }

        /// <summary>
        /// How RACE001/RACE002 name a take or give-back of a lock made by a helper of the project's own (its body
        /// waits and returns holding, or releases): as the primitive's own acquire or release, so that it pairs with
        /// the direct calls on the same lock. Null for locks those rules do not follow (a library's, a spin lock).
        /// </summary>
        public static PoolApi? PoolApiOfLock(LockPrimitive primitive, LockMode mode, bool takes)
        {
            var key = primitive switch
            {
                LockPrimitive.Semaphore => "semaphore",
                LockPrimitive.Monitor => "monitor",
                LockPrimitive.Lock => "lock",
                LockPrimitive.Mutex => "mutex",
                LockPrimitive.ReaderWriter => mode == LockMode.Read ? "ExitReadLock" : mode == LockMode.Upgradeable ? "ExitUpgradeableReadLock" : "ExitWriteLock",
                _ => null,
            };
            return key == null ? null : new PoolApi(takes ? Role.Acquire : Role.Release, ResourceKind.Lock, ResourceBinding.Receiver, key);
        }

        private static LockCall? MonitorCall(IInvocationOperation invocation)
        {
            var lockObject = FirstArgument(invocation);
            return invocation.TargetMethod.Name switch
            {
                "Enter" => new LockCall(true, LockPrimitive.Monitor, LockMode.Exclusive, blocks: true, lockObject, returnsReleaser: false),
                "TryEnter" => new LockCall(true, LockPrimitive.Monitor, LockMode.Exclusive, blocks: false, lockObject, returnsReleaser: false),
                "Exit" => new LockCall(false, LockPrimitive.Monitor, LockMode.Exclusive, blocks: false, lockObject, returnsReleaser: false),
                _ => null,
            };
        }

        private static LockCall? SemaphoreCall(IInvocationOperation invocation)
        {
            switch (invocation.TargetMethod.Name)
            {
                case "Wait":
                case "WaitAsync":
                    return new LockCall(true, LockPrimitive.Semaphore, LockMode.Exclusive, !HasTimeout(invocation), invocation.Instance, returnsReleaser: false);
                case "Release":
                    return invocation.Arguments.Length == 0
                        ? new LockCall(false, LockPrimitive.Semaphore, LockMode.Exclusive, blocks: false, invocation.Instance, returnsReleaser: false)
                        : (LockCall?)null;
                default:
                    return null;
            }
        }

        private static LockCall? ReaderWriterCall(IInvocationOperation invocation)
        {
            var name = invocation.TargetMethod.Name;
            var tries = name.StartsWith("TryEnter", StringComparison.Ordinal);
            var enters = tries || name.StartsWith("Enter", StringComparison.Ordinal);
            if (!enters && !name.StartsWith("Exit", StringComparison.Ordinal))
            {
                return null;
            }

            var mode = name.EndsWith("UpgradeableReadLock", StringComparison.Ordinal) ? LockMode.Upgradeable
                : name.EndsWith("ReadLock", StringComparison.Ordinal) ? LockMode.Read
                : LockMode.Exclusive;
            return new LockCall(enters, LockPrimitive.ReaderWriter, mode, enters && (!tries || !HasTimeout(invocation)), invocation.Instance, returnsReleaser: false);
        }

        private static LockCall? LockTypeCall(IInvocationOperation invocation)
        {
            var instance = invocation.Instance;
            return invocation.TargetMethod.Name switch
            {
                "Enter" => new LockCall(true, LockPrimitive.Lock, LockMode.Exclusive, blocks: true, instance, returnsReleaser: false),
                "EnterScope" => new LockCall(true, LockPrimitive.Lock, LockMode.Exclusive, blocks: true, instance, returnsReleaser: true),
                "TryEnter" => new LockCall(true, LockPrimitive.Lock, LockMode.Exclusive, blocks: false, instance, returnsReleaser: false),
                "Exit" => new LockCall(false, LockPrimitive.Lock, LockMode.Exclusive, blocks: false, instance, returnsReleaser: false),
                _ => null,
            };
        }

        private static IOperation? FirstArgument(IInvocationOperation invocation)
            => invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null;

        /// <summary>A timeout argument other than the constant -1 (infinite): the wait gives up.</summary>
        private static bool HasTimeout(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                var type = argument.Parameter?.Type;
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || type == null)
                {
                    continue;
                }

                if (type.SpecialType == SpecialType.System_Int32 || type.Name == nameof(TimeSpan))
                {
                    var constant = argument.Value.ConstantValue;
                    return !(constant.HasValue && constant.Value is int milliseconds && milliseconds == -1);
                }
            }

            return false;
        }

        /// <summary>A configured take that returns something other than a flag or a bare task returns the releaser.</summary>
        private static bool ReturnsReleaser(IMethodSymbol method)
        {
            var returned = method.ReturnType;
            if (WellKnownTypes.IsTaskType(returned, withResult: true))
            {
                returned = ((INamedTypeSymbol)returned).TypeArguments[0];
            }
            else if (WellKnownTypes.IsTaskType(returned, withResult: false))
            {
                return false;
            }

            return !method.ReturnsVoid && returned.SpecialType != SpecialType.System_Boolean;
        }
    }
}
