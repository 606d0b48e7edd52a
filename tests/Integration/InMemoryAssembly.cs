using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Integration
{
    /// <summary>Compiles C# source against the test references and loads it, so tests can run code before and after a fix.</summary>
    internal static class InMemoryAssembly
    {
        public static Assembly Compile(string source)
        {
            var compilation = CSharpCompilation.Create(
                "Run" + Guid.NewGuid().ToString("N"),
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
                TestReferences.Get(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            using var image = new MemoryStream();
            var result = compilation.Emit(image);
            Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            return Assembly.Load(image.ToArray());
        }
    }
}
