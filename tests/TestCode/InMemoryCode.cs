namespace RaceAnalyzers.Tests.TestCode
{
    /// <summary>A service keeping shared state in <c>ConcurrentDictionary</c> fields (a counter and a cache).</summary>
    internal static class InMemoryCode
    {
        private const string Header = """
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

public sealed class Session : IDisposable
{
    public void Dispose()
    {
    }
}

public sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<string, int> _counts = new ConcurrentDictionary<string, int>();
    private readonly ConcurrentDictionary<string, Session> _sessions = new ConcurrentDictionary<string, Session>();
    private readonly ConcurrentDictionary<string, List<string>> _names = new ConcurrentDictionary<string, List<string>>();
    private readonly object _gate = new object();

""";

        private const string Footer = """
    }

    private static Session Create(string key) => new Session();
}

""";

        /// <summary>The class with a method <c>Run</c> whose body (each line indented by eight spaces) starts on line 23.</summary>
        public static string Service(string body, string parameters = "string key, int amount", string returns = "void")
            => Header + "\n    public " + returns + " Run(" + parameters + ")\n    {\n" + body + Footer;
    }
}
