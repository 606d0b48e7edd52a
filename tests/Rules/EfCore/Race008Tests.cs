using System.Threading.Tasks;
using RaceAnalyzers.Tests.TestCode;
using Xunit;
using Verify = RaceAnalyzers.Tests.Verification.CSharpAnalyzerVerifier<RaceAnalyzers.Rules.EfCore.TrackedEntityAnalyzer>;

namespace RaceAnalyzers.Tests.Rules.EfCore
{
    /// <summary>
    /// RACE008: a tracked entity's property set from its loaded value and saved, with no concurrency token, row
    /// version, row lock or serializable transaction: the later of two concurrent saves overwrites the other.
    /// </summary>
    public sealed class Race008Tests
    {
        private const string GuardedReservation = """
        var product = await _db.Products.FirstAsync(p => p.Sku == sku);
        if (product.Stock < qty)
        {
            return false;
        }

        product.Stock -= qty;
        await {|RACE008:_db.SaveChangesAsync()|};
""";

        [Theory]
        [InlineData(GuardedReservation)]
        [InlineData("        var product = await _db.Products.FindAsync(1);\n        product!.Stock = product.Stock - qty;\n        await {|RACE008:_db.SaveChangesAsync()|};\n")]
        [InlineData("        var product = await _db.FindAsync<Product>(1);\n        product!.Stock -= qty;\n        await {|RACE008:_db.SaveChangesAsync()|};\n")]
        [InlineData("        var product = (Product)_db.Find(typeof(Product), 1)!;\n        product.Stock -= qty;\n        {|RACE008:_db.SaveChanges()|};\n")]
        [InlineData("        var product = await _db.Products.SingleAsync(p => p.Sku == sku);\n        var left = product.Stock - qty;\n        product.Stock = left;\n        await {|RACE008:_db.SaveChangesAsync()|};\n")]
        [InlineData("        var product = _db.Products.Where(p => p.Sku == sku).Include(p => p.Name).Single();\n        product.Stock++;\n        {|RACE008:_db.SaveChanges()|};\n")]
        [InlineData("        var product = await _db.Products.FirstAsync(p => p.Sku == sku);\n        if (product.Name == \"draft\")\n        {\n            product.Name = \"live\";\n        }\n\n        await {|RACE008:_db.SaveChangesAsync()|};\n")]
        [InlineData("        var product = await _db.Products.AsNoTracking().FirstAsync(p => p.Sku == sku);\n        product.Stock -= qty;\n        _db.Update(product);\n        await {|RACE008:_db.SaveChangesAsync()|};\n")]
        [InlineData("        await using var db = new ShopContext(new DbContextOptions<ShopContext>());\n        var product = await db.Set<Product>().FirstAsync(p => p.Sku == sku);\n        product.Stock -= qty;\n        await {|RACE008:db.SaveChangesAsync()|};\n")]
        public async Task OwnValueWrittenBackWithoutAConcurrencyCheck_IsFlagged(string body)
        {
            await Verify.VerifyAnalyzerAsync(EfCoreCode.Service(body));
        }

        [Fact]
        public async Task Message_NamesTheSaveThePropertyTheWriteAndTheLoad()
        {
            var source = EfCoreCode.Service("        var product = await {|#1:_db.Products.FirstAsync(p => p.Sku == sku)|};\n        {|#2:product.Stock -= qty|};\n        await {|#0:_db.SaveChangesAsync()|};\n");
            await Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("RACE008").WithLocation(0).WithLocation(1).WithLocation(2)
                    .WithArguments("_db.SaveChangesAsync()", "product.Stock", "product.Stock -= qty", LineOf(source, "product.Stock -= qty"),
                        "_db.Products.FirstAsync(p => p.Sku == sku)", LineOf(source, "_db.Products.FirstAsync"), "Product.Stock"));
        }

        [Fact]
        public async Task InAnEndpointLambda_IsFlagged()
        {
            const string body = """
        Func<ShopContext, Task> endpoint = async db =>
        {
            var product = await db.Products.FirstAsync(p => p.Sku == sku);
            product.Stock -= qty;
            await {|RACE008:db.SaveChangesAsync()|};
        };
        await endpoint(_db);
""";
            await Verify.VerifyAnalyzerAsync(EfCoreCode.Service(body));
        }

