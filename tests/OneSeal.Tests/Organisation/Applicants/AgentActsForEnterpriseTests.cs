using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using static OneSeal.Tests.Organisation.Applicants.ApplicantKit;
using CaseEntity = OneSeal.Cases.Case;

namespace OneSeal.Tests.Organisation.Applicants;

/// <summary>
/// Issue 10 §5: an agent (经办人) files for the enterprise that authorised them: the grant is checked at create and at
/// submit, the enterprise holds the case and reads it in its own list, a revoked or ended grant stops new filing for it.
/// </summary>
public abstract class AgentActsForEnterpriseTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private FakeTimeProvider Clock => App.Time!;

    private sealed record HolderDto(string Name, string CodeType, string CodeMasked);
    private sealed record CaseHolderDto(Guid Id, string ApplicantName, HolderDto Holder, List<string> AvailableActions);
    private sealed record SummaryDto(Guid Id, string CaseNumber, string ApplicantName);
    private sealed record GrantDto(Guid Id);

    private static Task<HttpResponseMessage> FileForAsync(HttpClient agent, Guid? enterpriseId, string itemCode = Demo.FoodLicence) =>
        agent.PostAsJsonAsync("/api/v1/cases", new { itemCode, form = Demo.FoodLicenceForm(), forEnterpriseId = enterpriseId });

    private Task<int> CasesForAsync(Guid enterpriseId) => InDb(db => db.Set<CaseEntity>().CountAsync(c => c.ForEnterpriseAccountId == enterpriseId));

    private static async Task<Guid> GrantAsync(HttpClient enterprise, string agentPhone, DateOnly endsOn)
    {
        using var grant = await enterprise.PostAsJsonAsync("/api/v1/my/agents", new { phone = agentPhone, endsOn });
        grant.StatusCode.ShouldBe(HttpStatusCode.Created, await grant.Content.ReadAsStringAsync());
        return (await grant.Content.ReadFromJsonAsync<GrantDto>(Web))!.Id;
    }

    [Fact]
    public async Task An_agent_files_for_the_enterprise_which_holds_and_reads_the_case_and_a_revoke_stops_new_filing()
    {
        var (agentName, agentPhone, _) = await NewCitizenAsync(App, "郑经办");
        var (enterpriseName, uscc) = await NewEnterpriseAsync(App, "青山县代办测试有限公司");
        var (otherName, _) = await NewEnterpriseAsync(App, "青山县无关企业有限公司");
        var agent = await App.ClientFor(agentName, Password);
        var enterprise = await App.ClientFor(enterpriseName, Password);
        var enterpriseId = await AccountIdAsync(enterpriseName);
        var otherId = await AccountIdAsync(otherName);

        // No grant: refused, nothing written.
        using (var ungranted = await FileForAsync(agent, enterpriseId))
            await ShouldBeProblemAsync(ungranted, HttpStatusCode.Forbidden, rule: "agent-not-authorised");
        (await CasesForAsync(enterpriseId)).ShouldBe(0);

        var grantId = await GrantAsync(enterprise, agentPhone, OneSeal.Platform.Time.LegalDates.Today(Clock).AddMonths(6));
        // A grant from one enterprise opens no other.
        using (var other = await FileForAsync(agent, otherId))
            await ShouldBeProblemAsync(other, HttpStatusCode.Forbidden, rule: "agent-not-authorised");
        // Filing for an enterprise is an online application of the agent's own, never a window filing.
        using (var window = await agent.PostAsJsonAsync("/api/v1/cases",
                   new { itemCode = Demo.FoodLicence, form = Demo.FoodLicenceForm(), channel = "window", forEnterpriseId = enterpriseId }))
            await ShouldBeProblemAsync(window, HttpStatusCode.BadRequest, field: "forEnterpriseId", rule: "online-only");

        Guid filed;
        using (var created = await FileForAsync(agent, enterpriseId))
        {
            await ShouldBeAsync(created, HttpStatusCode.Created);
            filed = (await created.Content.ReadFromJsonAsync<CaseCreatedDto>(Web))!.Id;
        }
        await UploadRequiredAsync(agent, filed);
        (await StepAsync(agent, filed, "submit")).ShouldBe("submitted");

        // The agent is the applicant (经办人); the enterprise is the holder, whatever the form names.
        var asAgent = await agent.GetFromJsonAsync<CaseHolderDto>($"/api/v1/cases/{filed}", Web);
        asAgent!.ApplicantName.ShouldBe("郑经办");
        (asAgent.Holder.Name, asAgent.Holder.CodeType, asAgent.Holder.CodeMasked)
            .ShouldBe(("青山县代办测试有限公司", "001", OneSeal.Organisation.Identifiers.Masking.MaskIdentity(uscc)));
        (await InDb(db => db.Set<CaseEntity>().Where(c => c.Id == filed).Select(c => c.ForEnterpriseAccountId).SingleAsync())).ShouldBe(enterpriseId);

        // The enterprise sees it in its own list and reads it, but the agent's steps stay the agent's.
        (await enterprise.GetFromJsonAsync<List<SummaryDto>>("/api/v1/cases?scope=mine", Web))!.Select(c => c.Id).ShouldContain(filed);
        var asEnterprise = await enterprise.GetFromJsonAsync<CaseHolderDto>($"/api/v1/cases/{filed}", Web);
        asEnterprise!.Holder.Name.ShouldBe("青山县代办测试有限公司");
        asEnterprise.AvailableActions.ShouldBeEmpty();
        using (var withdraw = await ActAsync(enterprise, filed, "withdraw", new { reason = "企业撤回" }))
            await ShouldBeProblemAsync(withdraw, HttpStatusCode.Forbidden, rule: "applicant-only");
        // Another enterprise does not learn the case exists.
        var other2 = await App.ClientFor(otherName, Password);
        (await other2.GetAsync($"/api/v1/cases/{filed}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A draft started under the grant, then the grant is revoked: no new case, no submit; the enterprise keeps both.
        Guid draft;
        using (var created = await FileForAsync(agent, enterpriseId))
        {
            await ShouldBeAsync(created, HttpStatusCode.Created);
            draft = (await created.Content.ReadFromJsonAsync<CaseCreatedDto>(Web))!.Id;
        }
        await UploadRequiredAsync(agent, draft);
        (await enterprise.DeleteAsync($"/api/v1/my/agents/{grantId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using (var afterRevoke = await FileForAsync(agent, enterpriseId))
            await ShouldBeProblemAsync(afterRevoke, HttpStatusCode.Forbidden, rule: "agent-not-authorised");
        using (var submit = await ActAsync(agent, draft, "submit"))
            await ShouldBeProblemAsync(submit, HttpStatusCode.Forbidden, rule: "agent-not-authorised");
        (await GetCaseAsync(agent, draft)).Status.ShouldBe("draft");
        (await CasesForAsync(enterpriseId)).ShouldBe(2);
        (await enterprise.GetFromJsonAsync<List<SummaryDto>>("/api/v1/cases?scope=mine", Web))!.Select(c => c.Id).ShouldBe([draft, filed], ignoreOrder: true);

        // The agent files for themselves as before, and the enterprise does not see that one.
        var own = await CreateCaseAsync(agent, Demo.FoodLicence, Demo.FoodLicenceForm());
        (await enterprise.GetAsync($"/api/v1/cases/{own.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Audited: each filing and submission for the enterprise, with the grant it relied on.
        var actedFor = await InDb(db => db.Set<AuditEntry>().Where(a => a.Action == "case.act-for" && (a.EntityId == filed.ToString() || a.EntityId == draft.ToString()))
            .Select(a => a.Detail).ToListAsync());
        actedFor.Count.ShouldBe(3, "filed: created and submitted; draft: created");
        actedFor.ShouldAllBe(d => d!.Contains(grantId.ToString()) && d.Contains("青山县代办测试有限公司"));
    }

    [Fact]
    public async Task A_grant_past_its_end_date_no_longer_lets_the_agent_file_and_an_enterprise_only_item_is_open_to_the_agent()
    {
        var (agentName, agentPhone, _) = await NewCitizenAsync(App, "钱经办");
        var (enterpriseName, _) = await NewEnterpriseAsync(App, "青山县到期测试有限公司");
        var enterpriseId = await AccountIdAsync(enterpriseName);
        await GrantAsync(await App.ClientFor(enterpriseName, Password), agentPhone, OneSeal.Platform.Time.LegalDates.Today(Clock));

        var agent = await App.ClientFor(agentName, Password);
        // 食品生产许可 is for enterprises only: closed to the citizen on their own, open to them as the enterprise's agent.
        const string enterpriseOnly = "QS-XK-004";
        using (var own = await agent.PostAsJsonAsync("/api/v1/cases", new { itemCode = enterpriseOnly, form = new { } }))
            await ShouldBeProblemAsync(own, HttpStatusCode.BadRequest, field: "itemCode", rule: "service-object");
        using (var forEnterprise = await agent.PostAsJsonAsync("/api/v1/cases", new { itemCode = enterpriseOnly, form = new { }, forEnterpriseId = enterpriseId }))
            await ShouldBeAsync(forEnterprise, HttpStatusCode.Created);
        using (var lastDay = await FileForAsync(agent, enterpriseId))
            await ShouldBeAsync(lastDay, HttpStatusCode.Created);

        Clock.Advance(TimeSpan.FromDays(1));
        var later = await App.ClientFor(agentName, Password);
        using var ended = await FileForAsync(later, enterpriseId);
        await ShouldBeProblemAsync(ended, HttpStatusCode.Forbidden, rule: "agent-not-authorised");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class AgentActsForEnterpriseTests_Sqlite(ApplicantSqliteApp app) : AgentActsForEnterpriseTests(app), IClassFixture<ApplicantSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class AgentActsForEnterpriseTests_Postgres(ApplicantPostgresApp app) : AgentActsForEnterpriseTests(app), IClassFixture<ApplicantPostgresApp>;
