using OneSeal.Tests.Infrastructure;
using OneSeal.Tests.Organisation.Applicants;

namespace OneSeal.Tests.Organisation;

/// <summary>
/// What a production install starts from, for tests: the system administrator made on the command line (never from the
/// web), and the code a citizen reads from the text the SMS gateway received.
/// </summary>
public static class OpeningKit
{
    /// <summary>Runs <c>OneSeal.dll --create-admin</c> against the app's database and data folder, as an operator would.</summary>
    public static async Task CreateAdminOnCommandLineAsync(OneSealFactory app, string username, string password)
    {
        var (exitCode, output) = await RunCreateAdminAsync(app, username, password);
        exitCode.ShouldBe(0, output);
    }

    /// <summary>Runs <c>--create-admin</c> and returns its exit code and output, for the refusals.</summary>
    public static Task<(int ExitCode, string Output)> RunCreateAdminAsync(OneSealFactory app, string username, string password) =>
        AppProcess.RunAsync(["--create-admin", username], new()
        {
            ["ConnectionStrings__Default"] = app.Database.ConnectionString,
            ["Database__Provider"] = app.Provider.ToString(),
            ["OneSeal__Mode"] = "Production",
            ["OneSeal__DataRoot"] = app.DataRoot,
            ["ONESEAL_ADMIN_PASSWORD"] = password,
        }, app.DataRoot);

    /// <summary>The code in the newest text <paramref name="gateway"/> received for <paramref name="phone"/> (the outbox sends it after the commit).</summary>
    public static async Task<string> TextedCodeAsync(OneSealFactory app, SmsGatewayStub gateway, string phone)
    {
        await app.RunOutboxAsync(OneSeal.Platform.Sms.SmsOutboxHandler.Topic);
        var text = gateway.Requests.Reverse().FirstOrDefault(r => r.Body.GetProperty("phone").GetString() == phone);
        text.ShouldNotBeNull($"no text reached the gateway for {phone}");
        return ApplicantKit.CodeIn(text.Body.GetProperty("text").GetString()!);
    }
}
