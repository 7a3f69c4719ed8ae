using OneSeal.Catalog;

namespace OneSeal.Cases.Materials;

/// <summary>How a required material reaches a case when the applicant does not upload it.</summary>
public enum NotSubmittedReason
{
    /// <summary>免证办: the window checks it against the electronic certificate library (电子证照库共享核验).</summary>
    SharedCheck,
    /// <summary>告知承诺制: the applicant's signed notification commitment replaces it.</summary>
    Commitment,
}

/// <summary>
/// Which of an item's required materials the applicant must upload before submitting. A material whose source is the
/// certificate library never blocks submission (the window checks it against shared data); on a case with a
/// notification commitment, the materials the item lists as replaceable by it are not asked for either; materials
/// promised under a tolerance commitment (容缺) follow later.
/// </summary>
public static class MaterialSupply
{
    /// <summary>Why the applicant need not upload <paramref name="m"/>, or null when they must.</summary>
    public static NotSubmittedReason? Exempt(ItemMaterial m, bool notificationCommitment) =>
        m.Source == MaterialSource.CertificateLibrary ? NotSubmittedReason.SharedCheck
        : notificationCommitment && m.ReplaceableByCommitment ? NotSubmittedReason.Commitment
        : null;

    /// <summary>Required materials neither uploaded, nor exempt, nor owed under a tolerance commitment, in the item's order.</summary>
    public static List<ItemMaterial> Missing(IEnumerable<ItemMaterial> materials, IReadOnlyCollection<string> uploaded,
        IReadOnlyCollection<string> owed, bool notificationCommitment) =>
        materials.Where(m => m.Required && !uploaded.Contains(m.Code) && !owed.Contains(m.Code) && Exempt(m, notificationCommitment) is null)
            .OrderBy(m => m.SortOrder).ToList();

    /// <summary>The required materials the applicant did not submit because they are exempt, each with why.</summary>
    public static List<(ItemMaterial Material, NotSubmittedReason Reason)> NotSubmitted(IEnumerable<ItemMaterial> materials,
        IReadOnlyCollection<string> uploaded, bool notificationCommitment) =>
        materials.Where(m => !uploaded.Contains(m.Code)).OrderBy(m => m.SortOrder)
            .Select(m => (m, Exempt(m, notificationCommitment)))
            .Where(x => x.Item2 is not null).Select(x => (x.m, x.Item2!.Value)).ToList();

    /// <summary>The timeline's record of what the applicant did not submit, or null when nothing.</summary>
    public static string? Note(IReadOnlyList<(ItemMaterial Material, NotSubmittedReason Reason)> notSubmitted) =>
        notSubmitted.Count == 0 ? null
            : "申请人未提交、由窗口核验的材料：" + string.Join("；", notSubmitted.Select(x => $"{x.Material.Name}（{Label(x.Reason)}）"));

    /// <summary>What the clerk and the applicant read about a material not submitted.</summary>
    public static string Label(NotSubmittedReason reason) => reason switch
    {
        NotSubmittedReason.SharedCheck => "电子证照库共享核验，申请人未提交",
        _ => "以告知承诺代替，申请人未提交",
    };

    /// <summary>The reason as the API spells it.</summary>
    public static string Api(NotSubmittedReason reason) => reason == NotSubmittedReason.SharedCheck ? "shared-check" : "commitment";
}
