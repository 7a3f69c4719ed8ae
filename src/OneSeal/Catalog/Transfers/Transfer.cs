namespace OneSeal.Catalog.Transfers;

/// <summary>What a transfer does to one item: the next version, with the bureau as implementing body, effective on the batch's date.</summary>
public static class Transfer
{
    /// <summary>
    /// The published version that moves <paramref name="current"/> (the item's latest published version) to
    /// <paramref name="bureauId"/> under <paramref name="batch"/>, and the batch's record of it. The department's
    /// entrustment ends with its power; the bureau's own entrustment, if any, is <paramref name="entrustedBodyId"/>.
    /// Published at once by the one administrator who enters the batch: the four-eyes rule of catalog editing
    /// (<see cref="Editing.PublishRules.SubmitterCannotPublish"/>) does not apply, because the decision is the numbered
    /// document the batch carries, and the version only changes the implementing body that document names.
    /// </summary>
    public static (Item Version, TransferBatchItem Record) Apply(Item current, TransferBatch batch, Guid bureauId, Guid? entrustedBodyId,
        string? window, DateTimeOffset now, Guid? by)
    {
        var next = Versions.ItemVersions.CopyAsDraft(current, current.Version + 1, now, by);
        next.ImplementingOrganisationId = bureauId;
        next.EntrustedBodyId = entrustedBodyId;
        // The department's section does not follow the power to the bureau: the bureau names its own section in a later version.
        next.HandlingSectionId = null;
        next.Window = window ?? current.Window;
        next.TransferBatchId = batch.Id;
        next.ChangeNote = $"划转：{batch.DocumentNumber}《{batch.Title}》，实施主体改为行政审批局。";
        next.SubmittedById = by;
        Versions.ItemVersions.Publish(next, batch.EffectiveOn, now, by);
        var record = new TransferBatchItem
        {
            BatchId = batch.Id, ItemCode = current.Code, FromAgencyId = current.ImplementingOrganisationId,
            PreviousEntrustedBodyId = current.EntrustedBodyId, EntrustedBodyId = entrustedBodyId, ItemVersionId = next.Id,
        };
        return (next, record);
    }
}
