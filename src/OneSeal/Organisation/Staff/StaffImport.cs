using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Spreadsheets;
using OneSeal.Platform.Time;

namespace OneSeal.Organisation.Staff;

/// <summary>One problem of an imported row: the row as Excel numbers it, the column's header, a Chinese message.</summary>
public sealed record StaffImportError(int Row, string? Column, string Message);

/// <summary>An imported account with its one-time initial password, shown once to the administrator and never stored in clear.</summary>
public sealed record ImportedStaff(int Row, Guid Id, string Username, string DisplayName, string InitialPassword);

/// <summary>400: at least one row failed; nothing was written.</summary>
public sealed class StaffImportRejectedException(IReadOnlyList<StaffImportError> errors)
    : DomainException($"导入失败：{errors.Count} 处错误，未写入任何数据。")
{
    public IReadOnlyList<StaffImportError> Errors { get; } = errors;
    public override int StatusCode => 400;
    public override string Rule => "import-invalid";
}

/// <summary>
/// Staff from a workbook (first sheet; headers 用户名, 姓名, 工号, 所属机构, 角色, 手机 in row 1, in any order). Every row is
/// checked as the API checks one account; one bad row and nothing is written. Roles are the Chinese names, separated
/// by commas; the administrators are never imported. Each account gets a one-time initial password and must choose its own.
/// </summary>
public sealed class StaffImport(OneSealDb db, StaffAdmin admin, TimeProvider clock)
{
    public const long MaxBytes = 2 * 1024 * 1024;
    public const int MaxRows = 500;
    public static readonly IReadOnlyList<string> Headers = ["用户名", "姓名", "工号", "所属机构", "角色", "手机"];

    public async Task<IReadOnlyList<ImportedStaff>> RunAsync(Actor actor, Stream xlsx, CancellationToken ct)
    {
        StaffAccess.EnsureAdmin(actor);
        if (xlsx.Length == 0) throw new InvalidInputException("file", "required", "请选择要导入的 .xlsx 文件（文件为空）。");
        List<XlsxRow> rows;
        using (var book = XlsxBook.Open(xlsx, new XlsxLimits(MaxPartBytes: 20 * MaxBytes, MaxTotalBytes: 40 * MaxBytes, MaxRows + 1)))
            rows = book.SheetNames.Count == 0 ? [] : book.Rows(book.SheetNames[0]).ToList();
        if (rows.Count < 2) throw new InvalidInputException("file", "empty", "工作簿中没有工作人员数据：第 1 行为表头，从第 2 行起每行一人。");

        var errors = new List<StaffImportError>();
        var columns = ColumnsOf(rows[0], errors);
        if (errors.Count > 0) throw new StaffImportRejectedException(errors);
        var organisations = await db.Set<Agency>().AsNoTracking().ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, ct);
        var rowsIn = rows.Skip(1).Select(r => (r.Number, Cell: (Func<string, string?>)(h => StaffFields.Clean(r.Cells.GetValueOrDefault(columns[h])?.Text)))).ToList();
        var usernames = rowsIn.Select(r => r.Cell("用户名")).OfType<string>().ToList();
        var numbers = rowsIn.Select(r => r.Cell("工号")).OfType<string>().ToList();
        var takenNames = (await db.Set<Account>().Where(a => usernames.Contains(a.Username)).Select(a => a.Username).ToListAsync(ct)).ToHashSet();
        var takenNumbers = (await db.Set<Account>().Where(a => a.StaffNumber != null && numbers.Contains(a.StaffNumber)).Select(a => a.StaffNumber!).ToListAsync(ct)).ToHashSet();

