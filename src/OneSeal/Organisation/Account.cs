using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation;

/// <summary>A person or enterprise that signs in. Identity codes are kept encrypted with a masked copy for display.</summary>
public sealed class Account
{
    public Guid Id { get; set; }
    public required string Username { get; set; }
    public required string PasswordHash { get; set; }
    public required string DisplayName { get; set; }
    public AccountKind Kind { get; set; }
    /// <summary>Staff only: the organisation whose work the account may see and do (data scope).</summary>
    public Guid? OrganisationId { get; set; }
    /// <summary>Applicants: 身份证号 (citizen) or 统一社会信用代码 (enterprise), encrypted at rest.</summary>
    public string? IdentityCodeProtected { get; set; }
    public string? IdentityCodeMasked { get; set; }
    /// <summary>Staff: an office number in clear. Applicants: null — their mobile is kept as the four columns below.</summary>
    public string? Phone { get; set; }
    /// <summary>Staff only: 工号, unique, shown with the photo on the window screen.</summary>
    public string? StaffNumber { get; set; }
    /// <summary>Staff only: the photo's key in the file store (PNG or JPEG) and its content type.</summary>
    public string? PhotoKey { get; set; }
    public string? PhotoContentType { get; set; }
    /// <summary>The password was made by someone else (an import's one-time initial password): the owner must choose their own.</summary>
    public bool MustChangePassword { get; set; }
    /// <summary>Applicants: the mobile number encrypted (<see cref="PersonalData"/>), its masked copy, and its keyed hash (<see cref="LookupHash"/>) to find the account by phone.</summary>
    public string? PhoneProtected { get; set; }
    public string? PhoneMasked { get; set; }
    public string? PhoneHash { get; set; }
    /// <summary>When the applicant proved the mobile with a code; an applicant cannot sign in before.</summary>
    public DateTimeOffset? PhoneVerifiedAt { get; set; }
    /// <summary>Keyed hash of the identity code (walk-in records are linked by it later); set at registration.</summary>
    public string? IdentityCodeHash { get; set; }
    /// <summary>Enterprises: 法定代表人.</summary>
    public string? LegalRepresentative { get; set; }
    public bool Disabled { get; set; }
    /// <summary>Recorded for a walk-in at a window (窗口登记): no password, cannot sign in until the person registers online with the same identity code.</summary>
    public DateTimeOffset? RecordedAtWindowAt { get; set; }
    /// <summary>The clerk who recorded the walk-in.</summary>
    public Guid? RecordedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>
    /// Every cookie, bearer token and refresh token carries the stamp it was issued under; a new stamp (disable, role or
    /// password change, sign-out) ends them all at their next request (<see cref="Accounts.SessionCheck"/>).
    /// </summary>
    public string SecurityStamp { get; set; } = NewSecurityStamp();
    /// <summary>Failed sign-ins counted since <see cref="FailedSignInsSince"/> (the start of the lockout window).</summary>
    public int FailedSignIns { get; set; }
    public DateTimeOffset? FailedSignInsSince { get; set; }
    /// <summary>Sign-in is refused until this instant (<see cref="Accounts.Lockout"/>).</summary>
    public DateTimeOffset? LockedUntil { get; set; }
    /// <summary>The TOTP secret (<see cref="Accounts.SecondFactor"/>), encrypted with Data Protection; null: not enrolled.</summary>
    public string? TotpSecretProtected { get; set; }
    /// <summary>A secret shown for enrolment and not yet confirmed by a code.</summary>
    public string? TotpPendingProtected { get; set; }
    public DateTimeOffset? SecondFactorSince { get; set; }
    /// <summary>The last TOTP time step accepted: a code is used once.</summary>
    public long? TotpLastStep { get; set; }
    public List<AccountRole> Roles { get; set; } = [];

    public bool HasSecondFactor => TotpSecretProtected is not null;

    /// <summary>Disabling ends every session of the account at once.</summary>
    public void Disable()
    {
        Disabled = true;
        SecurityStamp = NewSecurityStamp();
    }

    public void Enable() => Disabled = false;

    /// <summary>Moving to another organisation changes what the account's sessions may reach: they end.</summary>
    public void MoveTo(Guid? organisationId)
    {
        if (OrganisationId == organisationId) return;
        OrganisationId = organisationId;
        SecurityStamp = NewSecurityStamp();
    }

    /// <summary>A role change ends the sessions that carry the old roles.</summary>
    public void SetRoles(IEnumerable<string> roles) => SetRoles(roles.Distinct().Select(r => (r, DataScope.Organisation)));

    /// <summary>Roles with their data scopes; a role change ends the sessions that carry the old roles and scopes.</summary>
    public void SetRoles(IEnumerable<(string Role, DataScope Scope)> roles)
    {
        Roles = roles.DistinctBy(r => r.Role).Select(r => new AccountRole { AccountId = Id, Role = r.Role, Scope = r.Scope }).ToList();
        SecurityStamp = NewSecurityStamp();
    }

    /// <summary>A new password ends every session signed in with the old one.</summary>
    public void SetPasswordHash(string hash)
    {
        PasswordHash = hash;
        SecurityStamp = NewSecurityStamp();
    }

    public static string NewSecurityStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}

public sealed class AccountRole
{
    public Guid AccountId { get; set; }
    public required string Role { get; set; }
    /// <summary>How far this role reaches (<see cref="DataScope"/>); organisation unless set.</summary>
    public DataScope Scope { get; set; } = DataScope.Organisation;
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.ToTable("accounts");
        b.Property(x => x.Username).HasMaxLength(64);
        b.Property(x => x.PasswordHash).HasMaxLength(256);
        b.Property(x => x.DisplayName).HasMaxLength(128);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.IdentityCodeProtected).HasMaxLength(1024);
        b.Property(x => x.IdentityCodeMasked).HasMaxLength(32);
        b.Property(x => x.Phone).HasMaxLength(32);
        b.Property(x => x.StaffNumber).HasMaxLength(32);
        b.Property(x => x.PhotoKey).HasMaxLength(256);
        b.Property(x => x.PhotoContentType).HasMaxLength(32);
        b.HasIndex(x => x.StaffNumber).IsUnique();
        b.Property(x => x.SecurityStamp).HasMaxLength(32);
        b.Property(x => x.TotpSecretProtected).HasMaxLength(1024);
        b.Property(x => x.TotpPendingProtected).HasMaxLength(1024);
        b.Ignore(x => x.HasSecondFactor);
        b.Property(x => x.PhoneProtected).HasMaxLength(1024);
        b.Property(x => x.PhoneMasked).HasMaxLength(32);
        b.Property(x => x.PhoneHash).HasMaxLength(64);
        b.Property(x => x.IdentityCodeHash).HasMaxLength(64);
        b.Property(x => x.LegalRepresentative).HasMaxLength(64);
        b.HasIndex(x => x.Username).IsUnique();
        // One account per phone and per identity code (the database enforces what registration checks).
        b.HasIndex(x => x.PhoneHash).IsUnique();
        b.HasIndex(x => x.IdentityCodeHash).IsUnique();
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Roles).WithOne().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AccountRoleConfiguration : IEntityTypeConfiguration<AccountRole>
{
    public void Configure(EntityTypeBuilder<AccountRole> b)
    {
        b.ToTable("account_roles");
        b.HasKey(x => new { x.AccountId, x.Role });
        b.Property(x => x.Role).HasMaxLength(32);
        b.Property(x => x.Scope).HasConversion<string>().HasMaxLength(16);
    }
}
