namespace OneSeal.Catalog;

/// <summary>办件类型.</summary>
public enum ItemKind
{
    /// <summary>即办件: accepted and decided at the window in one visit.</summary>
    Immediate,
    /// <summary>承诺件: decided within the promised working days.</summary>
    Promised,
    /// <summary>联办件: handled jointly by several departments (Art. 26: 45 + 15 working days).</summary>
    Joint,
    /// <summary>上报件: reviewed here, decided at a higher level (Art. 43).</summary>
    ReportUp,
}

/// <summary>服务对象.</summary>
public enum ServiceObject { Citizen, Enterprise, Both }

/// <summary>Where an item version is in its life: 草稿 → 审核中 → 已发布 → 已被替代.</summary>
public enum ItemVersionStatus { Draft, InReview, Published, Superseded }

/// <summary>行使层级.</summary>
public enum AdministrativeLevel { County, Township, Village }

/// <summary>通办范围: how far from home the item can be applied for.</summary>
public enum TongbanScope { None, County, City, Province, CrossProvince, National }

/// <summary>事项类别 (the eight kinds of power and service of the national catalog).</summary>
public static class ItemCategories
{
    public static readonly IReadOnlyList<string> All =
        ["行政许可", "行政确认", "行政给付", "行政征收", "行政奖励", "行政裁决", "其他行政权力", "公共服务"];

    public static bool IsKnown(string? category) => category is not null && All.Contains(category);
}
