namespace OneSeal.Organisation;

public static class OrganisationLabels
{
    public static string Of(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Bureau => "行政审批局",
        OrganisationKind.Department => "行政主管部门",
        OrganisationKind.Section => "科室",
        OrganisationKind.ServiceCentre => "政务服务中心",
        OrganisationKind.Hall => "大厅（分厅）",
        OrganisationKind.ServicePoint => "便民服务中心（代办点）",
        _ => kind.ToString(),
    };
}
