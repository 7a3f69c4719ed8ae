using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;
using OneSeal.Seal;

namespace OneSeal.Cases;

/// <summary>The holder downloading the electronic certificate is electronic delivery (电子送达) of the case's result.</summary>
internal sealed class CaseDelivery(CaseCommands cases, OneSealDb db) : ICertificateDeliveryListener
{
    public async Task OnHolderDownloadedAsync(Certificate c, Actor a, CancellationToken ct)
    {
        if (await db.Set<Case>().AnyAsync(x => x.Id == c.CaseId && x.Status == CaseStatus.CertificateIssued, ct))
            await cases.MarkDeliveredAsync(a, c.CaseId, "电子送达：申请人下载电子证照", ct);
    }
}
