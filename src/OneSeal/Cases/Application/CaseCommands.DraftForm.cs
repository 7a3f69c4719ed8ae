using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog;
using OneSeal.Cases.Rules;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Cases;

/// <summary>The application form of a draft, filled in again before it is submitted.</summary>
public sealed partial class CaseCommands
{
    /// <summary>
    /// Replaces the form of the applicant's own draft (never after submission: then the form is what the window checks).
    /// The online application keeps chosen files in a draft when the form comes back with errors, and fills its form in
    /// here once it is right. The same format rules as <see cref="CreateAsync"/>. Not a transition: the status stays Draft.
    /// </summary>
    public Task<Case> UpdateDraftFormAsync(Actor actor, Guid caseId, IReadOnlyDictionary<string, string?> form, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        var c = await LoadAsync(caseId, ct);
        CaseAccess.EnsureApplicant(actor, c);
        if (c.Status != CaseStatus.Draft)
            throw new ConflictException("case-status", "只有尚未提交的草稿可以修改申请表。");
        var fields = await db.Set<ItemFormField>().AsNoTracking().Where(f => f.ItemId == c.ItemId).ToListAsync(ct);
        var clean = FormValidator.Validate(fields, form, LegalDates.Today(clock), requireAll: false);
        c.FormJson = Forms.CaseForm.Write(clean, fields, personalData);
        c.FormProtected = true;
        c.Touch();
        db.Audit(actor, "case.form-update", "case", c.Id.ToString(), c.CaseNumber, clock.Now());
        await db.CommitAsync(ct);
        return c;
    }, ct);
}
