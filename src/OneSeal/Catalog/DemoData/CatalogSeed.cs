using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Transfers;
using OneSeal.Catalog.Versions;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Time;

namespace OneSeal.Catalog.DemoData;

/// <summary>
/// Demo mode only: the fictional 青山县 — its bureau, line departments and catalog — from <c>catalog.json</c>
/// (docs/demo-catalog.md), with the history the reform gave it: the first published versions of 2024, the transfer
/// batches that moved items to the bureau, and the reform versions that cut limits, visits and materials.
/// </summary>
public static class CatalogSeed
{
    public const string RegionCode = "360999";
    /// <summary>When the demo catalog was first published.</summary>
    public static readonly DateOnly FirstPublished = new(2024, 1, 1);
    /// <summary>When the demo's reform versions (流程再造) took effect.</summary>
    public static readonly DateOnly ReformEffective = new(2025, 7, 1);

    public static async Task SeedAsync(OneSealDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Set<Agency>().AnyAsync(ct)) return;
        var data = Load();
        var now = Instants.Now(clock);
        var agencies = data.Organisations.Select(o => new Agency
        {
            Id = Guid.NewGuid(), Code = o.Code, Name = o.Name, Kind = o.Kind, Uscc = o.Uscc, Phone = o.Phone, RegionCode = RegionCode,
        }).ToDictionary(a => a.Code);
        db.AddRange(agencies.Values);
        db.AddRange((data.MaterialTypes ?? []).Select(t => new MaterialType { Code = t.Code, Name = t.Name }));
        db.AddRange((data.Themes ?? []).Select((t, n) => new Theme { Code = t.Code, Name = t.Name, Audience = t.Audience, SortOrder = n }));

        var latest = data.Items.ToDictionary(i => i.Code, i => FirstVersion(i, agencies, now));
        db.AddRange(latest.Values);

        var bureau = agencies.Values.Single(a => a.Kind == OrganisationKind.Bureau);
        // The bureau's sections come before the transfers, whose versions name one as 承办科室 (the organisation seed
        // that runs later keeps them and adds the rest of the tree).
        foreach (var section in Organisation.DemoData.OrganisationSeed.SectionsOf(bureau))
        {
            agencies[section.Code] = section;
            db.Add(section);
        }
        var rows = data.Items.ToDictionary(i => i.Code);
        foreach (var t in data.Transfers ?? [])
        {
            var batch = new TransferBatch { Id = Guid.NewGuid(), DocumentNumber = t.DocumentNumber, Title = t.Title, EffectiveOn = t.EffectiveOn, CreatedAt = now };
            db.Add(batch);
            foreach (var ti in t.Items)
            {
                var entrusted = ti.EntrustedBody is null ? (Guid?)null : agencies[ti.EntrustedBody].Id;
                var (version, record) = Transfer.Apply(latest[ti.Code], batch, bureau.Id, entrusted, rows[ti.Code].Window, now, null);
                version.HandlingSectionId = ti.HandlingSection is null ? null : agencies[ti.HandlingSection].Id;
                batch.Items.Add(record);
                db.Add(version);
                latest[ti.Code] = version;
            }
        }

