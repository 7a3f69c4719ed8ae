using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Cases.Forms;

/// <summary>
/// Start-up step (after the schema migrations): encrypts the personal fields of forms written before they were encrypted.
/// Idempotent: it only reads rows still flagged <c>form_protected = false</c> (a partial index), so after the first run it
/// costs one empty index probe. It leaves <see cref="Case.Version"/> alone (the form's meaning does not change, so no
/// client's If-Match goes stale); a row a live request changed meanwhile is simply picked up again.
/// </summary>
public static class LegacyFormProtection
{
    private const int Batch = 200;

    /// <summary>Returns the number of forms rewritten.</summary>
    public static async Task<int> RunAsync(OneSealDb db, PersonalData personalData, DateTimeOffset now, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            db.ChangeTracker.Clear();
            var rows = await db.Set<Case>().Where(c => !c.FormProtected).OrderBy(c => c.Id).Take(Batch).ToListAsync(ct);
            if (rows.Count == 0) break;
            var itemIds = rows.Select(c => c.ItemId).Distinct().ToList();
            var fields = (await db.Set<ItemFormField>().AsNoTracking().Where(f => itemIds.Contains(f.ItemId)).ToListAsync(ct))
                .ToLookup(f => f.ItemId);
            foreach (var c in rows)
            {
                var clear = CaseForm.Read(c, personalData).Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!);
                c.FormJson = CaseForm.Write(clear, fields[c.ItemId], personalData);
                c.FormProtected = true;
            }
            try
            {
                await db.SaveChangesAsync(ct);
                total += rows.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A request changed one of these cases meanwhile: read the batch again.
            }
        }
        db.ChangeTracker.Clear();
        if (total > 0)
        {
            db.Audit(null, "personal-data.forms-encrypted", "platform", "personal-data", $"{total} forms", now);
            await db.CommitAsync(ct);
        }
        return total;
    }
}
