using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Cases;
using OneSeal.Cases.Machine;
using OneSeal.Tests.Api;
using Case = OneSeal.Cases.Case;

namespace OneSeal.Tests.Cases;

/// <summary>Issue 11: the machine's window rows (the clerk uploads and submits a case filed at a window), each walked from its from-state.</summary>
public abstract partial class CaseMachineTests
{
    [Fact]
    public async Task The_window_rows_apply_for_a_clerk_seated_at_a_window_that_takes_the_item()
    {
        var rows = CaseMachine.Table.Where(r => r.Party == Party.Staff && r.Guards.Contains(CaseGuards.FiledAtWindow)).ToList();
        rows.Select(r => (r.Action, r.From)).ShouldBe([
            (CaseAction.UploadMaterial, CaseStatus.Draft), (CaseAction.UploadMaterial, CaseStatus.CorrectionRequested),
            (CaseAction.Submit, CaseStatus.Draft), (CaseAction.Submit, CaseStatus.CorrectionRequested)], ignoreOrder: true);
        var clerk = await Signed("clerk");
        var windows = await clerk.GetFromJsonAsync<List<JsonElement>>("/api/v1/windows");
        var a01 = windows!.Single(w => w.GetProperty("window").GetProperty("number").GetString() == "A01").GetProperty("window").GetProperty("id").GetGuid();
        using (var seat = await clerk.PostAsync($"/api/v1/windows/{a01}/sign-in", null)) await ShouldBeAsync(seat, HttpStatusCode.OK);
        var applicantId = await AccountIdAsync("applicant");

        foreach (var row in rows)
        {
            using var filed = await clerk.PostAsJsonAsync("/api/v1/cases", new { itemCode = Demo.FoodLicence, form = Demo.FoodLicenceForm(), channel = "window", applicantId });
            await ShouldBeAsync(filed, HttpStatusCode.Created);
            var id = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await UploadRequiredAsync(clerk, id);
            if (row.From == CaseStatus.CorrectionRequested)
            {
                await StepAsync(clerk, id, "submit");
                await StepAsync(clerk, id, "request-correction", new { missing = new[] { "M01" } });
                if (row.Action == CaseAction.Submit)
                    using (var again = await UploadAsync(clerk, id, "M01", "m01.pdf", SampleFiles.Pdf(), "application/pdf")) await ShouldBeAsync(again, HttpStatusCode.Created);
            }
            var events = await InDb(db => db.Set<CaseEvent>().CountAsync(e => e.CaseId == id));
            if (row.Action == CaseAction.Submit) await StepAsync(clerk, id, "submit");
            else using (var up = await UploadAsync(clerk, id, "M01", "m01.pdf", SampleFiles.Pdf(), "application/pdf")) await ShouldBeAsync(up, HttpStatusCode.Created);
            var (status, last) = await InDb(async db => (
                (await db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == id)).Status,
                await db.Set<CaseEvent>().AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync()));
            status.ShouldBe(row.To, $"{row.Action} from {row.From}");
            last.Count.ShouldBeGreaterThan(events);
            last[^1].ShouldBe(row.Event);
        }
    }
}
