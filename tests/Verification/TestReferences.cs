using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Tests.Verification
{
    /// <summary>
    /// What test sources compile against: the .NET reference pack and the real client libraries this test
    /// project references (copied next to the test assembly by the build).
    /// </summary>
    internal static class TestReferences
    {
        private static readonly string[] Libraries =
        {
            "Dapper", "Npgsql", "RabbitMQ.Client", "StackExchange.Redis", "Confluent.Kafka", "Microsoft.AspNetCore.SignalR.Client.Core",
            "Microsoft.Extensions.ObjectPool", "Microsoft.Extensions.Logging.Abstractions",
            "Microsoft.Extensions.DependencyInjection.Abstractions", "System.Threading.RateLimiting",
            "Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore.Relational", "Microsoft.EntityFrameworkCore.Abstractions",
        };

        private static readonly Lazy<IReadOnlyList<MetadataReference>> All = new Lazy<IReadOnlyList<MetadataReference>>(Load);

        public static IReadOnlyList<MetadataReference> Get() => All.Value;

        private static IReadOnlyList<MetadataReference> Load()
        {
            var references = new List<MetadataReference>();
            references.AddRange(FrameworkReferenceAssemblies().Select(path => MetadataReference.CreateFromFile(path)));
            foreach (var name in Libraries)
            {
                var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
                if (!File.Exists(path))
                {
                    throw new InvalidOperationException($"Test library {name}.dll is missing from {AppContext.BaseDirectory}.");
                }

                references.Add(MetadataReference.CreateFromFile(path));
            }

            return references;
        }

        private static IEnumerable<string> FrameworkReferenceAssemblies()
        {
            // .../dotnet/shared/Microsoft.NETCore.App/10.0.x/System.Private.CoreLib.dll → .../dotnet/packs/Microsoft.NETCore.App.Ref/10.0.y/ref/net10.0
            var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
            var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
            var major = Environment.Version.Major;
            if (Directory.Exists(packs))
            {
                var refDir = Directory.GetDirectories(packs)
                    .Where(d => Path.GetFileName(d).StartsWith(major + ".", StringComparison.Ordinal))
                    .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version())
                    .Select(d => Path.Combine(d, "ref", "net" + major + ".0"))
                    .FirstOrDefault(Directory.Exists);
                if (refDir != null)
                {
                    return Directory.GetFiles(refDir, "*.dll");
                }
            }

            // No reference pack: compile against the runtime's own assemblies.
            return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll");
        }
    }
}
