using OneSeal.Platform.Jobs;

namespace OneSeal.Exchange.Webhooks;

/// <summary>The webhook job: every <c>Webhooks:DispatchSeconds</c> (default 5; 0 = off, as in the tests, which run it themselves).</summary>
public sealed class WebhookDispatchService(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config, ILogger<WebhookDispatchService> log)
    : LeasedJobService(scopes, clock, config, log)
{
    protected override string LeaseName => "webhooks.dispatch";
    protected override string IntervalSetting => "Webhooks:DispatchSeconds";
    protected override int DefaultSeconds => 5;

    protected override Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct) =>
        services.GetRequiredService<WebhookDispatcher>().RunOnceAsync(now, ct);
}

public static class WebhooksSetup
{
    /// <summary>Subscriptions and webhooks (issue 13 §3); settings under <c>Webhooks:</c> (see ADR 0014).</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<CallbackUrls>();
        services.AddSingleton<WebhookHttp>();
        services.AddSingleton<WebhookSecrets>();
        services.AddScoped<SubscriptionAdmin>();
        services.AddScoped<WebhookMatcher>();
        services.AddScoped<WebhookSender>();
        services.AddScoped<WebhookDispatcher>();
        services.AddScoped<IWebhookSm2Signer, BureauSealSigner>();
        services.AddHostedService<WebhookDispatchService>();
        return services;
    }
}
