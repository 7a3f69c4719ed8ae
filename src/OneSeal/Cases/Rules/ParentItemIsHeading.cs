using OneSeal.Catalog;
using OneSeal.Platform.Http;

namespace OneSeal.Cases.Rules;

/// <summary>
/// 主项与子项: an item with sub-items in force is a heading of the catalog. Its conditions, materials and form are those
/// of each sub-item, so one applies for a sub-item (新办, 变更, 延续, 注销 …), never for the heading itself.
/// </summary>
public static class ParentItemIsHeading
{
    public const string Rule = "parent-item";

    public static void Ensure(Item item, IReadOnlyList<string> subItemNames)
    {
        if (subItemNames.Count > 0)
            throw new ConflictException(Rule,
                $"“{item.Name}”是主项，不能直接申请，请选择其子项办理：{string.Join("、", subItemNames)}。");
    }
}
