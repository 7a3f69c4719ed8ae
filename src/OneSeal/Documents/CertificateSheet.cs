namespace OneSeal.Documents;

/// <summary>
/// What appears on a printed licence. The holder's code arrives already masked: the full ID number never
/// reaches a document.
/// </summary>
public sealed record CertificateSheet(
    string Name,
    string Number,
    string HolderName,
    string HolderCodeType,
    string HolderCodeMasked,
    string ItemName,
    IReadOnlyList<KeyValuePair<string, string>> Details,
    string IssuerName,
    DateOnly IssuedOn,
    DateOnly ValidFrom,
    DateOnly? ValidUntil,
    string VerifyUrl)
{
    /// <summary>The issuer's uploaded seal impression (PNG); null prints the standard seal drawn with the issuer's name.</summary>
    public byte[]? SealPng { get; init; }

    /// <summary>The label GB/T 36901 code types take on a licence.</summary>
    public string HolderCodeLabel => HolderCodeType switch
    {
        "111" => "公民身份号码",
        "001" => "统一社会信用代码",
        _ => "证件号码",
    };
}
