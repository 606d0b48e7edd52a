using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Tests.Verification
{
    /// <summary>
    /// The real client libraries test sources compile against, as a .NET 9 project would see them: each package's
    /// net9.0, else net8.0, else netstandard assembly from the NuGet package folder. The test project records the package
    /// versions it restores in assembly metadata, so versions are named once, in the project file.
    /// </summary>
    internal static class ClientLibraries
    {
        private static readonly (string Package, string Assembly)[] Libraries =
        {
            ("Dapper", "Dapper"), ("Npgsql", "Npgsql"), ("RabbitMQ.Client", "RabbitMQ.Client"),
            ("StackExchange.Redis", "StackExchange.Redis"), ("Confluent.Kafka", "Confluent.Kafka"),
            ("Microsoft.AspNetCore.SignalR.Client.Core", "Microsoft.AspNetCore.SignalR.Client.Core"),
            ("Microsoft.Extensions.ObjectPool", "Microsoft.Extensions.ObjectPool"),
            ("Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Logging.Abstractions"),
            ("Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.DependencyInjection.Abstractions"),
            ("System.Threading.RateLimiting", "System.Threading.RateLimiting"),
            ("Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore"),
            ("Microsoft.EntityFrameworkCore.Relational", "Microsoft.EntityFrameworkCore.Relational"),
            ("Microsoft.EntityFrameworkCore.Abstractions", "Microsoft.EntityFrameworkCore.Abstractions"),
            ("Npgsql.EntityFrameworkCore.PostgreSQL", "Npgsql.EntityFrameworkCore.PostgreSQL"),
        };

        private static readonly string[] FrameworkPreference = { "net9.0", "net8.0", "netstandard2.1", "netstandard2.0" };

        private static readonly Lazy<MetadataReference[]> All = new Lazy<MetadataReference[]>(Load);

        public static MetadataReference[] References => All.Value;

        private static MetadataReference[] Load()
        {
            var metadata = typeof(ClientLibraries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .ToDictionary(a => a.Key, a => a.Value ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            var root = metadata["NuGetPackageRoot"];
            var references = new List<MetadataReference>();
            foreach (var (package, assembly) in Libraries)
            {
                if (!metadata.TryGetValue("package:" + package, out var version))
                {
                    throw new InvalidOperationException($"The test project records no version of {package}.");
                }

                var lib = Path.Combine(root, package.ToLowerInvariant(), version.Trim('[', ']'), "lib");
                var path = FrameworkPreference.Select(f => Path.Combine(lib, f, assembly + ".dll")).FirstOrDefault(File.Exists)
                    ?? throw new InvalidOperationException($"No net9.0, net8.0 or netstandard build of {assembly} under {lib}.");
                references.Add(MetadataReference.CreateFromFile(path));
            }

            return references.ToArray();
        }
    }
}
