using System.Text.Json;
using OneSeal.Cases.Machine;
using OneSeal.Catalog;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Cases.Api;

/// <summary><c>/api/v1/cases</c>: apply, upload, submit, accept, correct, refuse, review, decide, read.</summary>
public static class CasesApi
{
    public static void MapCasesApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/cases").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("cases");

        g.MapPost("/", async (CreateCaseRequest? body, HttpContext http, CaseCommands cases, CancellationToken ct) =>
        {
            if (body is null) throw new InvalidInputException("body", "required", "请求体不能为空。");
            var c = body.Channel?.Trim().ToLowerInvariant() switch
            {
                null or "" or "online" when body.ApplicantId is null =>
                    await cases.CreateAsync(ActorOf(http), body.ItemCode, FormValidator.FromJson(body.Form), ct, body.ForEnterpriseId),
                "window" when body.ForEnterpriseId is not null =>
                    throw new InvalidInputException("forEnterpriseId", "online-only", "代表企业办理（forEnterpriseId）只用于经办人网上申请。"),
                "window" => await cases.FileAtWindowAsync(ActorOf(http), body.ItemCode, body.ApplicantId, FormValidator.FromJson(body.Form), ct),
                null or "" or "online" => throw new InvalidInputException("applicantId", "window-only", "代为申请（applicantId）须以窗口渠道（channel: window）提交。"),
                _ => throw new InvalidInputException("channel", "one-of", "渠道（channel）应为 online（网上申请）或 window（窗口代为申请）。"),
            };
            return TypedResults.Created($"/api/v1/cases/{c.Id}", new CaseCreated(c.Id, c.CaseNumber, CaseStatusLabels.Api(c.Status)));
        }).WithName("createCase").WithSummary("Create a case (online, for an enterprise as its agent, or filed at a window)")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(409).AddEndpointFilter<IdempotencyFilter>();

        g.MapGet("/", async (string? scope, string? number, string? applicant, string? idNumber, string? phone, HttpContext http, CaseQueries q,
            OneSeal.Cases.Search.CaseSearch search, CancellationToken ct) =>
        {
            var actor = ActorOf(http);
            // issue 11 — search at every window: one of number / applicant / idNumber / phone instead of a queue.
            if (number is not null || applicant is not null || idNumber is not null || phone is not null)
            {
                if (!string.IsNullOrEmpty(scope)) throw new InvalidInputException("scope", "exclusive", "检索办件时不能同时指定 scope（工作队列）。");
                var hits = await search.FindAsync(actor, OneSeal.Cases.Search.CaseSearchCriterion.FromQuery(number, applicant, idNumber, phone, search.Today), ct);
                return TypedResults.Ok(hits.Select(h => new CaseSummary(h.Id, h.CaseNumber, CaseStatusLabels.Api(h.Status), h.ItemCode, h.ItemName,
                    h.ApplicantName, h.SubmittedAt, h.DueDate, h.Version, null)));
            }
            var list = scope switch
            {
                "acceptance" => await q.QueueAsync(actor, [CaseAction.Accept, CaseAction.RequestCorrection, CaseAction.Refuse], ct),
                "review" => await q.QueueAsync(actor, [CaseAction.Review], ct),
                "decision" => await q.QueueAsync(actor, [CaseAction.Approve, CaseAction.Deny], ct),
                null or "" or "mine" => await q.MineAsync(actor, ct),
                _ => throw new InvalidInputException("scope", "one-of", "scope 应为 mine、acceptance、review 或 decision。"),
            };
            var current = await q.CurrentStepsAsync(list, ct);
            return TypedResults.Ok(list.Select(c => new CaseSummary(c.Id, c.CaseNumber, CaseStatusLabels.Api(c.Status), c.ItemCode, c.ItemName,
                c.ApplicantName, c.SubmittedAt, c.DueDate, c.Version, StepEntry.Of(current[c.Id]))));
        }).WithName("listCases").WithSummary("List cases in a work queue or search them");

        g.MapGet("/{id:guid}", async (Guid id, HttpContext http, CaseQueries q, CancellationToken ct) =>
        {
            var detail = await q.GetAsync(ActorOf(http), id, ct);
            http.Response.Headers.ETag = $"\"{detail.Case.Version}\"";
            return TypedResults.Ok(ToResponse(detail));
        }).WithName("getCase").WithSummary("Get a case with its materials, steps and timeline");

