using OneSeal.Catalog;

namespace OneSeal.Pages;

/// <summary>The <c>_ItemFormFields</c> partial's model: the item version's fields, the values typed, and each field's error.</summary>
public sealed record ItemFormFieldsView(IReadOnlyList<ItemFormField> Fields, IReadOnlyDictionary<string, string?> Values, Func<string, string?> ErrorFor)
{
    public static string InputType(FormFieldType type) => type switch
    {
        FormFieldType.Phone => "tel",
        FormFieldType.Date => "date",
        _ => "text",
    };
}
