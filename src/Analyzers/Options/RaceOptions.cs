using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RaceAnalyzers.Options
{
    /// <summary>
    /// The <c>race_analyzers.*</c> options of one syntax tree. The methods they configure are read once per options
    /// object and parsed once per text.
    /// </summary>
    internal sealed class RaceOptions
    {
        public const int DefaultMaxCallDepth = 3;

        /// <summary>Each option that names methods, with the role it gives them.</summary>
        private static readonly (string Key, Role Role)[] MethodLists =
        {
            (OptionKeys.AcquireMethods, Role.Acquire),
            (OptionKeys.ReleaseMethods, Role.Release),
            (OptionKeys.DependentMethods, Role.DependentUse),
            (OptionKeys.SnapshotReadMethods, Role.SnapshotRead),
            (OptionKeys.SubscribeMethods, Role.Subscribe),
            (OptionKeys.CommitMethods, Role.Commit),
            (OptionKeys.PersistMethods, Role.Persist),
            (OptionKeys.LockMethods, Role.Lock),
            (OptionKeys.UnlockMethods, Role.Unlock),
        };

        // An options object never changes, and hosts share one between the trees of a section and between compilations
        // (the IDE's next keystroke): what it configures is read once per object, not for every body and every
        // compilation. Trees usually share one section, so equal settings are parsed once, by their text.
        private static readonly ConditionalWeakTable<AnalyzerConfigOptions, ConfiguredMethods> MethodsByOptions = new ConditionalWeakTable<AnalyzerConfigOptions, ConfiguredMethods>();
        private static readonly ConditionalWeakTable<AnalyzerConfigOptions, ConfiguredMethods>.CreateValueCallback ReadMethodsOnce = ReadMethods;
        private static readonly ConcurrentDictionary<string, ConfiguredMethods> ParsedByText = new ConcurrentDictionary<string, ConfiguredMethods>(StringComparer.Ordinal);

        private readonly AnalyzerConfigOptionsProvider _provider;
        private StrongBox<(HashSet<string> Names, string[] Words)>? _configuredNames;

        public RaceOptions(AnalyzerConfigOptionsProvider provider)
        {
            _provider = provider;
        }

        // One per compilation and provider, shared by every analyzer of the package: each would otherwise read every
        // tree's options again for OrConfigured, once per analyzer per compilation (per keystroke in the IDE).
        private static readonly ConditionalWeakTable<Compilation, RaceOptions> PerCompilation = new ConditionalWeakTable<Compilation, RaceOptions>();

        /// <summary>The options of <paramref name="compilation"/>, shared by the analyzers that read them through the same provider.</summary>
        public static RaceOptions For(Compilation compilation, AnalyzerConfigOptionsProvider provider)
        {
            var shared = PerCompilation.GetValue(compilation, _ => new RaceOptions(provider));
            return ReferenceEquals(shared._provider, provider) ? shared : new RaceOptions(provider);
        }

        /// <summary>The methods and words the options of <paramref name="tree"/> configure.</summary>
        public ConfiguredMethods MethodsFor(SyntaxTree tree) => MethodsByOptions.GetValue(_provider.GetOptions(tree), ReadMethodsOnce);

        private static ConfiguredMethods ReadMethods(AnalyzerConfigOptions options)
        {
            var values = new string?[MethodLists.Length + 3];
            var any = false;
            for (var i = 0; i < MethodLists.Length; i++)
            {
                values[i] = Read(options, MethodLists[i].Key);
                any |= values[i] != null;
            }

            var handlingWords = values[MethodLists.Length] = Read(options, OptionKeys.HandlingWords);
            var readingWords = values[MethodLists.Length + 1] = Read(options, OptionKeys.ReadingWords);
            var reuseOnlyPools = values[MethodLists.Length + 2] = Read(options, OptionKeys.ReuseOnlyPools);
            any |= handlingWords != null || readingWords != null || reuseOnlyPools != null;

            if (!any)
            {
                return ConfiguredMethods.Empty;
            }

            return ParsedByText.GetOrAdd(string.Join("\n", values), _ =>
            {
                var lists = new (Role, string?)[MethodLists.Length];
                for (var i = 0; i < MethodLists.Length; i++)
                {
                    lists[i] = (MethodLists[i].Role, values[i]);
                }

                return ConfiguredMethods.Parse(lists, handlingWords, readingWords, reuseOnlyPools);
            });
        }

        /// <summary>
        /// <paramref name="known"/>, widened to the simple names of every method configured anywhere in the
        /// compilation and to names opened by a configured word: a name check on syntax must not skip a body that
        /// calls an in-house method with a role.
        /// </summary>
        public Func<string, bool> OrConfigured(Compilation compilation, Func<string, bool> known)
        {
            var (names, words) = ConfiguredNames(compilation);
            if (names.Count == 0 && words.Length == 0)
            {
                return known;
            }

            return name => known(name) || names.Contains(name) || (words.Length > 0 && MethodNames.StartsWithWord(name, words));
        }

        private (HashSet<string> Names, string[] Words) ConfiguredNames(Compilation compilation)
        {
            var configured = Volatile.Read(ref _configuredNames);
            if (configured != null)
            {
                return configured.Value;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            var words = new HashSet<string>(StringComparer.Ordinal);
            foreach (var tree in compilation.SyntaxTrees)
            {
                var methods = MethodsFor(tree);
                names.UnionWith(methods.SimpleNames);
                words.UnionWith(methods.HandlingWords);
                words.UnionWith(methods.ReadingWords);
            }

            var built = new StrongBox<(HashSet<string>, string[])>((names, words.ToArray()));
            return (Interlocked.CompareExchange(ref _configuredNames, built, null) ?? built).Value;
        }

        /// <summary>How many calls deep summaries follow (<c>race_analyzers.max_call_depth</c>, 0 to 10, default 3).</summary>
        public int MaxCallDepthFor(SyntaxTree tree)
        {
            var text = Read(_provider.GetOptions(tree), OptionKeys.MaxCallDepth);
            return text != null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var depth) && depth >= 0
                ? Math.Min(depth, 10)
                : DefaultMaxCallDepth;
        }

        /// <summary>True when some tree of the compilation sets <paramref name="key"/> (compilation-start checks).</summary>
        public bool AnyTreeSets(Compilation compilation, string key)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (Read(_provider.GetOptions(tree), key) != null)
                {
                    return true;
                }
            }

            return false;
        }

        private static string? Read(AnalyzerConfigOptions options, string key)
            => options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
    }
}
