using Microsoft.AspNetCore.DataProtection;
using OneSeal.Calendar;
using OneSeal.Cases;
using OneSeal.Cases.Api;
using OneSeal.Catalog;
using OneSeal.Catalog.DemoData;
using OneSeal.Catalog.Guides;
using OneSeal.Notices;
using OneSeal.Organisation.Accounts;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.OpenApi;
using OneSeal.Platform.Outbox;
using OneSeal.Platform.Security;
using OneSeal.Platform.Sms;
using OneSeal.Platform.Time;
using OneSeal.Platform.Storage;
using OneSeal.Platform.Telemetry;
using OneSeal.Seal;

namespace OneSeal;

/// <summary>Composition root: each capability registers itself here, in one readable list.</summary>
public static class OneSealApp
{
    public static void AddOneSeal(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var services = builder.Services;
        var dataRoot = config["OneSeal:DataRoot"] ?? "./data";
        // Secrets kept outside the database: Data Protection keys and the audit anchors' signing keys.
        var keysPath = config["DataProtection:KeysPath"] ?? Path.Combine(dataRoot, "keys");

        builder.AddOneSealLogging();
        builder.AddOneSealTelemetry();
        services.AddSingleton(TimeProvider.System);
        services.AddOneSealDatabase(config);
        services.AddDataProtection()
            .SetApplicationName("OneSeal")
            .PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        services.AddSingleton(new OneSeal.Platform.Audit.AuditKeys(keysPath));
        services.AddScoped<OneSeal.Platform.Audit.AuditCheck>();
        services.AddSingleton<IFileStore>(new LocalFileStore(config["Storage:Root"] ?? Path.Combine(dataRoot, "files")));
        services.AddScoped<OrphanFileSweep>();
        services.AddHostedService<OrphanFileSweepService>();
        services.AddOneSealAuth();
        services.AddOneSealProblems();
        services.AddJsonTextRules();
        services.AddPageFormTextRules();
        services.AddLocalization();
        // Pages carry Chinese as characters, not &#x..; escapes (a third of the bytes).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages();
        services.AddSingleton<PersonalData>();
        services.AddScoped<ISessionCheck, SessionCheck>();
        services.AddScoped<SignIn>();
        services.AddScoped<AccessTokens>();
        services.AddScoped<SessionPrincipals>();
        services.AddSignInRateLimit(config);
        services.AddScoped<CatalogQueries>();
        services.AddScoped<OneSeal.Catalog.Editing.CatalogEditor>();
        services.AddScoped<OneSeal.Catalog.Editing.CatalogAdminQueries>();
        services.AddScoped<OneSeal.Catalog.Exchange.CatalogExport>();
        services.AddScoped<OneSeal.Catalog.Exchange.CatalogImport>();
        services.AddHostedService<OneSeal.Catalog.Versions.CatalogActivationService>();
        services.AddOneSealGuides();
        services.AddSingleton<OneSeal.Catalog.Versions.VersionFactsCache>();
        services.AddSingleton<OneSeal.Organisation.AgencyDirectory>();
        services.AddSingleton<WorkingDayClock>();
        services.AddSingleton<IWorkingDayCalendar>(sp => sp.GetRequiredService<WorkingDayClock>());
        services.AddScoped<CaseCommands>();
        services.AddScoped<CaseQueries>();
        services.AddOneSealCaseMachine();
        services.AddScoped<OneSeal.Cases.Clock.DeadlineSweep>();
        services.AddHostedService<OneSeal.Cases.Clock.DeadlineSweepService>();
        services.AddHostedService<OneSeal.Platform.Audit.AuditAnchorService>();
        services.AddScoped<CalendarAdmin>();
        services.AddScoped<OneSeal.Catalog.Transfers.TransferCommands>();
        services.AddScoped<OneSeal.Catalog.Transfers.TransferQueries>();
        services.AddScoped<OneSeal.Catalog.Transfers.TransferCandidates>();
        services.AddScoped<OneSeal.Catalog.Reform.CatalogWorklists>();
        services.AddScoped<OneSeal.Catalog.Reform.ReformStatsQuery>();
        services.AddScoped<ICalendarChangeListener, OneSeal.Cases.Clock.CaseRescheduler>();
        services.AddHostedService<CalendarRefreshService>();
        services.AddScoped<OneSeal.Seal.ICertificateDeliveryListener, CaseDelivery>();
        services.AddSeal(config);
        services.AddOutbox(config);
        services.AddNotices(config);
        services.AddSingleton<OneSeal.Notices.INoticeCases, NoticeCases>();
        // issue 13 — OpenAPI lint clean: the bearer scheme, per-operation security and problem+json answers
        services.AddOneSealOpenApi();
        // Malformed JSON and bad route values become problem+json naming the body (Platform/Http/Problems.cs).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // issue 10 — organisations and windows
        services.AddScoped<OneSeal.Organisation.Admin.OrganisationAdmin>();
        services.AddScoped<OneSeal.Organisation.Admin.OrganisationQueries>();
        services.AddScoped<OneSeal.Organisation.Admin.IOrganisationClosingCheck, OneSeal.Hall.HallClosingCheck>();
        services.AddScoped<OneSeal.Hall.WindowAdmin>();
        services.AddScoped<OneSeal.Hall.WindowQueries>();
        // issue 11 — window seats (who sits at which window today)
        services.AddScoped<OneSeal.Hall.Seats.WindowSeats>();
        services.AddScoped<OneSeal.Hall.Seats.HallWindows>();
        // issue 11 — walk-in applications (窗口渠道): walk-in records, what a window takes, filing at the window
        services.AddScoped<OneSeal.Organisation.Applicants.WalkInRecords>();
        services.AddScoped<OneSeal.Hall.WalkIn.WalkInApplicants>();
        services.AddScoped<OneSeal.Hall.Intake.WindowIntake>();
        services.AddScoped<OneSeal.Cases.WalkIn.WindowDesk>();
        // issue 10 — sign-in security: staff need a second factor unless switched off (on by default outside demo mode).
        services.AddSingleton(new SecondFactorPolicy(config.GetValue("OneSeal:Security:RequireStaffSecondFactor", !IsDemo(config))));
        services.AddSingleton(OneSeal.Organisation.Accounts.PasswordHashing.From(config, IsDemo(config)));
        services.AddScoped<SecondFactor>();
        services.AddScoped<SecurityAdmin>();
        services.AddScoped<AccountSecurity>();
        // issue 10 — administrators, audit, seals
        services.AddScoped<OneSeal.Organisation.Auditing.AuditSearch>();
        services.AddScoped<OneSeal.Organisation.Auditing.IAuditEntityNames, OneSeal.Cases.CaseAuditNames>();
        services.AddScoped<OneSeal.Seal.Administration.SealAdmin>();
        // issue 10 — staff
        services.AddScoped<OneSeal.Organisation.Staff.StaffAdmin>();
        services.AddScoped<OneSeal.Organisation.Staff.StaffQueries>();
        services.AddScoped<OneSeal.Organisation.Staff.StaffPhotos>();
        services.AddScoped<OneSeal.Organisation.Staff.StaffImport>();
        services.AddScoped<OneSeal.Organisation.Staff.StaffTemplate>();
        // issue 10 — applicants: registration, one-time SMS codes, enterprise agents
        services.AddSingleton(new LookupHash(keysPath));
        services.AddSms(config, IsDemo(config));
        services.AddScoped<OneSeal.Organisation.Applicants.OneTimeCodes>();
        services.AddScoped<OneSeal.Organisation.Applicants.ApplicantAccounts>();
        services.AddScoped<OneSeal.Organisation.Applicants.Agents>();
        // issue 11 — the window chief's powers and A/B posts
        services.AddScoped<OneSeal.Organisation.Staff.StaffRoster>();
        services.AddScoped<OneSeal.Hall.Chief.WindowChiefPowers>();
        services.AddScoped<OneSeal.Hall.StandIn.WindowAbsences>();
        services.AddScoped<OneSeal.Cases.WindowChief.WindowChiefCommands>();
        services.AddScoped<OneSeal.Cases.WindowChief.JointReviewQueries>();
        services.AddScoped<OneSeal.Cases.WindowChief.PreReviewQueries>();
        services.AddScoped<OneSeal.Cases.WindowChief.ChiefBoard>();
        services.AddScoped<OneSeal.Cases.WindowChief.StandInCases>();
        // issue 11 — search, notice print view, enquiries (首问登记)
        services.AddScoped<OneSeal.Cases.Search.CaseSearch>();
        services.AddScoped<OneSeal.Notices.Printing.NoticePrint>();
        services.AddScoped<OneSeal.Hall.Enquiries.EnquiryDesk>();
        // issue 11 — results and fees
        services.AddSingleton(OneSeal.Counter.Fees.PaymentOptions.From(config));
        services.AddScoped<OneSeal.Counter.Fees.FeeCommands>();
        services.AddScoped<OneSeal.Counter.Fees.FeeQueries>();
        services.AddScoped<OneSeal.Counter.Fees.PaymentCallbacks>();
        services.AddScoped<OneSeal.Counter.Fees.FeeReconciliation>();
        services.AddScoped<OneSeal.Counter.Fees.FeeDemands>();
        services.AddScoped<OneSeal.Counter.Results.PickupCodes>();
        services.AddScoped<OneSeal.Counter.Results.ResultWindow>();
        services.AddScoped<OneSeal.Counter.Results.CaseCollection>();
        services.AddScoped<OneSeal.Cases.Machine.IUnpaidFees, OneSeal.Counter.Fees.UnpaidFees>();
        // The fee demand first: the pick-up code's message names the fee to pay.
        services.AddScoped<OneSeal.Cases.Decision.ICaseDecisionListener>(sp => sp.GetRequiredService<OneSeal.Counter.Fees.FeeDemands>());
        services.AddScoped<OneSeal.Cases.Decision.ICaseDecisionListener>(sp => sp.GetRequiredService<OneSeal.Counter.Results.PickupCodes>());
        // issue 11 — gaps: today's stand-ins held per instance (no query per staff write), the window chief's fee relief, themes admin
        services.AddSingleton<OneSeal.Hall.StandIn.StandInRoster>();
        services.AddScoped<OneSeal.Counter.Fees.FeeRelief>();
        services.AddScoped<OneSeal.Hall.Intake.ThemeAdmin>();
        // issue 12 — queue tickets and calling at the windows (Queue:* settings, see Queue/Tickets/QueueOptions.cs)
        services.AddSingleton(OneSeal.Queue.Tickets.QueueOptions.From(config));
        services.AddSingleton<OneSeal.Queue.Tickets.TicketRateLimit>();
        services.AddScoped<OneSeal.Queue.Tickets.QueueAnnouncer>();
        services.AddScoped<OneSeal.Queue.Tickets.TicketDesk>();
        services.AddScoped<OneSeal.Queue.Tickets.TicketExpiry>();
        services.AddHostedService<OneSeal.Queue.Tickets.TicketExpiryService>();
        services.AddScoped<OneSeal.Queue.Calling.WindowCalls>();
        services.AddScoped<OneSeal.Queue.Calling.QueuePanel>();
        services.AddScoped<OneSeal.Queue.Board.IQueueBoard, OneSeal.Queue.Calling.TicketBoard>();
        services.AddScoped<OneSeal.Queue.Tickets.IServedTickets, OneSeal.Queue.Tickets.ServedTickets>();
        // issue 12 — signals for live pages: LISTEN/NOTIFY across instances on PostgreSQL, in process on SQLite (one instance)
        if (DatabaseSetup.ProviderOf(config) == DatabaseProvider.Postgres)
            services.AddSingleton<OneSeal.Platform.Signals.ISignals, OneSeal.Platform.Signals.PostgresSignals>();
        else
            services.AddSingleton<OneSeal.Platform.Signals.ISignals, OneSeal.Platform.Signals.InProcessSignals>();
        // issue 12 — the display board and window screens
        services.AddSingleton<OneSeal.Queue.Board.BoardStreams>();
        // issue 12 — appointments: slots, real-name booking, check-in for tickets, the no-show and reminder sweep
        services.AddSingleton(OneSeal.Queue.Appointments.AppointmentOptions.From(config));
        services.AddScoped<OneSeal.Queue.Appointments.AppointmentSlots>();
        services.AddScoped<OneSeal.Queue.Appointments.AppointmentBooking>();
        services.AddScoped<OneSeal.Queue.Appointments.AppointmentCheckIn>();
        services.AddScoped<OneSeal.Queue.Tickets.IAppointmentCheckIn>(sp => sp.GetRequiredService<OneSeal.Queue.Appointments.AppointmentCheckIn>());
        services.AddScoped<OneSeal.Queue.Appointments.AppointmentAdmin>();
        services.AddScoped<OneSeal.Queue.Appointments.AppointmentSweep>();
        services.AddHostedService<OneSeal.Queue.Appointments.AppointmentSweepService>();
        services.AddSingleton<OneSeal.Queue.Appointments.AppointmentRateLimit>();
        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(o =>
            o.AddPolicy<string, OneSeal.Queue.Appointments.AppointmentRateLimit>(OneSeal.Queue.Appointments.AppointmentRateLimit.Policy));
        // issue 12 — the window's rating device (评价器)
        services.AddScoped<OneSeal.Ratings.RatingDevices>();
        services.AddScoped<OneSeal.Ratings.WindowRatings>();
        services.AddSingleton<OneSeal.Ratings.RatingOptionsCache>();
        services.AddScoped<OneSeal.Ratings.RatingQueries>();
        // issue 12 — queue statistics
        services.AddScoped<OneSeal.Queue.Stats.QueueStats>();
        // issue 13 — policy pushed the other way: departments publish, a section chief signs (签收), touched items 待复核
        services.AddScoped<OneSeal.Catalog.Reviews.ItemReviews>();
        services.AddScoped<OneSeal.Supervision.Policies.PolicyCommands>();
        services.AddScoped<OneSeal.Supervision.Policies.PolicyQueries>();
        services.AddScoped<OneSeal.Platform.Storage.IStoredFileOwner, OneSeal.Supervision.Policies.PolicyFiles>();
        // issue 13 — subscriptions and webhooks (Webhooks:* settings, ADR 0014)
        OneSeal.Exchange.Webhooks.WebhooksSetup.AddWebhooks(services);
        // issue 13 — supervision (审管互动): pushes in the decision's and the revocation's transaction, claiming, records,
        // verification, the daily digest (Supervision:* settings, see Supervision/SupervisionOptions.cs)
        services.AddSingleton(OneSeal.Supervision.SupervisionOptions.From(config));
        services.AddScoped<OneSeal.Supervision.Pushes.DecisionPushes>();
        services.AddScoped<OneSeal.Cases.Decision.ICaseDecisionListener>(sp => sp.GetRequiredService<OneSeal.Supervision.Pushes.DecisionPushes>());
        services.AddScoped<OneSeal.Seal.ICertificateRevocationListener>(sp => sp.GetRequiredService<OneSeal.Supervision.Pushes.DecisionPushes>());
        services.AddScoped<OneSeal.Supervision.Pushes.PushCommands>();
        services.AddScoped<OneSeal.Supervision.Records.RecordCommands>();
        services.AddScoped<OneSeal.Supervision.Verification.VerificationCommands>();
        services.AddScoped<OneSeal.Supervision.SupervisionQueries>();
        services.AddScoped<OneSeal.Supervision.Digest.SupervisionDigest>();
        services.AddHostedService<OneSeal.Supervision.Digest.SupervisionDigestService>();
        // issue 13 — exchange: events recorded by the case and certificate commands, the pull feed, the RabbitMQ broker
        services.AddScoped<OneSeal.Seal.ICertificateRevocationListener, OneSeal.Cases.CertificateRevocationEvents>();
        services.AddScoped<OneSeal.Exchange.Feed.EventFeed>();
        services.AddSingleton(OneSeal.Exchange.Broker.BrokerOptions.From(config));
        services.AddSingleton<OneSeal.Exchange.Broker.BrokerChannel>();
        services.AddScoped<OneSeal.Exchange.Broker.BrokerPublisher>();
        if (OneSeal.Exchange.Broker.BrokerOptions.From(config).Enabled) services.AddHostedService<OneSeal.Exchange.Broker.BrokerJob>();
    }

