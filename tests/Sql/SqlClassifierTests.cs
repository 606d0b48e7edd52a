using System;
using System.Linq;
using System.Text;
using RaceAnalyzers.Sql;
using Xunit;

namespace RaceAnalyzers.Tests.Sql
{
    /// <summary>The SQL tokenizer and classifier: the shapes the rules need, odd inputs, and any string in without an exception.</summary>
    public sealed class SqlClassifierTests
    {
        [Theory]
        [InlineData("SELECT current_stock FROM products WHERE sku = @sku")]
        [InlineData("select  current_stock\n  from public.products -- the row\n where sku=@sku")]
        [InlineData("SELECT \"current_stock\" FROM \"inventory\".\"products\" WHERE \"sku\" = :sku")]
        [InlineData("SELECT [current_stock] FROM [dbo].[products] /* comment */ WHERE [sku] = @sku")]
        [InlineData("SELECT p.current_stock FROM products p WHERE p.sku = $1")]
        public void Select_ReadsTableColumnAndKey(string sql)
        {
            var statement = SqlClassifier.Classify(sql);
            Assert.Equal(SqlStatementKind.Select, statement.Kind);
            Assert.Equal("products", statement.Table);
            Assert.Contains("current_stock", statement.SelectedColumns);
            Assert.Contains("sku", statement.WhereColumns);
            Assert.False(statement.LocksRows);
        }

        [Theory]
        [InlineData("SELECT stock FROM products WHERE sku = @sku FOR UPDATE")]
        [InlineData("SELECT stock FROM products WHERE sku = @sku FOR NO KEY UPDATE")]
        [InlineData("SELECT stock FROM products WITH (UPDLOCK, ROWLOCK) WHERE sku = @sku")]
        [InlineData("SELECT stock FROM products WITH (XLOCK) WHERE sku = @sku")]
        [InlineData("SELECT stock FROM products WITH (HOLDLOCK) WHERE sku = @sku")]
        public void Select_WithRowLock_IsLocking(string sql)
        {
            Assert.True(SqlClassifier.Classify(sql).LocksRows);
        }

        [Theory]
        [InlineData("SELECT COUNT(*) FROM processed_events WHERE event_id = @id")]
        [InlineData("SELECT EXISTS (SELECT 1 FROM processed_events WHERE event_id = @id)")]
        [InlineData("SELECT 1 FROM processed_events WHERE event_id = @id")]
        public void ExistenceChecks_AreRecognized(string sql)
        {
            var statement = SqlClassifier.Classify(sql);
            Assert.True(statement.IsExistenceCheck);
            Assert.Equal("processed_events", statement.Table);
            Assert.Equal("id", statement.WhereEqualsParameter["event_id"]);
        }

        [Fact]
        public void Update_SetToParameter_AndRelativeSet_AreTold()
        {
            var computed = SqlClassifier.Classify("UPDATE products SET current_stock = @updated, touched = now() WHERE sku = @sku");
            Assert.Equal(SqlStatementKind.Update, computed.Kind);
            Assert.Equal("products", computed.Table);
            Assert.Equal("updated", computed.SetToParameter["current_stock"]);
            Assert.Empty(computed.SetRelative);
            Assert.Equal("sku", computed.WhereEqualsParameter["sku"]);

            var atomic = SqlClassifier.Classify("update dbo.products set current_stock = current_stock + @delta where sku = @sku");
            Assert.Contains("current_stock", atomic.SetRelative);
            Assert.Empty(atomic.SetToParameter);
        }

        [Fact]
        public void Update_CompareAndSet_ShowsInWhere()
        {
            var statement = SqlClassifier.Classify("UPDATE products SET stock = @new WHERE sku = @sku AND stock = @old");
            Assert.Equal("old", statement.WhereEqualsParameter["stock"]);
            Assert.True(SqlClassifier.IsVersionColumn("row_version"));
        }