        foreach (var row in data.Items.Where(i => i.Before is not null))
        {
            var reform = ItemVersions.CopyAsDraft(latest[row.Code], latest[row.Code].Version + 1, now, null);
            reform.PromisedDays = row.PromisedDays;
            reform.Visits = row.Visits;
            reform.OnlineDepth = row.OnlineDepth;
            reform.FeeCharged = row.FeeCharged;
            reform.FeeAmount = row.FeeAmount;
            reform.FeeStandard = row.FeeStandard;
            reform.Materials = Materials(reform.Id, row.Materials);
            reform.ChangeNote = "流程再造：压缩承诺时限、减少跑动次数、精简申请材料。";
            ItemVersions.Publish(reform, ReformEffective, now, null);
            db.Add(reform);
            latest[row.Code] = reform;
        }
        // Superseding older versions and indexing the ones in force follow at start (OneSealApp.MigrateAndSeedAsync).
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Version 1, as first published: the department implements it; the reform's later values are undone by <c>before</c>.</summary>
    private static Item FirstVersion(CatalogFile.ItemRow i, Dictionary<string, Agency> agencies, DateTimeOffset now)
    {
        var b = i.Before;
        var implementing = agencies[i.ImplementingBody];
        var id = Guid.NewGuid();
        var item = new Item
        {
            Id = id, Code = i.Code, BasicCode = i.BasicCode, ParentCode = i.ParentCode, Version = 1, CreatedAt = now,
            Name = i.Name, Category = i.Category, Kind = i.Kind, ServiceObject = i.ServiceObject, Level = i.Level,
            CompetentDepartmentId = agencies[i.CompetentDepartment].Id, ImplementingOrganisationId = implementing.Id,
            EntrustedBodyId = i.EntrustedBody is null ? null : agencies[i.EntrustedBody].Id,
            SupervisingDepartmentId = agencies[i.SupervisingDepartment].Id,
            StatutoryDays = i.StatutoryDays, PromisedDays = b?.PromisedDays ?? i.PromisedDays,
            LegalBasis = i.LegalBasis, LegalBasisText = i.LegalBasisText, Conditions = i.Conditions,
            FeeCharged = b?.FeeCharged ?? i.FeeCharged, FeeAmount = b?.FeeAmount ?? i.FeeAmount, FeeStandard = b?.FeeStandard ?? i.FeeStandard,
            FeeBasis = i.FeeBasis, Visits = b?.Visits ?? i.Visits, OnlineDepth = b?.OnlineDepth ?? i.OnlineDepth,
            Appointment = i.Appointment, ResultByPost = i.ResultByPost, Tongban = i.Tongban,
            ResultName = i.ResultName, ResultTypeCode = i.ResultTypeCode, ResultValidityYears = i.ResultValidityYears,
            ResultSample = i.ResultSample, IntermediaryServices = i.IntermediaryServices,
            Phone = i.Phone, ComplaintPhone = i.ComplaintPhone,
            // Before a transfer the item is served at its department's window; the bureau's window comes with the transfer.
            Window = implementing.Kind == OrganisationKind.Bureau ? i.Window : i.Window ?? $"{implementing.Name}业务窗口",
            CommitmentApproval = i.CommitmentApproval, DeemedApprovalOnTimeout = i.DeemedApprovalOnTimeout,
            HolderNameField = i.Holder?.NameField, HolderCodeField = i.Holder?.CodeField, HolderCodeType = i.Holder?.CodeType,
            Materials = Materials(id, b?.Materials ?? i.Materials),
            FormFields = i.FormFields.Select((f, n) => new ItemFormField
            {
                Id = Guid.NewGuid(), ItemId = id, Key = f.Key, Label = f.Label, Type = f.Type, Required = f.Required, SortOrder = n,
            }).ToList(),
            Steps = i.Steps is null ? ItemVersions.StandardSteps(id) : i.Steps.Select((s, n) => new ItemStep
            {
                Id = Guid.NewGuid(), ItemId = id, Kind = s.Kind, SharePercent = s.Share, StopsClock = s.StopsClock, SortOrder = n,
            }).ToList(),
            JointDepartments = (i.JointDepartments ?? []).Select(c => new ItemJointDepartment { ItemId = id, AgencyId = agencies[c].Id }).ToList(),
            Themes = (i.Themes ?? []).Select(c => new ItemTheme { ItemId = id, ThemeCode = c }).ToList(),
        };
        ItemVersions.Publish(item, FirstPublished, now, null);
        return item;
    }

    private static List<ItemMaterial> Materials(Guid itemId, List<CatalogFile.MaterialRow> rows) => rows.Select((m, n) => new ItemMaterial
    {
        Id = Guid.NewGuid(), ItemId = itemId, Code = m.Code, Name = m.Name, Required = m.Required, Tolerable = m.Tolerable,
        ReplaceableByCommitment = m.ReplaceableByCommitment, Description = m.Description, Source = m.Source, MaterialTypeCode = m.MaterialType, Form = m.Form, Copies = m.Copies,
        LegalBasis = m.LegalBasis, BlankForm = m.BlankForm, SortOrder = n,
    }).ToList();

    private static CatalogFile Load()
    {
        using var stream = typeof(CatalogSeed).Assembly.GetManifestResourceStream("OneSeal.Catalog.DemoData.catalog.json")
            ?? throw new InvalidOperationException("catalog.json is not embedded");
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        return JsonSerializer.Deserialize<CatalogFile>(stream, options) ?? throw new InvalidOperationException("catalog.json is empty");
    }
}
