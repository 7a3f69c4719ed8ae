namespace OneSeal.Platform.Security;

/// <summary>Who an account (and so an <see cref="Actor"/>) is: part of every sign-in, so it lives with the actor.</summary>
public enum AccountKind
{
    /// <summary>自然人 applicant.</summary>
    Citizen,
    /// <summary>法人 applicant.</summary>
    Enterprise,
    /// <summary>Staff of the bureau or a department.</summary>
    Staff,
}
