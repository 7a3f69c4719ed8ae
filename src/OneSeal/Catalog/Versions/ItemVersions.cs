using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;

namespace OneSeal.Catalog.Versions;

/// <summary>
/// Which version of an item is in force, said once: a version is <em>effective</em> on a day when it is published and
/// its effective date has come; the newest effective version of an item is the one <em>in force</em>. Exact even before
/// <see cref="CatalogActivation"/> has marked the older one superseded. Also: copying a version into the next one.
/// </summary>
public static class ItemVersions
{
    /// <summary>The rule for database queries (EF translates it on both databases).</summary>
    public static Expression<Func<Item, bool>> EffectiveOn(DateOnly day) =>
        i => i.Status == ItemVersionStatus.Published && i.EffectiveFrom <= day;

    /// <summary>The same rule for versions already read (any projection of them); ItemVersionsTests hold the two equal.</summary>
    public static bool IsEffective(ItemVersionStatus status, DateOnly? effectiveFrom, DateOnly day) =>
        status == ItemVersionStatus.Published && effectiveFrom <= day;

    /// <summary>The version in force on <paramref name="day"/> among one item's versions already read, or default.</summary>
    public static T? InForceAmong<T>(IEnumerable<T> versions, DateOnly day, Func<T, (ItemVersionStatus Status, DateOnly? EffectiveFrom, int Version)> stamp)
        where T : class
    {
        T? inForce = null;
        var newest = int.MinValue;
        foreach (var v in versions)
        {
            var (status, effectiveFrom, version) = stamp(v);
            if (IsEffective(status, effectiveFrom, day) && version > newest) (inForce, newest) = (v, version);
        }
        return inForce;
    }

    /// <summary>The versions in force on <paramref name="today"/>: effective, and no newer version of the same item is effective too.</summary>
    public static IQueryable<Item> InForce(this IQueryable<Item> items, OneSealDb db, DateOnly today)
    {
        var effective = EffectiveOn(today);
        return items.Where(effective).Where(i => !db.Set<Item>().Where(effective).Any(n => n.Code == i.Code && n.Version > i.Version));
    }

    /// <summary>The version of <paramref name="code"/> in force on <paramref name="today"/> (zero or one row).</summary>
    public static IQueryable<Item> InForce(this IQueryable<Item> items, string code, DateOnly today) =>
        items.Where(i => i.Code == code).Where(EffectiveOn(today)).OrderByDescending(i => i.Version).Take(1);

    /// <summary>The version of <paramref name="code"/> in force on <paramref name="today"/>, with its lists, untracked; or null.</summary>
    public static Task<Item?> InForceAsync(OneSealDb db, string code, DateOnly today, CancellationToken ct) =>
        WithLists(db.Set<Item>().AsNoTracking()).InForce(code, today).FirstOrDefaultAsync(ct);

    public static IQueryable<Item> WithLists(IQueryable<Item> items) => items
        .Include(i => i.Materials).Include(i => i.FormFields).Include(i => i.Steps)
        .Include(i => i.JointDepartments).Include(i => i.Themes).AsSplitQuery();

