using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RaceAnalyzers.Tests.Verification;
using Xunit;

namespace RaceAnalyzers.Tests.Knowledge
{
    /// <summary>
    /// The package looks types up by metadata name through <see cref="MetadataTypes"/>, which keeps the references'
    /// answers across compilations (the IDE's keystrokes). Whatever the compilations before it were, every answer
    /// must be the one the compilation itself gives: a type declared in source wins, a type two references declare is
    /// none, and another reference set is asked again.
    /// </summary>
    public sealed class MetadataTypesTests
    {
        private static readonly string[] Names =
        {
            "System.Threading.SemaphoreSlim", "System.Buffers.ArrayPool`1", "Npgsql.NpgsqlCommand", "RabbitMQ.Client.IChannel",
            "System.Environment+SpecialFolder", "Acme.Pool", "Acme.Missing", "Acme.Dup",
        };

        private const string Plain = "namespace App { public sealed class Handler { } }";

        private const string Shadowing = """
            namespace System.Threading { public sealed class SemaphoreSlim { } }
            namespace Acme { public sealed class Pool { } public sealed class Dup { } }
            namespace App { public sealed class Handler { } }
            """;

        [Fact]
        public void EveryKeystroke_GetsWhatItsOwnCompilationAnswers()
        {
            var tree = CSharpSyntaxTree.ParseText(Plain, path: "Handler.cs");
            Compilation compilation = CSharpCompilation.Create("App", new[] { tree }, Core().Concat(ClientLibraries.References));
            foreach (var text in new[] { Plain, Shadowing, Plain, Shadowing, Plain })
            {
                var edited = CSharpSyntaxTree.ParseText(text, path: "Handler.cs");
                compilation = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(), edited);
                AssertSameAnswers(compilation);
            }

            // The source type wins over the reference's while it is declared, and the reference's answers come back after.
            Assert.Equal(TypeKind.Class, MetadataTypes.Find(compilation, "System.Threading.SemaphoreSlim")!.TypeKind);
            Assert.NotEqual(compilation.Assembly, MetadataTypes.Find(compilation, "System.Threading.SemaphoreSlim")!.ContainingAssembly);
        }

        [Fact]
        public void ATypeTwoReferencesDeclare_IsNone_AndOneReferenceAloneIsAskedAgain()
        {
            var one = Library("One");
            var two = Library("Two");
            var tree = CSharpSyntaxTree.ParseText(Plain, path: "Handler.cs");

            Compilation both = CSharpCompilation.Create("App", new[] { tree }, Core().Append(one).Append(two));
            AssertSameAnswers(both);
            Assert.Null(MetadataTypes.Find(both, "Acme.Dup"));
            AssertSameAnswers(both.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(Shadowing, path: "Handler.cs")));

            Compilation onlyOne = CSharpCompilation.Create("App", new[] { tree }, Core().Append(one));
            AssertSameAnswers(onlyOne);
            Assert.Equal("One", MetadataTypes.Find(onlyOne, "Acme.Dup")!.ContainingAssembly.Name);
        }

        private static void AssertSameAnswers(Compilation compilation)
        {
            foreach (var name in Names)
            {
                var found = MetadataTypes.Find(compilation, name);
                var again = MetadataTypes.Find(compilation, name);
                var expected = compilation.GetTypeByMetadataName(name);
                Assert.True(SymbolEqualityComparer.Default.Equals(expected, found), $"{name}: {found?.ContainingAssembly?.Name ?? "none"}, expected {expected?.ContainingAssembly?.Name ?? "none"}");
                Assert.Same(found, again);
            }
        }

        private static MetadataReference[] Core() => new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) };

        /// <summary>A small assembly that declares <c>Acme.Dup</c>, as another library could.</summary>
        private static MetadataReference Library(string name)
        {
            var library = CSharpCompilation.Create(
                name,
                new[] { CSharpSyntaxTree.ParseText("namespace Acme { public sealed class Dup { } }") },
                Core(),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var image = new MemoryStream();
            Assert.True(library.Emit(image).Success);
            return MetadataReference.CreateFromImage(image.ToArray());
        }
    }
}
