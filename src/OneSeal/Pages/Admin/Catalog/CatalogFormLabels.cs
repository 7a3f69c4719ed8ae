using OneSeal.Catalog;

namespace OneSeal.Pages.Admin.Catalog;

/// <summary>Chinese names of the form field types, for the edit form's select.</summary>
public static class CatalogFormLabels
{
    public static string Of(FormFieldType type) => ItemLabels.Of(type);
}
