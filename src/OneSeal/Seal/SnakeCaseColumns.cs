using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OneSeal.Seal;

/// <summary>
/// Column names in snake_case, so hand-written SQL (migrations, partial-index filters) needs no quoting on PostgreSQL.
/// </summary>
internal static class SnakeCaseColumns
{
    public static void UseSnakeCaseColumns<T>(this EntityTypeBuilder<T> b) where T : class
    {
        foreach (var property in b.Metadata.GetProperties())
            property.SetColumnName(ToSnake(property.Name));
    }

    internal static string ToSnake(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
