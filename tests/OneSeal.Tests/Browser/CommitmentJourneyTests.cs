using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OneSeal.Tests.Browser;

/// <summary>容缺受理 on the pages: sign the commitment, submit without the tolerated material, supply it after acceptance.</summary>
public abstract partial class LifecycleJourneyTests
{
    [Fact]
    public async Task A_tolerance_commitment_lets_the_applicant_supply_a_material_after_acceptance()
    {
        await using var users = new BrowserUsers(browser, app);
        await users.RunAsync(nameof(A_tolerance_commitment_lets_the_applicant_supply_a_material_after_acceptance), async () =>
        {
            var id = await DraftWithoutAsync("M04");
            var applicant = await users.SignedInAsync("applicant");
            await applicant.GotoAsync($"/my/cases/{id}");
            await applicant.Locator("#commit-tolerance").CheckAsync();
            await applicant.Locator("#commit-material-M04").CheckAsync();
            var supplyBy = app.Today().AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await applicant.Locator("#commit-supply-by").FillAsync(supplyBy);
            await applicant.Locator("#commit").ClickAsync();
            await Expect(applicant.Locator("#notice")).ToContainTextAsync("已签署容缺受理承诺书");
            await Expect(applicant.Locator("#commitments")).ToContainTextAsync(supplyBy);

            await applicant.Locator("#resubmit").ClickAsync();
            await Expect(applicant.Locator("#case-status")).ToHaveTextAsync("待受理");
            await cases.StepAsync("clerk", id, "accept");

            await applicant.ReloadAsync();
            await Expect(applicant.Locator("#supply")).ToBeVisibleAsync();
            await applicant.Locator("#material_M04").SetInputFilesAsync(new FilePayload
            {
                Name = "M04.pdf", MimeType = "application/pdf", Buffer = SamplePdf.Create("补交的容缺材料"),
            });
            await applicant.Locator("#supply-materials").ClickAsync();
            await Expect(applicant.Locator("#supply")).ToHaveCountAsync(0);
            await Expect(applicant.Locator("#timeline li[data-action='tolerance-fulfilled']")).ToHaveCountAsync(1);
        });
    }

    /// <summary>A food-licence draft of the demo applicant with every required material but <paramref name="missing"/>.</summary>
    private async Task<Guid> DraftWithoutAsync(string missing)
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        using var client = await app.ClientFor("applicant");
        var guide = await client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{LifecycleCases.FoodLicence}");
        var form = guide.GetProperty("formFields").EnumerateArray().ToDictionary(
            f => f.GetProperty("key").GetString()!,
            f => f.GetProperty("type").GetString() switch
            {
                "Uscc" => "91360999MA35QT8K7B", "CitizenId" => "360999199003071239", "Phone" => "13807960001", "Number" => "45", _ => "青山县张三小吃店",
            });
        using var create = await client.PostAsJsonAsync("/api/v1/cases", new { itemCode = LifecycleCases.FoodLicence, form });
        create.EnsureSuccessStatusCode();
        var id = (await create.Content.ReadFromJsonAsync<JsonElement>(web)).GetProperty("id").GetGuid();
        foreach (var m in guide.GetProperty("materials").EnumerateArray().Where(m => m.GetProperty("required").GetBoolean()))
        {
            var code = m.GetProperty("code").GetString()!;
            if (code == missing) continue;
            using var body = new MultipartFormDataContent();
            body.Add(new StringContent(code), "materialCode");
            var file = new ByteArrayContent(SamplePdf.Create(code));
            file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
            body.Add(file, "file", $"{code}.pdf");
            using var upload = await client.PostAsync($"/api/v1/cases/{id}/materials", body);
            upload.EnsureSuccessStatusCode();
        }
        return id;
    }
}
