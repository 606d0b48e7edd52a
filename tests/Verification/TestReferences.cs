using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace RaceAnalyzers.Tests.Verification
{
    /// <summary>
    /// What every test source compiles against: the .NET 9 reference pack and the real client libraries. The
    /// testing library's tests take the two through <see cref="RaceTest{TAnalyzer, TFix}"/>; compilations made by
    /// hand (scratch projects, name-gate checks, code a test runs) take them from <see cref="Get"/>.
    /// </summary>
    internal static class TestReferences
    {
        /// <summary>
        /// .NET 9, the oldest runtime with every API the rules know (<c>System.Threading.Lock</c>). The library's own
        /// <c>ReferenceAssemblies.Net.Net90</c> names a reference pack version the registry here does not serve, so a
        /// served one is named.
        /// </summary>
        public static ReferenceAssemblies ReferencePack { get; } = new ReferenceAssemblies(
            "net9.0", new PackageIdentity("Microsoft.NETCore.App.Ref", "9.0.16"), Path.Combine("ref", "net9.0"));

        private static readonly Lazy<IReadOnlyList<MetadataReference>> All = new Lazy<IReadOnlyList<MetadataReference>>(
            () => ReferencePack.ResolveAsync(LanguageNames.CSharp, default).GetAwaiter().GetResult().Concat(ClientLibraries.References).ToList());

        public static IReadOnlyList<MetadataReference> Get() => All.Value;
    }
}
