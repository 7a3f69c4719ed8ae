using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Search;
using OneSeal.Organisation;
using OneSeal.Platform.Database;

namespace OneSeal.Catalog.DemoData;

/// <summary>
/// Demo mode only: the fictional 青山县 — its bureau, line departments and catalog — from <c>catalog.json</c>
/// (items modelled on real service guides; limits and legal bases as county catalogs publish them).
/// </summary>
public static class CatalogSeed
{
    public const string RegionCode = "360999";

    public static async Task SeedAsync(OneSealDb db, CancellationToken ct)
    {
        if (await db.Set<Agency>().AnyAsync(ct))
        {
            // Already seeded: index what a database from before the search index (or changed since) lacks.
            await ItemSearchIndex.SyncAsync(db, ct);
            return;
        }
        var data = Load();
        var agencies = data.Organisations.Select(o => new Agency
        {
            Id = Guid.NewGuid(), Code = o.Code, Name = o.Name, Kind = o.Kind, Uscc = o.Uscc, Phone = o.Phone, RegionCode = RegionCode,
        }).ToDictionary(a => a.Code);
        db.AddRange(agencies.Values);

        foreach (var i in data.Items)
        {
            var item = new Item
            {
                Id = Guid.NewGuid(), Code = i.Code, Name = i.Name, Category = i.Category, Kind = i.Kind, ServiceObject = i.ServiceObject,
                CompetentDepartmentId = agencies[i.CompetentDepartment].Id,
                ImplementingOrganisationId = agencies[i.ImplementingBody].Id,
                SupervisingDepartmentId = agencies[i.SupervisingDepartment].Id,
                StatutoryDays = i.StatutoryDays, PromisedDays = i.PromisedDays, LegalBasis = i.LegalBasis, Conditions = i.Conditions,
                FeeCharged = i.FeeCharged, FeeAmount = i.FeeAmount, FeeBasis = i.FeeBasis, Visits = i.Visits,
                ResultName = i.ResultName, ResultTypeCode = i.ResultTypeCode, ResultValidityYears = i.ResultValidityYears, Phone = i.Phone,
                CommitmentApproval = i.CommitmentApproval, DeemedApprovalOnTimeout = i.DeemedApprovalOnTimeout,
                Published = true, Version = 1,
                Materials = i.Materials.Select((m, n) => new ItemMaterial
                {
                    Id = Guid.NewGuid(), Code = m.Code, Name = m.Name, Required = m.Required, Tolerable = m.Tolerable, Description = m.Description, SortOrder = n,
                }).ToList(),
                FormFields = i.FormFields.Select((f, n) => new ItemFormField
                {
                    Id = Guid.NewGuid(), Key = f.Key, Label = f.Label, Type = f.Type, Required = f.Required, SortOrder = n,
                }).ToList(),
            };
            db.Add(item);
            ItemSearchIndex.Add(db, item);
        }
        await db.SaveChangesAsync(ct);
    }

    private static CatalogFile Load()
    {
        using var stream = typeof(CatalogSeed).Assembly.GetManifestResourceStream("OneSeal.Catalog.DemoData.catalog.json")
            ?? throw new InvalidOperationException("catalog.json is not embedded");
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        return JsonSerializer.Deserialize<CatalogFile>(stream, options) ?? throw new InvalidOperationException("catalog.json is empty");
    }

    private sealed record CatalogFile(List<OrgRow> Organisations, List<ItemRow> Items);
    private sealed record OrgRow(string Code, string Name, OrganisationKind Kind, string? Uscc, string? Phone);
    private sealed record ItemRow(
        string Code, string Name, string Category, ItemKind Kind, ServiceObject ServiceObject,
        string CompetentDepartment, string ImplementingBody, string SupervisingDepartment,
        int StatutoryDays, int PromisedDays, string LegalBasis, string Conditions,
        bool FeeCharged, decimal? FeeAmount, string? FeeBasis, int Visits,
        string ResultName, string ResultTypeCode, int? ResultValidityYears, string? Phone,
        List<MaterialRow> Materials, List<FieldRow> FormFields, bool CommitmentApproval = false, bool DeemedApprovalOnTimeout = false);
    private sealed record MaterialRow(string Code, string Name, bool Required, string? Description, bool Tolerable = false);
    private sealed record FieldRow(string Key, string Label, FormFieldType Type, bool Required);
}
