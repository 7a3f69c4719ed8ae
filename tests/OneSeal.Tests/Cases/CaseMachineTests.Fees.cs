using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Cases;
using OneSeal.Cases.Machine;
using OneSeal.Counter.Fees;
using OneSeal.Platform.Http;
using Case = OneSeal.Cases.Case;

namespace OneSeal.Tests.Cases;

/// <summary>Issue 11 §6: the Deliver rows' guard "no delivery before the fee is paid" (rule <c>fee-unpaid</c>).</summary>
public abstract partial class CaseMachineTests
{
    [Fact]
    public async Task Delivery_waits_for_an_unpaid_fee_and_goes_through_once_it_is_paid()
    {
        var id = await CaseInAsync(CaseStatus.CertificateIssued);
        var demandId = Guid.NewGuid();
        await InDb(async db =>
        {
            var c = await db.Set<Case>().AsNoTracking().SingleAsync(x => x.Id == id);
            db.Add(new FeeDemand
            {
                Id = demandId, CaseId = id, CaseNumber = c.CaseNumber, ItemName = c.ItemName, DepartmentId = c.HandlingOrganisationId,
                PaymentCode = "36099926010100000013", Amount = 80m, Status = FeeDemandStatus.Unpaid, CreatedAt = Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        });
        var before = await FootprintAsync(id);
        (await Should.ThrowAsync<ConflictException>(() => RunAsync(CaseAction.Deliver, id))).Rule.ShouldBe("fee-unpaid");
        await RunAsync(CaseAction.DeliverOnDownload, id);
        var applicant = await ActorForAsync(CaseAction.DeliverOnDownload);
        var refusal = await InScopeAsync(async s =>
        {
            var c = await s.GetRequiredService<OneSeal.Platform.Database.OneSealDb>().Set<Case>().AsNoTracking().SingleAsync(x => x.Id == id);
            var context = await s.GetRequiredService<CaseContexts>().ForAsync(c, ContextNeeds.All, default);
            return Should.Throw<ConflictException>(() => CaseMachine.Ensure(c, CaseAction.DeliverOnDownload, applicant, context));
        });
        refusal.Rule.ShouldBe("fee-unpaid");
        (await FootprintAsync(id)).ShouldBe(before);

        await InDb(db => db.Set<FeeDemand>().Where(d => d.Id == demandId).ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, FeeDemandStatus.Paid)));
        await RunAsync(CaseAction.Deliver, id);
        (await InDb(db => db.Set<Case>().Where(c => c.Id == id).Select(c => c.Status).SingleAsync())).ShouldBe(CaseStatus.Delivered);
    }
}