        [Theory]
        [InlineData("INSERT INTO processed_events (event_id) VALUES (@id)", false)]
        [InlineData("INSERT INTO processed_events (event_id) VALUES (@id) ON CONFLICT (event_id) DO NOTHING", true)]
        [InlineData("INSERT INTO processed_events (event_id) VALUES (@id) ON CONFLICT DO NOTHING", true)]
        [InlineData("INSERT INTO processed_events (event_id) SELECT @id WHERE NOT EXISTS (SELECT 1 FROM processed_events WHERE event_id = @id)", true)]
        [InlineData("INSERT IGNORE INTO processed_events (event_id) VALUES (@id)", true)]
        [InlineData("INSERT OR IGNORE INTO processed_events (event_id) VALUES (@id)", true)]
        public void Insert_ClaimsAtomicallyOnlyWithAClaimClause(string sql, bool claims)
        {
            var statement = SqlClassifier.Classify(sql);
            Assert.Equal(SqlStatementKind.Insert, statement.Kind);
            Assert.Equal("processed_events", statement.Table);
            Assert.Contains("event_id", statement.InsertColumns);
            Assert.Equal(claims, statement.ClaimsAtomically);
        }

        [Theory]
        [InlineData("WITH moved AS (DELETE FROM queue RETURNING id) INSERT INTO archive (id) SELECT id FROM moved", "Insert", "archive")]
        [InlineData("MERGE INTO products AS t USING incoming AS s ON t.sku = s.sku WHEN MATCHED THEN UPDATE SET stock = s.stock", "Merge", "products")]
        [InlineData("DELETE FROM sessions WHERE id = @id", "Delete", "sessions")]
        [InlineData("LISTEN chat_42", "Other", "")]
        [InlineData("", "Other", "")]
        [InlineData("SELECT 'it''s -- not a comment' AS text, $$ UPDATE x SET y = 1 $$ FROM t", "Select", "t")]
        public void OtherShapes(string sql, string kind, string table)
        {
            var statement = SqlClassifier.Classify(sql);
            Assert.Equal(kind, statement.Kind.ToString());
            Assert.Equal(table, statement.Table);
        }

        [Fact]
        public void AnyString_NeverThrows()
        {
            // Seeded, reproducible: random characters weighted towards SQL's special ones, and mutations of real statements.
            var random = new Random(20261122);
            const string alphabet = "SELECTFROMWHEREUPDATEINSERTsetinto '\"`[]()$@:?;,.-/*\n\t=<>!0123456789_ÄÖé…\\";
            var seeds = new[]
            {
                "SELECT current_stock FROM products WHERE sku = @sku FOR UPDATE",
                "UPDATE products SET stock = stock + @d WHERE sku = @sku",
                "INSERT INTO processed_events (event_id) VALUES (@id) ON CONFLICT DO NOTHING",
                "WITH x AS (SELECT 1) SELECT * FROM x /* nested /* comment */ */ -- end",
                "SELECT $tag$ body $tag$, E'esc\\'aped', [a]]b] FROM \"q\"\"t\"",
            };
            for (var i = 0; i < 5000; i++)
            {
                string text;
                if (i % 2 == 0)
                {
                    var builder = new StringBuilder();
                    var length = random.Next(0, 80);
                    for (var j = 0; j < length; j++)
                    {
                        builder.Append(alphabet[random.Next(alphabet.Length)]);
                    }

                    text = builder.ToString();
                }
                else
                {
                    var seed = seeds[random.Next(seeds.Length)];
                    var cut = random.Next(seed.Length + 1);
                    text = random.Next(3) switch
                    {
                        0 => seed.Substring(0, cut),
                        1 => seed.Remove(cut, Math.Min(random.Next(1, 6), seed.Length - cut)),
                        _ => seed.Insert(cut, alphabet[random.Next(alphabet.Length)].ToString()),
                    };
                }

                var statement = SqlClassifier.Classify(text);
                Assert.NotNull(statement);
                Assert.NotNull(SqlTokenizer.Tokenize(text));
                Assert.NotNull(SqlTokenizer.FirstKeyword(text));
            }
        }
    }
}
