namespace OneSeal.Catalog.Editing;

/// <summary>
/// The other direction of <see cref="ItemDraftMapper"/>: a version as the <see cref="ItemDraftInput"/> that would produce
/// it, so the edit form and <c>GET /api/v1/items/{code}/draft</c> hand back exactly what a client sends to save.
/// </summary>
public static class ItemDraftSource
{
    /// <summary><paramref name="agencyCodes"/>: agency id → code (inputs name organisations by code).</summary>
    public static ItemDraftInput From(Item i, IReadOnlyDictionary<Guid, string> agencyCodes)
    {
        string? Org(Guid? id) => id is { } g && agencyCodes.TryGetValue(g, out var code) ? code : null;
        return new ItemDraftInput
        {
            Code = i.Code, BasicCode = Empty(i.BasicCode), ParentCode = i.ParentCode, Name = i.Name, Category = Empty(i.Category),
            Kind = i.Kind.ToString(), ServiceObject = i.ServiceObject.ToString(), Level = i.Level.ToString(),
            CompetentDepartment = Org(i.CompetentDepartmentId), ImplementingBody = Org(i.ImplementingOrganisationId),
            EntrustedBody = Org(i.EntrustedBodyId), HandlingSection = Org(i.HandlingSectionId), SupervisingDepartment = Org(i.SupervisingDepartmentId),
            StatutoryDays = i.StatutoryDays, PromisedDays = i.PromisedDays,
            LegalBasis = Empty(i.LegalBasis), LegalBasisText = i.LegalBasisText, Conditions = Empty(i.Conditions),
            FeeCharged = i.FeeCharged, FeeAmount = i.FeeAmount, FeeStandard = i.FeeStandard, FeeBasis = i.FeeBasis,
            Visits = i.Visits, OnlineDepth = i.OnlineDepth, Appointment = i.Appointment, ResultByPost = i.ResultByPost,
            Tongban = i.Tongban.ToString(), ResultName = Empty(i.ResultName), ResultTypeCode = Empty(i.ResultTypeCode),
            ResultValidityYears = i.ResultValidityYears, ResultSample = i.ResultSample, IntermediaryServices = i.IntermediaryServices,
            Phone = i.Phone, ComplaintPhone = i.ComplaintPhone, Window = i.Window,
            CommitmentApproval = i.CommitmentApproval, DeemedApprovalOnTimeout = i.DeemedApprovalOnTimeout, ChangeNote = i.ChangeNote,
            HolderNameField = i.HolderNameField, HolderCodeField = i.HolderCodeField, HolderCodeType = i.HolderCodeType,
            Materials = i.Materials.OrderBy(m => m.SortOrder).Select(m => new MaterialInput
            {
                Code = m.Code, Name = m.Name, Required = m.Required, Tolerable = m.Tolerable, ReplaceableByCommitment = m.ReplaceableByCommitment,
                Description = m.Description,
                Source = m.Source.ToString(), MaterialType = m.MaterialTypeCode, Form = m.Form.ToString(), Copies = m.Copies,
                LegalBasis = m.LegalBasis, BlankForm = m.BlankForm,
            }).ToList(),
            Steps = i.Steps.OrderBy(s => s.SortOrder)
                .Select(s => new StepInput { Kind = s.Kind.ToString(), SharePercent = s.SharePercent, StopsClock = s.StopsClock }).ToList(),
            FormFields = i.FormFields.OrderBy(f => f.SortOrder)
                .Select(f => new FormFieldInput { Key = f.Key, Label = f.Label, Type = f.Type.ToString(), Required = f.Required }).ToList(),
            JointDepartments = i.JointDepartments.Select(j => Org(j.AgencyId)).OfType<string>().Order(StringComparer.Ordinal).ToList(),
            Themes = i.Themes.Select(t => t.ThemeCode).Order(StringComparer.Ordinal).ToList(),
        };
    }

    // A new item's empty draft has "" for required text; the form shows it as not filled in.
    private static string? Empty(string s) => s.Length == 0 ? null : s;
}
