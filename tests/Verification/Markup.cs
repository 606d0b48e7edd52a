using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace RaceAnalyzers.Tests.Verification
{
    /// <summary>
    /// The markup of Roslyn's testing libraries: <c>[|x|]</c> a diagnostic of the default id, <c>{|RACE001:x|}</c>
    /// a diagnostic of that id, <c>{|#0:x|}</c> a numbered location that expectations can point at.
    /// </summary>
    internal sealed class Markup
    {
        private Markup(string source, List<(string Id, TextSpan Span)> diagnostics, Dictionary<int, TextSpan> locations)
        {
            Source = source;
            Diagnostics = diagnostics;
            Locations = locations;
        }

        public string Source { get; }

        /// <summary>Diagnostic spans marked in the text; an empty id means the verifier's default id.</summary>
        public List<(string Id, TextSpan Span)> Diagnostics { get; }

        public Dictionary<int, TextSpan> Locations { get; }

        public static Markup Parse(string text)
        {
            var output = new StringBuilder(text.Length);
            var open = new Stack<(string Label, int Start)>();
            var diagnostics = new List<(string, TextSpan)>();
            var locations = new Dictionary<int, TextSpan>();
            for (var i = 0; i < text.Length; i++)
            {
                if (Starts(text, i, "[|"))
                {
                    open.Push((string.Empty, output.Length));
                    i += 1;
                }
                else if (text[i] == '{' && i + 1 < text.Length && text[i + 1] == '|' && LabelEnd(text, i + 2) is int colon)
                {
                    open.Push((text.Substring(i + 2, colon - i - 2), output.Length));
                    i = colon;
                }
                else if (Starts(text, i, "|]") || Starts(text, i, "|}"))
                {
                    if (open.Count == 0)
                    {
                        throw new FormatException($"Unbalanced markup close at offset {i}.");
                    }

                    var (label, start) = open.Pop();
                    var span = TextSpan.FromBounds(start, output.Length);
                    if (label.StartsWith("#", StringComparison.Ordinal))
                    {
                        locations[int.Parse(label.Substring(1))] = span;
                    }
                    else
                    {
                        diagnostics.Add((label, span));
                    }

                    i += 1;
                }
                else
                {
                    output.Append(text[i]);
                }
            }

            if (open.Count != 0)
            {
                throw new FormatException("Unclosed markup.");
            }

            return new Markup(output.ToString(), diagnostics, locations);
        }

        private static bool Starts(string text, int index, string token) => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

        /// <summary>Index of the ':' ending a label like <c>RACE001</c> or <c>#0</c>, or null when this is not markup.</summary>
        private static int? LabelEnd(string text, int start)
        {
            for (var i = start; i < text.Length && i < start + 16; i++)
            {
                if (text[i] == ':')
                {
                    return i > start ? i : null;
                }

                if (!char.IsLetterOrDigit(text[i]) && text[i] != '#')
                {
                    return null;
                }
            }

            return null;
        }
    }
}
