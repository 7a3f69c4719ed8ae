using OneSeal.Notices;

namespace OneSeal.Cases;

/// <summary>
/// Each step that the law wants in writing queues its sealed notice (受理通知书, 补正材料通知书, 不予受理决定书 ...)
/// in the same transaction as the step; the outbox renders, seals and signs it moments later.
/// </summary>
public sealed partial class CaseCommands
{
    private async Task NoticeAsync(Case c, NoticeKind kind, Guid? decidedBy, DateTimeOffset now, CancellationToken ct, params (string Key, string? Value)[] fields)
    {
        var issuerName = (await agencies.GetAsync(db, c.HandlingOrganisationId, ct)).Name;
        var values = fields
            .Where(f => !string.IsNullOrWhiteSpace(f.Value))
            .Select(f => KeyValuePair.Create(f.Key, Clip(f.Value!)))
            .ToList();
        // Addressed to the licensed entity (持证主体); the person who filed for it is named as 经办人.
        var holder = await HolderAsync(c, ct);
        if (kind == NoticeKind.DeliveryReceipt) values.Add(KeyValuePair.Create(NoticeFields.Recipient, Clip(holder.Name)));
        if (holder.Name != c.ApplicantName) values.Add(KeyValuePair.Create(NoticeFields.Agent, Clip(c.ApplicantName)));
        await notices.EnqueueAsync(db, new NoticeRequest(c.Id, c.CaseNumber, kind, c.HandlingOrganisationId, issuerName, holder.Name, c.ItemName, values,
            holder.IsOrganisation) { DecidedById = decidedBy }, now, ct);
    }

    /// <summary>
    /// The case's holder: its version's mapping (cached per published version), its form and, only when needed, its applicant.
    /// A transition's event and its notice name the same holder: the form is decrypted once while it is the same text.
    /// </summary>
    private async Task<CaseHolder> HolderAsync(Case c, CancellationToken ct)
    {
        if (lastHolder is { } last && ReferenceEquals(last.Case, c) && ReferenceEquals(last.Form, c.FormJson)) return last.Holder;
        var holder = await CaseHolder.OfAsync(db, c, HolderMapping.Of(await versions.GetAsync(db, c.ItemId, ct)), ReadForm(c), personalData, ct);
        lastHolder = (c, c.FormJson, holder);
        return holder;
    }

    private (Case Case, string Form, CaseHolder Holder)? lastHolder;

    /// <summary>A printed field holds <see cref="NoticeFields.MaxValueLength"/> characters; longer reasons stay whole on the case.</summary>
    private static string Clip(string value) =>
        value.Length <= NoticeFields.MaxValueLength ? value : value[..(NoticeFields.MaxValueLength - 1)] + "…";

    private static string Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd") ?? "";
}