        g.MapPost("/{id:guid}/materials", async (Guid id, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? materialCode,
            [Microsoft.AspNetCore.Mvc.FromForm] string? paperCheck, HttpContext http, CaseCommands cases, CancellationToken ct) =>
        {
            if (file is null) throw new InvalidInputException("file", "required", "请选择要上传的文件（file）。");
            var paper = PaperLabels.Parse(paperCheck is { Length: > 16 } ? paperCheck[..16] : paperCheck);
            await using var stream = file.OpenReadStream();
            var m = await cases.UploadMaterialAsync(ActorOf(http), id, materialCode, file.FileName, stream, file.Length, ct, paper);
            return TypedResults.Created($"/api/v1/cases/{id}/materials/{m.Id}",
                new MaterialEntry(m.Id, m.MaterialCode, m.FileName, m.ContentType, m.SizeBytes, m.Sha256, m.UploadedAt, PaperApi(m.PaperCheck)));
        }).WithName("uploadCaseMaterial").WithSummary("Upload a material file to a case").DisableAntiforgery();

        g.MapGet("/{id:guid}/materials/{materialId:guid}", async (Guid id, Guid materialId, HttpContext http, CaseQueries q,
            OneSeal.Platform.Storage.IFileStore files, CancellationToken ct) =>
        {
            var (m, _) = await q.MaterialAsync(ActorOf(http), id, materialId, ct);
            return Results.File(files.OpenRead(m.StorageKey), m.ContentType, m.FileName);
        }).WithName("downloadCaseMaterial").WithSummary("Download a case material file");

