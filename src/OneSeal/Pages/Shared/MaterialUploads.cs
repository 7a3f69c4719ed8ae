using OneSeal.Cases;
using OneSeal.Catalog;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Pages;

/// <summary>
/// The file inputs of a multipart form are named <c>material_{code}</c>, one per item material. Each chosen file goes
/// through <see cref="CaseCommands.UploadMaterialAsync"/> (which checks type, content and the 20 MB limit); a refusal is
/// reported against that input, prefixed with the material's name, and the other files still go through.
/// </summary>
public static class MaterialUploads
{
    /// <summary>Limit of a whole form with several files; each file is still checked against the per-file rule.</summary>
    public const long MaxFormBytes = 200L * 1024 * 1024;

    public static string InputName(string materialCode) => "material_" + materialCode;

    public static bool AnyChosen(IFormFileCollection files) => files.Any(f => !string.IsNullOrEmpty(f.FileName));

    public static async Task<(int Uploaded, List<(string Key, string Message)> Errors)> UploadAsync(
        CaseCommands cases, Actor actor, Guid caseId, IEnumerable<ItemMaterial> materials, IFormFileCollection files, CancellationToken ct,
        Func<ItemMaterial, PaperCheck?>? paper = null)
    {
        var uploaded = 0;
        var errors = new List<(string, string)>();
        foreach (var m in materials)
        {
            var file = files.GetFile(InputName(m.Code));
            if (file is null || string.IsNullOrEmpty(file.FileName)) continue;
            try
            {
                await using var stream = file.OpenReadStream();
                await cases.UploadMaterialAsync(actor, caseId, m.Code, file.FileName, stream, file.Length, ct, paper?.Invoke(m));
                uploaded++;
            }
            catch (DomainException e) when (e is InvalidInputException or TooLargeException)
            {
                errors.Add((InputName(m.Code), $"“{m.Name}”：{e.Message}"));
            }
        }
        return (uploaded, errors);
    }
}
