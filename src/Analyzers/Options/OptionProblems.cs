using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Options
{
    /// <summary>What is wrong with one <c>race_analyzers.*</c> setting, in words a user can act on. Never throws.</summary>
    internal static class OptionProblems
    {
        public static IEnumerable<string> Of(string key, string value, Compilation compilation)
        {
            if (Array.IndexOf(OptionKeys.All, key) < 0)
            {
                var closest = Closest(key, OptionKeys.All);
                yield return $"'{key}' is not a RaceAnalyzers option" + (closest == null ? "." : $"; did you mean '{closest}'?");
                yield break;
            }

            if (key == OptionKeys.MaxCallDepth)
            {
                if (!int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var depth) || depth < 0 || depth > 10)
                {
                    yield return $"'{key} = {value.Trim()}' is not a number from 0 to 10; the default, {RaceOptions.DefaultMaxCallDepth}, is used.";
                }

                yield break;
            }

            foreach (var entry in Entries(value))
            {
                var problem = Array.IndexOf(OptionKeys.WordLists, key) >= 0 ? WordProblem(entry)
                    : Array.IndexOf(OptionKeys.TypeLists, key) >= 0 ? TypeProblem(entry, compilation)
                    : MethodProblem(entry, compilation);
                if (problem != null)
                {
                    yield return $"'{key}': '{entry}' {problem}";
                }
            }
        }

        private static IEnumerable<string> Entries(string value)
            => ConfiguredMethods.Entries(value);

        private static string? WordProblem(string word)
            => char.IsUpper(word[0]) && word.All(char.IsLetterOrDigit) ? null : "cannot open a method name: a word starts with a capital letter and has only letters and digits.";

        private static string? TypeProblem(string entry, Compilation compilation)
        {
            // Written without arity (Acme.LeanPool for LeanPool<T>), as configured names are matched.
            var name = ConfiguredMethods.Normalize(entry);
            var simpleName = name.Substring(name.LastIndexOf('.') + 1);
            var sameSimpleName = compilation.GetSymbolsWithName(simpleName, SymbolFilter.Type).OfType<INamedTypeSymbol>().ToList();
            if (MetadataTypes.Find(compilation, name) != null || FindNested(name, compilation) != null
                || sameSimpleName.Any(type => ConfiguredMethods.TypeName(type) == name))
            {
                return null;
            }

            var elsewhere = sameSimpleName.FirstOrDefault();
            return (name.IndexOf('.') < 0 ? "has no namespace: write Namespace.Type" : "names no type of the compilation")
                   + (elsewhere == null ? "; the setting is ignored." : $"; did you mean '{ConfiguredMethods.TypeName(elsewhere)}'?");
        }

        private static string? MethodProblem(string entry, Compilation compilation)
        {
            var name = ConfiguredMethods.Normalize(entry);
            var lastDot = name.LastIndexOf('.');
            var method = name.Substring(lastDot + 1);
            var typeName = lastDot < 0 ? string.Empty : name.Substring(0, lastDot);
            if (typeName.IndexOf('.') < 0)
            {
                var candidate = SameMethodElsewhere(method, typeName, compilation);
                return "has no namespace: write Namespace.Type.Method" + (candidate == null ? "." : $" ('{candidate}'?).");
            }

            var type = MetadataTypes.Find(compilation, typeName) ?? FindNested(typeName, compilation);
            var overloads = type == null ? new List<IMethodSymbol>() : type.GetMembers(method).OfType<IMethodSymbol>().ToList();
            if (overloads.Count > 0)
            {
                return OverloadProblem(ConfiguredMethods.DocumentationId(entry), overloads, type!.ToDisplayString() + "." + method);
            }

            var elsewhere = SameMethodElsewhere(method, type == null ? typeName.Substring(typeName.LastIndexOf('.') + 1) : type.Name, compilation);
            return (type == null ? "names no type of the compilation" : $"names no method of {type.ToDisplayString()}")
                   + (elsewhere == null ? "; the setting is ignored." : $"; did you mean '{elsewhere}'?");
        }

        /// <summary>A documentation id with a parameter list must be the id of one of the overloads.</summary>
        private static string? OverloadProblem(string? documentationId, List<IMethodSymbol> overloads, string method)
        {
            if (documentationId == null)
            {
                return null;
            }

            var ids = overloads.Select(ConfiguredMethods.DocumentationIdOf).ToList();
            return ids.Contains(documentationId)
                ? null
                : $"matches no overload of {method} ('{string.Join("', '", ids)}'); the setting is ignored.";
        }

        /// <summary><c>Ns.Outer.Inner</c> written with dots for a nested type.</summary>
        private static INamedTypeSymbol? FindNested(string typeName, Compilation compilation)
        {
            var parts = typeName.Split('.');
            for (var split = parts.Length - 1; split > 0; split--)
            {
                var outer = MetadataTypes.Find(compilation, string.Join(".", parts.Take(split)));
                for (var i = split; outer != null && i < parts.Length; i++)
                {
                    outer = outer.GetTypeMembers(parts[i]).FirstOrDefault();
                }

                if (outer != null)
                {
                    return outer;
                }
            }

            return null;
        }

        /// <summary>A method of that name in source, on a type of the given simple name if there is one: what the entry probably meant.</summary>
        private static string? SameMethodElsewhere(string method, string typeSimpleName, Compilation compilation)
        {
            if (method.Length == 0)
            {
                return null;
            }

            var methods = compilation.GetSymbolsWithName(method, SymbolFilter.Member).OfType<IMethodSymbol>().ToList();
            var best = methods.FirstOrDefault(m => m.ContainingType?.Name == typeSimpleName) ?? methods.FirstOrDefault();
            return best == null ? null : ConfiguredMethods.QualifiedName(best);
        }

        private static string? Closest(string key, string[] known)
        {
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var candidate in known)
            {
                var distance = EditDistance(key, candidate);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = candidate;
                }
            }

            return bestDistance <= Math.Max(3, key.Length / 4) ? best : null;
        }

        private static int EditDistance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                }

                (previous, current) = (current, previous);
            }

            return previous[b.Length];
        }
    }
}
