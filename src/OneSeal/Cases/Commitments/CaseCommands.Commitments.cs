using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.Commitments;
using OneSeal.Cases.Machine;
using OneSeal.Cases.Rules;
using OneSeal.Catalog;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Cases;

/// <summary>
/// Commitments (承诺): 容缺受理 — accept now, non-key materials later by a promised date, no result before they
/// arrive; 告知承诺制 — approve on the applicant's declaration, the supervising department verifies afterwards
/// (the Supervision capability opens the verification task, told of the decision by <see cref="Decision.ICaseDecisionListener"/>).
/// </summary>
public sealed partial class CaseCommands
{
    /// <summary>Tolerance commitments may promise supply at most this many calendar days ahead.</summary>
    public const int MaxSupplyDays = 60;

    public Task<CaseCommitment> CommitAsync(Actor actor, Guid caseId, string? kind, string? text, IReadOnlyList<string>? materials, DateOnly? supplyBy, int? expectedVersion, CancellationToken ct) =>
        db.InTransactionAsync(async () =>
    {
        var (c, row) = await BeginAsync(caseId, CaseAction.SignCommitment, actor, expectedVersion, ct);
        var statement = RequiredText("text", text, "请填写承诺内容（text）。");
        var item = await db.Set<Item>().AsNoTracking().Include(i => i.Materials).FirstAsync(i => i.Id == c.ItemId, ct);
        var today = LegalDates.Today(clock);
        CaseCommitment commitment;
        switch (kind)
        {
            case "tolerance":
                var codes = (materials ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct().ToList();
                if (codes.Count == 0) throw new InvalidInputException("materials", "required", "请列出容缺后补的材料（materials）。");
                var unknown = codes.Where(code => item.Materials.All(m => m.Code != code)).ToList();
                if (unknown.Count > 0)
                    throw new InvalidInputException("materials", "unknown-material", "本事项没有这些材料编码：" + string.Join("、", unknown));
                var notTolerable = item.Materials.Where(m => codes.Contains(m.Code) && !m.Tolerable).OrderBy(m => m.SortOrder).ToList();
                if (notTolerable.Count > 0)
                    throw new InvalidInputException("materials", "not-tolerable",
                        "这些材料不可容缺（须为本事项列明的非关键材料）：" + string.Join("、", notTolerable.Select(m => m.Name)));
                if (supplyBy is not { } by || by <= today || by > today.AddDays(MaxSupplyDays))
                    throw new InvalidInputException("supplyBy", "range", $"补交日期（supplyBy）应在今天之后、{MaxSupplyDays}日以内。");
                commitment = new CaseCommitment { Kind = CommitmentKind.Tolerance, Text = statement, MaterialsJson = JsonSerializer.Serialize(codes), SupplyBy = by };
                break;
            case "notification":
                if (!item.CommitmentApproval)
                    throw new InvalidInputException("kind", "not-allowed", "本事项未实行告知承诺制。");
                commitment = new CaseCommitment { Kind = CommitmentKind.Notification, Text = statement };
                break;
            default:
                throw new InvalidInputException("kind", "one-of", "承诺类型（kind）应为 tolerance（容缺受理）或 notification（告知承诺）。");
        }

        var now = clock.Now();
        // Signing again before submission replaces the earlier commitment of the same kind.
        await db.Set<CaseCommitment>().Where(x => x.CaseId == c.Id && x.Kind == commitment.Kind).ExecuteDeleteAsync(ct);
        commitment.Id = Guid.NewGuid();
        commitment.CaseId = c.Id;
        commitment.SignedAt = now;
        commitment.SignedById = actor.Id;
        db.Add(commitment);
        var label = commitment.Kind == CommitmentKind.Tolerance
            ? $"签署容缺受理承诺书：{string.Join("、", item.Materials.Where(m => commitment.MaterialsJson!.Contains($"\"{m.Code}\"")).Select(m => m.Name))}，承诺于 {commitment.SupplyBy:yyyy-MM-dd} 前补交"
            : item.Materials.Where(m => m.ReplaceableByCommitment).OrderBy(m => m.SortOrder).Select(m => m.Name).ToList() is { Count: > 0 } replaced
                ? $"签署告知承诺书，以承诺代替：{string.Join("、", replaced)}"
                : "签署告知承诺书";
        await ApplyAsync(c, row, actor, label, now, ct, auditDetail: commitment.Kind.ToString());
        return commitment;
    }, ct);

    /// <summary>Material codes still owed under a tolerance commitment (empty when none or fulfilled), counting uploads of this command.</summary>
    private async Task<IReadOnlyList<string>> OwedMaterialsAsync(Case c, CancellationToken ct)
    {
        var commitment = await db.Set<CaseCommitment>().AsNoTracking()
            .FirstOrDefaultAsync(x => x.CaseId == c.Id && x.Kind == CommitmentKind.Tolerance && x.FulfilledAt == null, ct);
        return commitment is null ? [] : CaseContexts.OwedCodes(commitment, c.Materials.Where(m => !m.Superseded).Select(m => (m.MaterialCode, m.UploadedAt)));
    }

    /// <summary>After an upload: a tolerance commitment whose materials have all arrived is fulfilled.</summary>
    private async Task FulfilToleranceIfCompleteAsync(Case c, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (!CaseStatusLabels.Running.Contains(c.Status)) return;
        var commitment = await db.Set<CaseCommitment>()
            .FirstOrDefaultAsync(x => x.CaseId == c.Id && x.Kind == CommitmentKind.Tolerance && x.FulfilledAt == null, ct);
        if (commitment is null || (await OwedMaterialsAsync(c, ct)).Count > 0) return;
        commitment.FulfilledAt = now;
        AddEvent(c, actor, CaseActions.ToleranceFulfilled, "容缺材料已全部补齐", c.Status, now);
    }
}
