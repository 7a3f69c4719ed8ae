using OneSeal.Catalog;

namespace OneSeal.Pages.Admin.Catalog;

/// <summary>Chinese names of the form field types, for the edit form's select.</summary>
public static class CatalogFormLabels
{
    public static string Of(FormFieldType type) => type switch
    {
        FormFieldType.Text => "文本",
        FormFieldType.CitizenId => "身份证号码",
        FormFieldType.Uscc => "统一社会信用代码",
        FormFieldType.Phone => "电话",
        FormFieldType.Date => "日期",
        FormFieldType.Address => "住址（个人）",
        _ => "数字",
    };
}