        var accounts = new List<(int Row, Account Account)>();
        foreach (var (number, cell) in rowsIn)
        {
            void Error(string column, string? message) { if (message is not null) errors.Add(new StaffImportError(number, column, message)); }
            var username = cell("用户名");
            Error("用户名", StaffFields.UsernameProblem(username) ?? (takenNames.Contains(username!) ? "该用户名已被使用。" : null));
            Error("姓名", StaffFields.DisplayNameProblem(cell("姓名")));
            var staffNumber = cell("工号");
            Error("工号", StaffFields.StaffNumberProblem(staffNumber) ?? (staffNumber is not null && takenNumbers.Contains(staffNumber) ? "该工号已被其他工作人员使用。" : null));
            Error("手机", StaffFields.PhoneProblem(cell("手机")));
            var code = cell("所属机构");
            var organisation = code is null ? null : organisations.GetValueOrDefault(code);
            Error("所属机构", code is null ? "请填写所属机构的代码。"
                : organisation is null ? $"机构代码“{TextRules.Prefix(code, 32)}”不存在。"
                : organisation.ClosedAt is not null ? $"“{organisation.Name}”已撤销，不能再分配工作人员。" : null);
            var (roles, roleProblem) = ParseRoles(cell("角色"));
            Error("角色", roleProblem);
            if (username is not null) takenNames.Add(username);
            if (staffNumber is not null) takenNumbers.Add(staffNumber);
            if (errors.Count > 0) continue;
            var account = admin.NewAccount(username!, cell("姓名")!, roles, staffNumber, cell("手机"));
            account.OrganisationId = organisation!.Id;
            accounts.Add((number, account));
        }
        if (errors.Count > 0) throw new StaffImportRejectedException(errors);

        var result = new List<ImportedStaff>();
        var now = clock.Now();
        foreach (var (row, account) in accounts)
        {
            var password = InitialPassword();
            admin.SetInitialPassword(account, password);
            account.MustChangePassword = true;
            db.Add(account);
            db.Audit(actor, "staff.created", "account", account.Id.ToString(),
                $"导入 {account.Username}（{account.DisplayName}），角色：{StaffAdmin.Describe(account.Roles)}", now);
            result.Add(new ImportedStaff(row, account.Id, account.Username, account.DisplayName, password));
        }
        db.Audit(actor, "staff.imported", "staff", "xlsx", $"导入 {accounts.Count} 名工作人员", now);
        await db.CommitAsync(ct);
        return result;
    }

    private static Dictionary<string, int> ColumnsOf(XlsxRow header, List<StaffImportError> errors)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var cell in header.Cells.Values)
            if (Headers.Contains(cell.Text.Trim()) && !columns.TryAdd(cell.Text.Trim(), cell.Column))
                errors.Add(new StaffImportError(header.Number, cell.Text.Trim(), $"表头“{cell.Text.Trim()}”出现了两次。"));
        foreach (var missing in Headers.Where(h => !columns.ContainsKey(h)))
            errors.Add(new StaffImportError(header.Number, missing, $"缺少表头“{missing}”。请使用下载的模板。"));
        return columns;
    }

    /// <summary>The roles named in a cell (Chinese names, separated by commas or 、), or the problem with them.</summary>
    public static (List<string> Roles, string? Problem) ParseRoles(string? cell)
    {
        if (cell is null) return ([], "请填写至少一个角色。");
        var roles = new List<string>();
        foreach (var name in cell.Split([',', '，', '、', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var role = Roles.Staff.FirstOrDefault(r => RoleLabels.Of(r) == name || r == name);
            if (role is null) return ([], $"“{TextRules.Prefix(name, 32)}”不是工作人员的角色。可用的角色：{string.Join("、", Importable.Select(RoleLabels.Of))}。");
            if (Roles.Administrators.Contains(role)) return ([], "三员（系统管理员、安全管理员、安全审计员）不能通过导入创建。");
            if (!roles.Contains(role)) roles.Add(role);
        }
        if (roles.Count == 0) return ([], "请填写至少一个角色。");
        return (roles, Roles.SeparationProblem(roles));
    }

    public static IEnumerable<string> Importable => Roles.Staff.Where(r => !Roles.Administrators.Contains(r));

    /// <summary>16 characters from all four classes, without look-alikes (0/O, 1/l/I), passing the staff password policy.</summary>
    public static string InitialPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789", symbols = "#%+=?@";
        while (true)
        {
            var chars = new char[16];
            string[] sets = [upper, lower, digits, symbols];
            for (var i = 0; i < chars.Length; i++)
            {
                var set = i < sets.Length ? sets[i] : upper + lower + digits + symbols;
                chars[i] = set[RandomNumberGenerator.GetInt32(set.Length)];
            }
            RandomNumberGenerator.Shuffle(chars.AsSpan());
            var password = new string(chars);
            if (StaffFields.PasswordProblem(password, null) is null) return password;
        }
    }
}
