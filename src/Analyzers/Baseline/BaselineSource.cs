using System;
using System.Collections.Immutable;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace RaceAnalyzers.Baseline
{
    /// <summary>The baseline a compilation was given, read once: its entries, or why they cannot be used.</summary>
    internal sealed class LoadedBaseline
    {
        public LoadedBaseline(AdditionalText file, SourceText? text, BaselineFile? baseline, BaselineProblem? problem)
        {
            File = file;
            Text = text;
            Baseline = baseline;
            Problem = problem;
        }

        public AdditionalText File { get; }

        public SourceText? Text { get; }

        public BaselineFile? Baseline { get; }

        public BaselineProblem? Problem { get; }

        /// <summary>A place in the baseline file, for a diagnostic about it.</summary>
        public Location LocationAt(int position)
        {
            if (Text == null || position < 0)
            {
                return Location.Create(File.Path, default, default);
            }

            var span = new TextSpan(Math.Min(position, Text.Length), 0);
            return Location.Create(File.Path, span, Text.Lines.GetLinePositionSpan(span));
        }
    }

    /// <summary>
    /// Finds the baseline among a compilation's AdditionalFiles: the item the package's buildTransitive targets mark
    /// with <c>RaceAnalyzersBaseline="true"</c>, else a file named race-baseline.json. Each text is parsed once, and the
    /// suppressor and the analyzer share the result.
    /// </summary>
    internal static class BaselineSource
    {
        public const string MetadataKey = "build_metadata.AdditionalFiles.RaceAnalyzersBaseline";

        private static readonly ConditionalWeakTable<SourceText, Parsed> ByText = new ConditionalWeakTable<SourceText, Parsed>();

        /// <summary>The baseline, or null when the compilation has none.</summary>
        public static LoadedBaseline? Load(AnalyzerOptions options, CancellationToken cancellationToken)
        {
            var file = Find(options.AdditionalFiles, options.AnalyzerConfigOptionsProvider);
            if (file == null)
            {
                return null;
            }

            var text = file.GetText(cancellationToken);
            if (text == null)
            {
                return new LoadedBaseline(file, null, null, new BaselineProblem("the file cannot be read", -1));
            }

            var parsed = ByText.GetValue(text, Parse);
            return new LoadedBaseline(file, text, parsed.Baseline, parsed.Problem);
        }

        private static AdditionalText? Find(ImmutableArray<AdditionalText> files, AnalyzerConfigOptionsProvider options)
        {
            AdditionalText? byName = null;
            foreach (var file in files)
            {
                if (options.GetOptions(file).TryGetValue(MetadataKey, out var marked) && string.Equals(marked, "true", StringComparison.OrdinalIgnoreCase))
                {
                    return file;
                }

                if (byName == null && string.Equals(Path.GetFileName(file.Path), BaselineFile.DefaultName, StringComparison.OrdinalIgnoreCase))
                {
                    byName = file;
                }
            }

            return byName;
        }

        private static Parsed Parse(SourceText text)
        {
            try
            {
                return new Parsed(BaselineFile.Parse(text.ToString()), null);
            }
            catch (BaselineProblem problem)
            {
                return new Parsed(null, problem);
            }
        }

        private sealed class Parsed
        {
            public Parsed(BaselineFile? baseline, BaselineProblem? problem)
            {
                Baseline = baseline;
                Problem = problem;
            }

            public BaselineFile? Baseline { get; }

            public BaselineProblem? Problem { get; }
        }
    }
}
