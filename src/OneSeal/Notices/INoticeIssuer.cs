using OneSeal.Platform.Database;

namespace OneSeal.Notices;

/// <summary>
/// What a case transition hands over to issue a notice. <paramref name="Fields"/> are the values printed, in order,
/// under the keys of <see cref="NoticeFields"/> (a key may repeat, e.g. one <see cref="NoticeFields.Material"/> per
/// material to correct); keys it does not know are printed as they are, after the body. Identity numbers in values are
/// masked before anything is stored. <paramref name="ApplicantName"/> is the addressee: the licensed entity (持证主体);
/// <paramref name="AddresseeIsOrganisation"/> says whether its name is public (an organisation's) or is masked to the
/// surname on the public verification page (a person's).
/// </summary>
public sealed record NoticeRequest(
    Guid CaseId,
    string CaseNumber,
    NoticeKind Kind,
    Guid IssuerOrganisationId,
    string IssuerName,
    string ApplicantName,
    string ItemName,
    IReadOnlyList<KeyValuePair<string, string>> Fields,
    bool AddresseeIsOrganisation)
{
    /// <summary>Whose act the notice records (recorded in the seal's usage log when it is signed); null for the system's.</summary>
    public Guid? DecidedById { get; init; }
}

/// <summary>Issues the written notices of a case under the issuer's seal.</summary>
public interface INoticeIssuer
{
    /// <summary>
    /// Validates the request (400 naming each bad field, nothing written), allocates the number (文号) and adds to
    /// <paramref name="db"/>'s unit of work, without saving, a <see cref="CaseNotice"/> (status Pending, dated
    /// <paramref name="now"/>) and the outbox message <c>notice.render</c> that turns it into a signed PDF after the
    /// caller commits. Commit both with the transition they document; a rollback leaves neither. The number is drawn
    /// at once, in the caller's transaction if one is open (otherwise a rollback leaves a gap in the numbers).
    /// </summary>
    Task<CaseNotice> EnqueueAsync(OneSealDb db, NoticeRequest request, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>Puts a Failed notice back to Pending with a fresh <c>notice.render</c> message (caller commits); 409 unless Failed.</summary>
    Task<CaseNotice> RetryAsync(OneSealDb db, Guid noticeId, DateTimeOffset now, CancellationToken ct = default);
}