    public static async Task MigrateAndSeedAsync(this WebApplication app, bool seed)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<MigrationRunner>().MigrateAsync();
        var db = sp.GetRequiredService<OneSealDb>();
        await OneSeal.Cases.Forms.LegacyFormProtection.RunAsync(db, sp.GetRequiredService<PersonalData>(), Instants.Now(sp.GetRequiredService<TimeProvider>()), CancellationToken.None);
        await OneSeal.Platform.Audit.AuditAnchoring.SignExistingAsync(db, sp.GetRequiredService<OneSeal.Platform.Audit.AuditKeys>(), CancellationToken.None);
        await NationalHolidays.SeedAsync(db, sp.GetRequiredService<TimeProvider>(), CancellationToken.None);
        await sp.GetRequiredService<WorkingDayClock>().ReloadAsync(db, CancellationToken.None);
        var clock = sp.GetRequiredService<TimeProvider>();
        if (seed && IsDemo(app.Configuration))
            await CatalogSeed.SeedAsync(db, clock, CancellationToken.None);
        // Versions that took effect while the app was down; any version saved without its search keys (older data, a
        // direct import) becomes searchable.
        await OneSeal.Catalog.Versions.CatalogActivation.ActivateAsync(db, LegalDates.Today(clock), Instants.Now(clock), CancellationToken.None);
        await db.CommitAsync(CancellationToken.None);
        await OneSeal.Catalog.Search.ItemSearchIndex.SyncAsync(db, LegalDates.Today(clock), CancellationToken.None);
        if (seed && IsDemo(app.Configuration))
        {
            // issue 10 — organisations and windows: the demo county's regions, service centre, hall, service points and windows
            // (the organisations first: issue 11's department staff are placed in the sections seeded there)
            await OneSeal.Organisation.DemoData.OrganisationSeed.SeedAsync(db, clock, CancellationToken.None);
            await DemoAccounts.SeedAsync(db, sp.GetRequiredService<PersonalData>(), sp.GetRequiredService<OneSeal.Organisation.Accounts.PasswordHashing>(),
                sp.GetRequiredService<TimeProvider>(), CancellationToken.None);
            await OneSeal.Hall.DemoWindows.SeedAsync(db, clock, CancellationToken.None);
            // issue 11 — department windows: the seals of the departments that approve at their own windows
            await OneSeal.Seal.Administration.DemoSeals.SeedAsync(db, sp.GetRequiredService<OneSeal.Seal.SealKeyStore>(), clock, CancellationToken.None);
            // issue 11 — walk-in applications: which departments' items each hall theme takes
            await OneSeal.Hall.Intake.DemoThemeDepartments.SeedAsync(db, CancellationToken.None);
            // issue 11 — the window chief's powers: winchief holds all five
            await OneSeal.Hall.Chief.WindowChiefPowers.SeedDemoAsync(db, clock, CancellationToken.None);
        }
        // issue 10 — applicants: clear phones of older applicant accounts move to encrypted + keyed-hash columns
        await OneSeal.Organisation.Applicants.ApplicantLookupBackfill.RunAsync(db, sp.GetRequiredService<PersonalData>(),
            sp.GetRequiredService<LookupHash>(), Instants.Now(clock), CancellationToken.None);
    }

    /// <summary><c>OneSeal:Mode</c> = Demo seeds the demo county; Production (the default) seeds nothing.</summary>
    public static bool IsDemo(IConfiguration config) =>
        string.Equals(config["OneSeal:Mode"], "Demo", StringComparison.OrdinalIgnoreCase);

    public static async Task<int> CreateAdminAsync(this WebApplication app, string username)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        return await CreateAdmin.RunAsync(sp.GetRequiredService<OneSealDb>(), username,
            Environment.GetEnvironmentVariable("ONESEAL_ADMIN_PASSWORD"), sp.GetRequiredService<TimeProvider>(), CancellationToken.None);
    }

    /// <summary><c>--verify-audit</c>: verifies and records; exit code 0 intact, 1 broken, 2 could not verify.</summary>
    public static async Task<int> VerifyAuditAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await OneSeal.Platform.Audit.AuditCommandLine.RunAsync(scope.ServiceProvider.GetRequiredService<OneSeal.Platform.Audit.AuditCheck>(), Console.Out);
    }

    public static void UseOneSeal(this WebApplication app)
    {
        app.UseOneSealRequestLogging();
        app.UseSecurityHeaders();
        app.UseOneSealProblems();
        app.UseRequestLocalization(o =>
        {
            // Simplified Chinese first; English follows through Resources/Ui.en.resx (?culture=en or the cookie).
            o.SetDefaultCulture("zh-CN").AddSupportedCultures("zh-CN", "en").AddSupportedUICultures("zh-CN", "en");
            // Chinese first whatever the browser's Accept-Language says; English only when chosen (/culture).
            o.RequestCultureProviders = o.RequestCultureProviders
                .Where(p => p is not Microsoft.AspNetCore.Localization.AcceptLanguageHeaderRequestCultureProvider).ToList();
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseCaseLogContext();
        app.UseRateLimiter();
        app.UseRequestBodyLimits();
        app.UseRequestTextRules();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        // issue 13 — OpenAPI lint: /health is for load balancers, not part of the contract other systems build clients from
        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).WithName("getHealth").WithSummary("Health check").AllowAnonymous().ExcludeFromDescription();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(o => { o.SwaggerEndpoint("/openapi/v1.json", "OneSeal API v1"); o.RoutePrefix = "api-docs"; });
        app.MapRazorPages();
        app.MapAuthApi();
        app.MapCatalogApi();
        app.MapGuideDocuments();
        OneSeal.Catalog.Editing.CatalogAdminApi.MapCatalogAdminApi(app);
        OneSeal.Catalog.Transfers.TransfersApi.MapTransfersApi(app);
        OneSeal.Catalog.Reform.ReformApi.MapReformApi(app);
        OneSeal.Catalog.Exchange.CatalogExchangeApi.MapCatalogExchangeApi(app);
        app.MapCasesApi();
        app.MapCalendarApi();
        app.MapCalendarAdminApi();
        app.MapSealApi();
        app.MapNoticesApi();
        // issue 10 — organisations and windows
        OneSeal.Organisation.Admin.OrganisationsApi.MapOrganisationsApi(app);
        OneSeal.Hall.WindowsApi.MapWindowsApi(app);
        OneSeal.Hall.Seats.WindowSeatsApi.MapWindowSeatsApi(app);
        // issue 11 — walk-in applications
        OneSeal.Hall.WalkIn.WalkInApi.MapWalkInApi(app);
        // issue 10 — sign-in security
        app.MapSecurityAdminApi();
        // issue 10 — administrators, audit, seals
        OneSeal.Organisation.ThreeAdministrators.ThreeAdministratorsGuard.UseThreeAdministratorsGuard(app);
        app.UseInitialPasswordGate();
        OneSeal.Organisation.Auditing.AuditApi.MapAuditApi(app);
        OneSeal.Seal.Administration.SealAdminApi.MapSealAdminApi(app);
        // issue 10 — staff
        OneSeal.Organisation.Staff.StaffApi.MapStaffApi(app);
        // issue 10 — applicants
        OneSeal.Organisation.Applicants.AccountsApi.MapAccountsApi(app);
        OneSeal.Organisation.Applicants.AgentsApi.MapAgentsApi(app);
        // issue 11 — the window chief's powers and A/B posts (B's writing requests act as “B（代 A）”)
        OneSeal.Hall.StandIn.StandInNames.UseStandInNames(app);
        OneSeal.Hall.Chief.HallChiefApi.MapHallChiefApi(app);
        OneSeal.Cases.WindowChief.WindowChiefApi.MapWindowChiefApi(app);
        // issue 11 — search, notice print view, enquiries (首问登记)
        OneSeal.Hall.Enquiries.EnquiriesApi.MapEnquiriesApi(app);
        // issue 11 — results and fees
        OneSeal.Counter.Results.ResultsApi.MapResultsApi(app);
        OneSeal.Counter.Fees.FeesApi.MapFeesApi(app);
        // issue 11 — gaps: the theme–department mapping (/admin/themes)
        OneSeal.Hall.Intake.ThemeAdminApi.MapThemeAdminApi(app);
        // issue 12 — queue tickets and calling at the windows
        OneSeal.Queue.Tickets.TicketsApi.MapTicketsApi(app);
        OneSeal.Queue.Calling.CallingApi.MapCallingApi(app);
        // issue 12 — the display board and window screens
        OneSeal.Queue.Board.BoardApi.MapBoardApi(app);
        // issue 12 — appointments
        OneSeal.Queue.Appointments.AppointmentsApi.MapAppointmentsApi(app);
        // issue 12 — the window's rating device (评价器)
        OneSeal.Ratings.RatingsApi.MapRatingsApi(app);
        // issue 12 — queue statistics
        OneSeal.Queue.Stats.QueueStatsApi.MapQueueStatsApi(app);
        // issue 13 — policy pushed the other way
        OneSeal.Supervision.Policies.PoliciesApi.MapPoliciesApi(app);
        // issue 13 — subscriptions and webhooks
        OneSeal.Exchange.Webhooks.SubscriptionsApi.MapSubscriptionsApi(app);
        // issue 13 — supervision (审管互动)
        OneSeal.Supervision.SupervisionApi.MapSupervisionApi(app);
        // issue 13 — exchange: the pull feed
        OneSeal.Exchange.Feed.EventFeedApi.MapEventFeedApi(app);
    }
}
