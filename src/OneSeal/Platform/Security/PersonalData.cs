using Microsoft.AspNetCore.DataProtection;

namespace OneSeal.Platform.Security;

/// <summary>Encrypts personal data at rest (identity codes); pages and the API show the masked copy instead.</summary>
public sealed class PersonalData(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("OneSeal.PersonalData.v1");

    public string Protect(string plain) => protector.Protect(plain);

    public string Unprotect(string protectedValue) => protector.Unprotect(protectedValue);
}
