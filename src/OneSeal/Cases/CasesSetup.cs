using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OneSeal.Cases;

public static class CasesSetup
{
    /// <summary>The case machine's context loader, and the uploaded materials' folder for the orphan-file sweep.</summary>
    public static IServiceCollection AddOneSealCaseMachine(this IServiceCollection s)
    {
        s.AddScoped<Machine.CaseContexts>();
        s.TryAddEnumerable(ServiceDescriptor.Scoped<Platform.Storage.IStoredFileOwner, Materials.MaterialFiles>());
        return s;
    }
}