    /// <summary>A new draft version <paramref name="version"/> with every element and list of <paramref name="source"/>.</summary>
    public static Item CopyAsDraft(Item source, int version, DateTimeOffset now, Guid? by)
    {
        var id = Guid.NewGuid();
        return new Item
        {
            Id = id, Code = source.Code, BasicCode = source.BasicCode, ParentCode = source.ParentCode, Version = version,
            Status = ItemVersionStatus.Draft, CreatedAt = now, CreatedById = by,
            Name = source.Name, Category = source.Category, Kind = source.Kind, ServiceObject = source.ServiceObject, Level = source.Level,
            CompetentDepartmentId = source.CompetentDepartmentId, ImplementingOrganisationId = source.ImplementingOrganisationId,
            EntrustedBodyId = source.EntrustedBodyId, HandlingSectionId = source.HandlingSectionId, SupervisingDepartmentId = source.SupervisingDepartmentId,
            StatutoryDays = source.StatutoryDays, PromisedDays = source.PromisedDays,
            LegalBasis = source.LegalBasis, LegalBasisText = source.LegalBasisText, Conditions = source.Conditions,
            FeeCharged = source.FeeCharged, FeeAmount = source.FeeAmount, FeeStandard = source.FeeStandard, FeeBasis = source.FeeBasis,
            Visits = source.Visits, OnlineDepth = source.OnlineDepth, Appointment = source.Appointment, ResultByPost = source.ResultByPost,
            Tongban = source.Tongban, ResultName = source.ResultName, ResultTypeCode = source.ResultTypeCode,
            ResultValidityYears = source.ResultValidityYears, ResultSample = source.ResultSample,
            IntermediaryServices = source.IntermediaryServices, Phone = source.Phone, ComplaintPhone = source.ComplaintPhone,
            Window = source.Window, CommitmentApproval = source.CommitmentApproval, DeemedApprovalOnTimeout = source.DeemedApprovalOnTimeout,
            HolderNameField = source.HolderNameField, HolderCodeField = source.HolderCodeField, HolderCodeType = source.HolderCodeType,
            Materials = source.Materials.OrderBy(m => m.SortOrder).Select(m => new ItemMaterial
            {
                Id = Guid.NewGuid(), ItemId = id, Code = m.Code, Name = m.Name, Required = m.Required, Tolerable = m.Tolerable,
                ReplaceableByCommitment = m.ReplaceableByCommitment, Description = m.Description, Source = m.Source, MaterialTypeCode = m.MaterialTypeCode, Form = m.Form,
                Copies = m.Copies, LegalBasis = m.LegalBasis, BlankForm = m.BlankForm, SortOrder = m.SortOrder,
            }).ToList(),
            FormFields = source.FormFields.OrderBy(f => f.SortOrder).Select(f => new ItemFormField
            {
                Id = Guid.NewGuid(), ItemId = id, Key = f.Key, Label = f.Label, Type = f.Type, Required = f.Required, SortOrder = f.SortOrder,
            }).ToList(),
            Steps = source.Steps.OrderBy(s => s.SortOrder).Select(s => new ItemStep
            {
                Id = Guid.NewGuid(), ItemId = id, Kind = s.Kind, SharePercent = s.SharePercent, StopsClock = s.StopsClock, SortOrder = s.SortOrder,
            }).ToList(),
            JointDepartments = source.JointDepartments.Select(j => new ItemJointDepartment { ItemId = id, AgencyId = j.AgencyId }).ToList(),
            Themes = source.Themes.Select(t => new ItemTheme { ItemId = id, ThemeCode = t.ThemeCode }).ToList(),
        };
    }

    /// <summary>Marks a version published, in force from <paramref name="effectiveFrom"/>; from here on its content never changes.</summary>
    public static void Publish(Item version, DateOnly effectiveFrom, DateTimeOffset now, Guid? by)
    {
        version.Status = ItemVersionStatus.Published;
        version.EffectiveFrom = effectiveFrom;
        version.PublishedAt = now;
        version.PublishedById = by;
    }

    /// <summary>The standard process when an item names no steps: 受理 10%, 审查 60%, 决定 20%, 送达 10%.</summary>
    public static List<ItemStep> StandardSteps(Guid itemId) =>
    [
        new() { Id = Guid.NewGuid(), ItemId = itemId, Kind = ItemStepKind.Accept, SharePercent = 10, SortOrder = 0 },
        new() { Id = Guid.NewGuid(), ItemId = itemId, Kind = ItemStepKind.Review, SharePercent = 60, SortOrder = 1 },
        new() { Id = Guid.NewGuid(), ItemId = itemId, Kind = ItemStepKind.Decide, SharePercent = 20, SortOrder = 2 },
        new() { Id = Guid.NewGuid(), ItemId = itemId, Kind = ItemStepKind.Deliver, SharePercent = 10, SortOrder = 3 },
    ];
}
