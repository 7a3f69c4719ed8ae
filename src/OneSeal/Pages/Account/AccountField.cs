namespace OneSeal.Pages.Account;

/// <summary>One labelled input of the applicant account forms (register, verify, reset, agents) with its hint and error.</summary>
public sealed record AccountField(string Id, string Name, string Label, string? Value, string? Error, string Type = "text",
    string? Autocomplete = null, string? Hint = null, string? InputMode = null);
