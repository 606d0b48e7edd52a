using System.Linq;
using RaceAnalyzers.Baseline;
using Xunit;

namespace RaceAnalyzers.Tests.Baseline
{
    /// <summary>race-baseline.json: written sorted and readable, read back to the same entries; JSON escapes survive.</summary>
    public sealed class BaselineFileTests
    {
        [Fact]
        public void Write_SortsByRuleAssemblyFileMember_AndReadsBackTheSameEntries()
        {
            var entries = new[]
            {
                new BaselineEntry(new FindingKey("RACE009", "Shop", "M:Shop.B.Run", "x | y"), 2, "Shop/B.cs", 40, "two"),
                new BaselineEntry(new FindingKey("RACE001", "Shop", "M:Shop.A.Run", "conn | \"quoted\" \\ path"), 1, "Shop/A.cs", 12, "one\nline"),
                new BaselineEntry(new FindingKey("RACE009", "Api", "M:Api.C.Run", "z"), 1, "Api/C.cs", 7, "three"),
            };

            var text = new BaselineFile(entries).Write();
            var read = BaselineFile.Parse(text).Entries;

            Assert.Equal(new[] { "RACE001 Shop/A.cs", "RACE009 Api/C.cs", "RACE009 Shop/B.cs" }, read.Select(e => e.Key.Rule + " " + e.File));
            Assert.Equal(entries[1].Key, read[0].Key);
            Assert.Equal("one\nline", read[0].Message);
            Assert.Equal(2, read[2].Count);
            Assert.Equal(40, read[2].Line);
            Assert.Contains("\n      \"rule\": \"RACE001\",\n      \"assembly\": \"Shop\",\n", text);
            Assert.Equal(text, new BaselineFile(read).Write());
        }

        [Fact]
        public void Reader_TakesUnicodeEscapesAndNumbers_AndPointsAtTrailingText()
        {
            var value = JsonReader.Read("{ \"a\": [1.5e1, true, null, \"\\u00e9\\t\"] }").Value as System.Collections.Generic.Dictionary<string, JsonValue>;
            var items = (System.Collections.Generic.List<JsonValue>)value!["a"].Value!;
            Assert.Equal(15.0, items[0].Value);
            Assert.Equal(true, items[1].Value);
            Assert.Null(items[2].Value);
            Assert.Equal("é\t", items[3].Value);

            var problem = Assert.Throws<JsonProblem>(() => JsonReader.Read("{ } x"));
            Assert.Equal(4, problem.Position);
        }
    }
}