        [Theory]
        [InlineData("    [ConcurrencyCheck]\n", "")]
        [InlineData("", "    [Timestamp]\n    public byte[] Version { get; set; } = Array.Empty<byte>();\n")]
        public async Task ConcurrencyTokenOrRowVersionByAttribute_IsClean(string stockAttributes, string extraMembers)
        {
            await Verify.VerifyAnalyzerAsync(EfCoreCode.Service(Clean(GuardedReservation), EfCoreCode.Entity(stockAttributes, extraMembers)));
        }

        [Theory]
        [InlineData("        modelBuilder.Entity<Product>().Property(p => p.Stock).IsConcurrencyToken();\n", "")]
        [InlineData("        modelBuilder.Entity<Product>().Property<uint>(\"xmin\").IsRowVersion();\n", "")]
        [InlineData("", "\npublic sealed class ProductConfiguration : IEntityTypeConfiguration<Product>\n{\n    public void Configure(EntityTypeBuilder<Product> builder) => builder.Property(\"Stock\").IsConcurrencyToken();\n}\n")]
        [InlineData("", "\npublic sealed class ProductConfiguration : IEntityTypeConfiguration<Product>\n{\n    public void Configure(EntityTypeBuilder<Product> builder) => builder.Property<uint>(\"xmin\").IsConcurrencyToken();\n}\n")]
        public async Task ConcurrencyTokenOrRowVersionByFluentConfiguration_IsClean(string model, string extra)
        {
            await Verify.VerifyAnalyzerAsync(EfCoreCode.Service(Clean(GuardedReservation), model: model, extra: extra));
        }

        [Fact]
        public async Task ATokenOnAnotherProperty_DoesNotProtectStock()
        {
            await Verify.VerifyAnalyzerAsync(EfCoreCode.Service(GuardedReservation, model: "        modelBuilder.Entity<Product>().Property(p => p.Name).IsConcurrencyToken();\n"));
        }

        [Theory]
        [InlineData("        await using var tx = await _db.Database.BeginTransactionAsync(IsolationLevel.Serializable);\n" + "BODY" + "        await tx.CommitAsync();\n")]
        [InlineData("        await using var tx = await _db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead);\n" + "BODY" + "        await tx.CommitAsync();\n")]
        public async Task InAnIsolatingTransaction_IsClean(string wrapper)
        {
            await Verify.VerifyAnalyzerAsync(EfCoreCode.Service(wrapper.Replace("BODY", Clean(GuardedReservation))));
        }

        [Theory]
        [InlineData("        var product = await _db.Products.FromSqlInterpolated($\"SELECT * FROM products WHERE sku = {sku} FOR UPDATE\").FirstAsync();\n        product.Stock -= qty;\n        await _db.SaveChangesAsync();\n")]
        [InlineData("        var product = await _db.Products.FirstAsync(p => p.Sku == sku);\n        product.Name = sku.ToUpperInvariant();\n        await _db.SaveChangesAsync();\n")]
        [InlineData("        var product = await _db.Products.AsNoTracking().FirstAsync(p => p.Sku == sku);\n        product.Stock -= qty;\n        await _db.SaveChangesAsync();\n")]
        [InlineData("        var product = await _db.Products.FirstAsync(p => p.Sku == sku);\n        await _db.SaveChangesAsync();\n        product.Stock -= qty;\n")]
        [InlineData("        var updated = await _db.Products.Where(p => p.Sku == sku && p.Stock >= qty).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock - qty));\n        if (updated == 0)\n        {\n            return false;\n        }\n")]
        [InlineData("        var other = new ShopContext(new DbContextOptions<ShopContext>());\n        var product = await other.Products.FirstAsync(p => p.Sku == sku);\n        product.Stock -= qty;\n        await _db.SaveChangesAsync();\n")]
        [InlineData("        var other = new ShopContext(new DbContextOptions<ShopContext>());\n        var product = await other.FindAsync<Product>(1);\n        product!.Stock -= qty;\n        await _db.SaveChangesAsync();\n")]
        [InlineData("        var product = await _db.FindAsync<Product>(1);\n        product!.Name = sku;\n        await _db.SaveChangesAsync();\n")]
        public async Task LockedLoadsFreshValuesUntrackedChangesAndAtomicUpdates_AreClean(string body)
        {
            await Verify.VerifyAnalyzerAsync(EfCoreCode.Service(body));
        }

        private static string LineOf(string source, string text)
            => (source.Substring(0, source.IndexOf(text, System.StringComparison.Ordinal)).Split('\n').Length).ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static string Clean(string markup) => markup.Replace("{|RACE008:", "").Replace(")|}", ")");
    }
}
