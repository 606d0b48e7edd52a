using Microsoft.CodeAnalysis;

namespace RaceAnalyzers.Rules.EfCore
{
    /// <summary>The EF Core types RACE008 recognises, resolved once per compilation.</summary>
    internal sealed class EfCoreTypes
    {
        private readonly INamedTypeSymbol _dbContext;
        private readonly INamedTypeSymbol _dbSet;

        private EfCoreTypes(INamedTypeSymbol dbContext, INamedTypeSymbol dbSet)
        {
            _dbContext = dbContext;
            _dbSet = dbSet;
        }

        /// <summary>Null when the compilation does not reference EF Core.</summary>
        public static EfCoreTypes? For(Compilation compilation)
        {
            var dbContext = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
            var dbSet = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbSet`1");
            return dbContext == null || dbSet == null ? null : new EfCoreTypes(dbContext, dbSet);
        }

        public bool IsDbContext(ITypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, _dbContext))
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsDbSet(ITypeSymbol? type)
        {
            for (var current = type as INamedTypeSymbol; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, _dbSet))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A property EF Core maps to a column by convention: read-write, instance, of a scalar type.</summary>
        public static bool IsMappedScalar(IPropertySymbol property)
        {
            if (property.IsStatic || property.IsIndexer || property.GetMethod == null || property.SetMethod == null)
            {
                return false;
            }

            var type = property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                ? nullable.TypeArguments[0]
                : property.Type;
            return (type.SpecialType != SpecialType.None && type.SpecialType != SpecialType.System_Object) || type.TypeKind == TypeKind.Enum
                   || type.ToDisplayString() is "System.Guid" or "System.DateTimeOffset" or "System.TimeSpan" or "System.DateOnly" or "System.TimeOnly";
        }
    }
}
