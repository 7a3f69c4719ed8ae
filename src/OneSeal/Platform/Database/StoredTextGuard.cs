using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OneSeal.Platform.Http;

namespace OneSeal.Platform.Database;

/// <summary>
/// The last line before storage, the same on both databases: text longer than its column (SQLite would keep it whole,
/// PostgreSQL would fail) or holding NUL / a lone surrogate (PostgreSQL refuses it) is a 400 naming the property, never a
/// database error. Commands check their inputs with better names first; this catches whatever they did not.
/// </summary>
public sealed class StoredTextGuard : SaveChangesInterceptor
{
    public static readonly StoredTextGuard Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? db)
    {
        if (db is null) return;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var p in entry.Properties)
            {
                if (p.CurrentValue is not string text || (entry.State == EntityState.Modified && !p.IsModified)) continue;
                var field = JsonNamingPolicy.CamelCase.ConvertName(p.Metadata.Name);
                TextRules.Ensure(field, text);
                if (p.Metadata.GetMaxLength() is { } max && text.Length > max)
                    throw new InvalidInputException(field, "max-length", $"{field} 不能超过 {max} 个字符（现为 {text.Length} 个）。");
            }
        }
    }
}