        g.MapPost("/{id:guid}/submit", async (Guid id, HttpContext http, CaseCommands cases, CancellationToken ct) =>
            Transitioned(await cases.SubmitAsync(ActorOf(http), id, IfMatch(http), ct))).WithName("submitCase").WithSummary("Submit a draft case");
        g.MapPost("/{id:guid}/accept", async (Guid id, HttpContext http, CaseCommands cases, CancellationToken ct) =>
            Transitioned(await cases.AcceptAsync(ActorOf(http), id, IfMatch(http), ct))).WithName("acceptCase").WithSummary("Accept a submitted case");
        g.MapPost("/{id:guid}/request-correction", async (Guid id, CorrectionRequest? body, HttpContext http, CaseCommands cases, CancellationToken ct) =>
            Transitioned(await cases.RequestCorrectionAsync(ActorOf(http), id, body?.Missing, body?.Note, IfMatch(http), ct))).WithName("requestCaseCorrection").WithSummary("Ask the applicant to correct or complete materials");
        g.MapPost("/{id:guid}/refuse", async (Guid id, RefuseRequest? body, HttpContext http, CaseCommands cases, CancellationToken ct) =>
            Transitioned(await cases.RefuseAsync(ActorOf(http), id, body?.Reason, IfMatch(http), ct))).WithName("refuseCase").WithSummary("Refuse to accept a case");
        g.MapPost("/{id:guid}/review", async (Guid id, ReviewRequest? body, HttpContext http, CaseCommands cases, CancellationToken ct) =>
            Transitioned(await cases.ReviewAsync(ActorOf(http), id, body?.Opinion, body?.Recommend, IfMatch(http), ct))).WithName("reviewCase").WithSummary("Record the review opinion on a case");
        g.MapPost("/{id:guid}/commit", async (Guid id, CommitRequest? body, HttpContext http, CaseCommands cases, CancellationToken ct) =>
        {
            var c = await cases.CommitAsync(ActorOf(http), id, body?.Kind, body?.Text, body?.Materials, body?.SupplyBy, IfMatch(http), ct);
            return TypedResults.Created($"/api/v1/cases/{id}", new CommitmentCreated(c.Id, c.Kind.ToString().ToLowerInvariant(), c.SupplyBy));
        }).WithName("commitCase").WithSummary("Record the applicant's commitment (告知承诺 or tolerance)");
        g.MapPost("/{id:guid}/suspend", async (Guid id, SuspendRequest? body, HttpContext http, CaseCommands cases, CancellationToken ct) =>
            Transitioned(await cases.SuspendAsync(ActorOf(http), id, body?.Kind, body?.Reason, body?.ExpectedDays, IfMatch(http), ct))).WithName("suspendCase").WithSummary("Suspend a case's clock (expert review, hearing, ...)");
        g.MapPost("/{id:guid}/resume", async (Guid id, HttpContext http, CaseCommands cases, CancellationToken ct) =>
            Transitioned(await cases.ResumeAsync(ActorOf(http), id, IfMatch(http), ct))).WithName("resumeCase").WithSummary("Resume a suspended case");
        g.MapPost("/{id:guid}/extend", async (Guid id, ReasonRequest? body, HttpContext http, CaseCommands cases, CancellationToken ct) =>
            Transitioned(await cases.ExtendAsync(ActorOf(http), id, body?.Reason, IfMatch(http), ct))).WithName("extendCase").WithSummary("Extend a case's deadline");
        g.MapPost("/{id:guid}/withdraw", async (Guid id, ReasonRequest? body, HttpContext http, CaseCommands cases, CancellationToken ct) =>
            Transitioned(await cases.WithdrawAsync(ActorOf(http), id, body?.Reason, IfMatch(http), ct))).WithName("withdrawCase").WithSummary("Withdraw a case at the applicant's request");
        g.MapPost("/{id:guid}/terminate", async (Guid id, ReasonRequest? body, HttpContext http, CaseCommands cases, CancellationToken ct) =>
            Transitioned(await cases.TerminateAsync(ActorOf(http), id, body?.Reason, IfMatch(http), ct))).WithName("terminateCase").WithSummary("Terminate a case");
        // issue 13 — 撤销行政许可 (Art. 69): the chief revokes an approval with its sealed decision; the certificate goes with it.
        g.MapPost("/{id:guid}/revoke", async (Guid id, ReasonRequest? body, HttpContext http, CaseCommands cases, CancellationToken ct) =>
                Transitioned(await cases.RevokeAsync(ActorOf(http), id, body?.Reason, IfMatch(http), ct)))
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithName("revokeCase")
            .WithSummary("Revoke the approval of a case (the chief; a sealed revocation decision, the certificate revoked, the supervising department told)");
        g.MapPost("/{id:guid}/deliver", async (Guid id, DeliverRequest? body, HttpContext http, CaseCommands cases, CancellationToken ct) =>
            Transitioned(await cases.DeliverAsync(ActorOf(http), id, body?.Mode, body?.TrackingNumber, IfMatch(http), ct))).WithName("deliverCase").WithSummary("Record the delivery of a case's result");
        g.MapGet("/{id:guid}/deadline", async (Guid id, HttpContext http, CaseQueries q, CancellationToken ct) =>
            TypedResults.Ok(await q.ExplainDeadlineAsync(ActorOf(http), id, ct))).WithName("explainCaseDeadline").WithSummary("Explain how a case's deadline was counted");
        g.MapPost("/{id:guid}/decide", async (Guid id, DecideRequest? body, HttpContext http, CaseCommands cases, CancellationToken ct) =>
            Transitioned(await cases.DecideAsync(ActorOf(http), id, body?.Approve, body?.Reason, IfMatch(http), ct))).WithName("decideCase").WithSummary("Approve or deny a case");
    }

    private static Actor ActorOf(HttpContext http) => HttpActor.Of(http);

    /// <summary>Optional <c>If-Match: "version"</c>: a transition on a stale version is a 409.</summary>
    private static int? IfMatch(HttpContext http) => Platform.Http.IfMatch.Read(http, "办件版本号");

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<CaseCreated> Transitioned(Case c) =>
        TypedResults.Ok(new CaseCreated(c.Id, c.CaseNumber, CaseStatusLabels.Api(c.Status)));

    private static CaseResponse ToResponse(CaseQueries.CaseDetail d)
    {
        var c = d.Case;
        var form = new Dictionary<string, string?>(d.Form);
        // Personal data is masked by default, even for staff; the full value stays in the stored form.
        foreach (var f in d.FormFields.Where(f => f.Type is FormFieldType.CitizenId or FormFieldType.Phone && form.ContainsKey(f.Key)))
            form[f.Key] = form[f.Key] is { } v ? (f.Type == FormFieldType.Phone ? Masking.MaskPhone(v) : Masking.MaskIdentity(v)) : null;
        return new CaseResponse(
            c.Id, c.CaseNumber, CaseStatusLabels.Api(c.Status), c.ItemCode, c.ItemName, c.ApplicantName, c.Channel.ToString().ToLowerInvariant(),
            c.DueDate, c.DeadlineState.ToString().ToLowerInvariant(), c.PausedDays, c.ExtensionDays, c.DeemedAccepted, c.CertificateNumber, c.Version, form,
            c.CorrectionMaterialsJson is null ? null : JsonSerializer.Deserialize<List<string>>(c.CorrectionMaterialsJson), c.CorrectionNote, c.RefusalReason,
            d.Timeline.Select(e => new TimelineEntry(e.At, e.ActorName, e.Action, e.Note)).ToList(),
            d.Materials.Select(m => new MaterialEntry(m.Id, m.MaterialCode, m.FileName, m.ContentType, m.SizeBytes, m.Sha256, m.UploadedAt, PaperApi(m.PaperCheck))).ToList(),
            StepEntry.List(d.Steps), StepEntry.Of(d.Steps.Current),
            new HolderEntry(d.Holder.Name, d.Holder.CodeType, d.Holder.CodeMasked),
            d.NotSubmitted.Select(x => new NotSubmittedEntry(x.Material.Code, x.Material.Name, Materials.MaterialSupply.Api(x.Reason))).ToList(),
            d.Actions.Select(CaseActionLabels.Api).ToList());
    }

    private static string? PaperApi(PaperCheck? p) => p?.ToString().ToLowerInvariant();
}
