using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using OneSeal.Documents;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Seal;
using OneSeal.Tests.Documents;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Seal;

public abstract class CertificateIssuerTests(DatabaseProvider provider) : IAsyncLifetime
{
    private SealTestDb _t = null!;
    private static readonly IPdfRenderer Chromium = new ChromiumPdfRenderer(new PdfOptions(), NullLogger<ChromiumPdfRenderer>.Instance);

    public async Task InitializeAsync() => _t = await SealTestDb.CreateAsync(provider);
    public async Task DisposeAsync() => await _t.DisposeAsync();

    private Actor Chief(Guid? org = null, string role = Roles.Chief) =>
        new(Guid.NewGuid(), "chief", "李科长", AccountKind.Staff, org ?? _t.BureauId, new HashSet<string> { role });

    /// <summary>Issued with the decision, then rendered and signed as the outbox does after the commit.</summary>
    private async Task<Certificate> IssueAndCommitAsync(CertificateRequest request, IPdfRenderer? renderer = null)
    {
        Guid id;
        await using (var db = _t.NewDb())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            id = (await _t.Issuer(db).IssueAsync(request, default)).Id;
            // As a decision commits: the certificate's number is taken last (Sequences.NumberAtCommit).
            await OneSeal.Platform.Database.UnitOfWork.CommitAsync(db, default);
            await tx.CommitAsync();
        }
        return await _t.RenderAsync(id, renderer ?? Chromium);
    }

    [Fact]
    public async Task Issued_pdf_verifies_until_one_byte_changes_and_then_until_revoked()
    {
        var issued = await IssueAndCommitAsync(_t.Request());
        var pdf = await _t.Files.ReadAllBytesAsync(issued.PdfKey, default);
        issued.PdfKey.ShouldStartWith("certificates/2026/");

        await using (var db = _t.NewDb())
        {
            var genuine = await _t.Verifier(db).ByFileAsync(pdf, default);
            genuine.ShouldBe(new VerificationResult(true, "valid", issued.Number));

            var altered = (byte[])pdf.Clone();
            altered[altered.Length / 2] ^= 0x01;
            (await _t.Verifier(db).ByFileAsync(altered, default)).ShouldBe(new VerificationResult(false, "unknown", null));

            await _t.Registry(db).RevokeAsync(issued.Number, "持证主体申请注销", Chief(), default);
        }

        await using (var db = _t.NewDb())
        {
            (await _t.Verifier(db).ByFileAsync(pdf, default)).ShouldBe(new VerificationResult(false, "revoked", issued.Number));
            var byNumber = await _t.Verifier(db).ByNumberAsync(issued.Number, default);
            byNumber.Genuine.ShouldBeFalse();
            byNumber.Status.ShouldBe("revoked");
            byNumber.Details.ShouldNotBeNull().RevokedAt.ShouldNotBeNull();
        }
    }

    [Fact]
    public async Task Pdf_carries_name_number_and_only_the_masked_holder_code()
    {
        var issued = await IssueAndCommitAsync(_t.Request("11010519491231002X", HolderCodeTypes.CitizenId) with { HolderName = "张三" });
        var text = await PdfTools.TextAsync(await _t.Files.ReadAllBytesAsync(issued.PdfKey, default));
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

        compact.ShouldContain("食品经营许可证");
        compact.ShouldContain(issued.Number);
        compact.ShouldContain("110105********002X");
        compact.ShouldNotContain("11010519491231002X");
    }

    [Fact]
    public async Task Metadata_is_signed_with_the_issuers_key_and_the_full_code_is_kept_only_encrypted()
    {
        var issued = await IssueAndCommitAsync(_t.Request("11010519491231002X", HolderCodeTypes.CitizenId));

        issued.Number.ShouldMatch(@"^QS2026-\d{6}$");
        issued.HolderCodeMasked.ShouldBe("110105********002X");
        issued.HolderCodeProtected.ShouldNotContain("11010519491231002X");
        new PersonalData(_t.Protection).Unprotect(issued.HolderCodeProtected).ShouldBe("11010519491231002X");
        issued.SignedPayload.ShouldNotContain("11010519491231002X");

        foreach (var field in new[] { "证照名称", "证照编号", "证照类型代码", "颁发机构", "颁发机构代码", "颁发日期", "持证主体", "持证主体代码类型", "持证主体代码", "有效期起始日期", "有效期截止日期", "pdfSha256", "caseNumber" })
            issued.SignedPayload.ShouldContain($"\"{field}\":");
        CertificatePayload.Field(issued.SignedPayload, "pdfSha256").ShouldBe(issued.PdfSha256);
        CertificatePayload.Field(issued.SignedPayload, "caseNumber").ShouldBe("QS20261121-0007");

        await using var db = _t.NewDb();
        var key = await db.Set<SealKey>().SingleAsync(k => k.Id == issued.SealKeyId);
        key.OrganisationId.ShouldBe(_t.BureauId);
        Sm2Signature.Verify(Sm2Keys.PublicFromHex(key.PublicKeyHex), Encoding.UTF8.GetBytes(issued.SignedPayload), Convert.FromBase64String(issued.Signature))
            .ShouldBeTrue();
    }

    [Fact]
    public async Task Issuer_adds_the_certificate_without_saving_so_a_rolled_back_decision_leaves_none()
    {
        string number;
        await using (var db = _t.NewDb())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var certificate = await _t.Issuer(db).IssueAsync(_t.Request(), default);
            number = certificate.Number;
            db.Entry(certificate).State.ShouldBe(EntityState.Added);
            await tx.RollbackAsync();
        }
        await using (var db = _t.NewDb())
        {
            (await db.Set<Certificate>().AnyAsync()).ShouldBeFalse();
            (await _t.Verifier(db).ByNumberAsync(number, default)).ShouldBe(VerificationResult.Unknown);
        }
    }

    [Fact]
    public async Task Render_time_is_measured_for_certificates_including_failed_renders()
    {
        using var metrics = new MetricCapture();
        await IssueAndCommitAsync(_t.Request(), new FakePdf());
        metrics.Of("oneseal.pdf.render.duration").ShouldContain(m => m.Tag("document") == "certificate" && m.Tag("outcome") == "ok");

        await Should.ThrowAsync<Exception>(() => IssueAndCommitAsync(_t.Request(), new FailingPdf()));
        metrics.Of("oneseal.pdf.render.duration").ShouldContain(m => m.Tag("document") == "certificate" && m.Tag("outcome") == "failed");
    }

    [Fact]
    public async Task Numbers_are_sequential_per_year()
    {
        var first = await IssueAndCommitAsync(_t.Request(), new FakePdf());
        var second = await IssueAndCommitAsync(_t.Request(), new FakePdf());
        var nextYear = await IssueAndCommitAsync(_t.Request() with { IssuedOn = new DateOnly(2027, 1, 4) }, new FakePdf());

        first.Number.ShouldBe("QS2026-000001");
        second.Number.ShouldBe("QS2026-000002");
        nextYear.Number.ShouldBe("QS2027-000001");
    }

    [Fact]
    public async Task Invalid_request_names_every_bad_field_and_draws_no_number()
    {
        await using var db = _t.NewDb();
        var bad = _t.Request("11010519491231002Y", HolderCodeTypes.CitizenId) with
        {
            CertificateName = " ",
            IssuerCode = "91350100M000100Y44",
            ValidUntil = new DateOnly(2020, 1, 1),
        };
        var e = await Should.ThrowAsync<InvalidInputsException>(() => _t.Issuer(db).IssueAsync(bad, default));
        e.Errors.Keys.ShouldBe(["certificateName", "holderCode", "issuerCode", "validUntil"], ignoreOrder: true);
        (await db.Set<OneSeal.Platform.Database.Sequence>().AnyAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task Unknown_holder_code_type_is_refused()
    {
        await using var db = _t.NewDb();
        var e = await Should.ThrowAsync<InvalidInputsException>(() =>
            _t.Issuer(db).IssueAsync(_t.Request() with { HolderCodeType = "112" }, default));
        e.Errors.Keys.ShouldBe(["holderCodeType"]);
    }

    [Fact]
    public async Task Verifying_a_number_shows_masked_details_and_masks_a_citizens_name()
    {
        var issued = await IssueAndCommitAsync(_t.Request("11010519491231002X", HolderCodeTypes.CitizenId) with { HolderName = "张三丰" }, new FakePdf());
        await using var db = _t.NewDb();
        var result = await _t.Verifier(db).ByNumberAsync(issued.Number, default);

        result.Genuine.ShouldBeTrue();
        result.Status.ShouldBe("valid");
        var details = result.Details.ShouldNotBeNull();
        details.Holder.ShouldBe("张**");
        details.HolderCodeMasked.ShouldBe("110105********002X");
        details.IssuerName.ShouldBe("青山县行政审批局");
        (await _t.Verifier(db).ByNumberAsync("QS2026-999999", default)).ShouldBe(VerificationResult.Unknown);
    }

    [Fact]
    public async Task A_row_edited_in_the_database_no_longer_verifies()
    {
        var issued = await IssueAndCommitAsync(_t.Request(), new FakePdf());
        await using var db = _t.NewDb();
        await db.Set<Certificate>().Where(c => c.Id == issued.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.SignedPayload, issued.SignedPayload.Replace("2031-11-20", "2041-11-20")));

        (await _t.Verifier(db).ByNumberAsync(issued.Number, default)).ShouldBe(VerificationResult.Unknown);
        (await _t.Verifier(db).ByFileAsync(FakePdf.BytesFor(issued.Number), default)).ShouldBe(VerificationResult.Unknown);
    }

    [Fact]
    public async Task Revocation_needs_a_reason_the_right_role_and_organisation_and_happens_once()
    {
        var issued = await IssueAndCommitAsync(_t.Request(), new FakePdf());
        await using var db = _t.NewDb();
        var registry = _t.Registry(db);

        (await Should.ThrowAsync<InvalidInputException>(() => registry.RevokeAsync(issued.Number, "  ", Chief(), default))).Field.ShouldBe("reason");
        await Should.ThrowAsync<ForbiddenException>(() => registry.RevokeAsync(issued.Number, "理由", Chief(role: Roles.Reviewer), default));
        await Should.ThrowAsync<ForbiddenException>(() => registry.RevokeAsync(issued.Number, "理由", Chief(org: Guid.NewGuid()), default));
        await Should.ThrowAsync<NotFoundException>(() => registry.RevokeAsync("QS2026-999999", "理由", Chief(), default));

        // Least privilege: the administrator keeps the catalog, not the certificates.
        await Should.ThrowAsync<ForbiddenException>(() => registry.RevokeAsync(issued.Number, "理由", Chief(role: Roles.Admin), default));
        (await registry.RevokeAsync(issued.Number, "以欺骗手段取得许可", Chief(), default)).Status.ShouldBe(CertificateStatus.Revoked);
        await Should.ThrowAsync<ConflictException>(() => registry.RevokeAsync(issued.Number, "再次撤销", Chief(), default));

        await using var check = _t.NewDb();
        var stored = await check.Set<Certificate>().SingleAsync(c => c.Id == issued.Id);
        stored.RevokedReason.ShouldBe("以欺骗手段取得许可");
        stored.RevokedAt.ShouldNotBeNull();
        // The certificate's stream: signed when its PDF was produced, then revoked.
        var audit = await check.Set<AuditEntry>().Where(a => a.EntityType == "certificate" && a.EntityId == issued.Number).OrderBy(a => a.Id).ToListAsync();
        audit.Select(a => a.Action).ShouldBe(["certificate.signed", "certificate.revoked"]);
        var revoked = audit[^1];
        // No anchor is written here, so no signing key is needed to verify.
        revoked.Detail.ShouldBe("以欺骗手段取得许可");
        (await AuditTrail.VerifyAsync(check, new AuditKeys(Path.Combine(Path.GetTempPath(), "oneseal-no-audit-keys")), default)).Intact.ShouldBeTrue();
    }
}

[Trait("Provider", "Sqlite")]
public sealed class CertificateIssuerTests_Sqlite() : CertificateIssuerTests(DatabaseProvider.Sqlite);

[Trait("Provider", "Postgres")]
public sealed class CertificateIssuerTests_Postgres() : CertificateIssuerTests(DatabaseProvider.Postgres);
