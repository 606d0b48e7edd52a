using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RaceAnalyzers.Tests.Verification;

namespace RaceAnalyzers.Tests.Fixes.Sweep
{
    /// <summary>
    /// A solution of source files compiled as their projects compile them: the .NET 9 reference pack and the real
    /// client libraries, no implicit usings, one project per build unit. Documents are named by their path in the
    /// corpus, which is how the sweep reports them.
    /// </summary>
    internal sealed class CorpusSolution
    {
        private Solution _solution = new AdhocWorkspace().CurrentSolution;

        public Solution Solution => _solution;

        public CorpusSolution AddProject(string name, IEnumerable<(string Path, string Text)> files, bool nullable = true)
        {
            var projectId = ProjectId.CreateNewId();
            _solution = _solution.AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, name, name, LanguageNames.CSharp,
                filePath: $"/corpus/{name}/{name}.csproj",
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                    nullableContextOptions: nullable ? NullableContextOptions.Enable : NullableContextOptions.Disable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Preview), metadataReferences: TestReferences.Get()));
            foreach (var (path, text) in files.OrderBy(f => f.Path))
            {
                _solution = _solution.AddDocument(DocumentId.CreateNewId(projectId), System.IO.Path.GetFileName(path), SourceText.From(text), filePath: path);
            }

            return this;
        }
    }
}
