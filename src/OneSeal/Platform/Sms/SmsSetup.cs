namespace OneSeal.Platform.Sms;

public static class SmsSetup
{
    /// <summary>The gateway sender when <c>OneSeal:Sms:Url</c> is set, else the development outbox.</summary>
    public static IServiceCollection AddSms(this IServiceCollection services, IConfiguration config, bool demo)
    {
        var options = SmsOptions.From(config, demo);
        services.AddSingleton(options);
        services.AddScoped<SmsQueue>();
        services.AddScoped<DevSmsOutbox>();
        services.AddScoped<Outbox.IOutboxHandler, SmsOutboxHandler>();
        if (options.UsesGateway)
            services.AddHttpClient<ISmsSender, HttpSmsSender>(http => http.Timeout = TimeSpan.FromSeconds(10));
        else
            services.AddScoped<ISmsSender, DevSmsSender>();
        return services;
    }
}
