namespace OneSeal.Resources;

/// <summary>
/// Marker for UI text. Pages write Chinese text as the key (<c>@T["提交申请"]</c>); it is the default
/// culture (zh-CN) and <c>Ui.en.resx</c> carries the English, so English can follow without touching pages.
/// </summary>
public sealed class Ui;
