namespace OneSeal.Ratings;

/// <summary>The five levels of GB/T 39734-2020 (政务服务评价工作指南), stored as their score 5 … 1.</summary>
public enum RatingLevel
{
    VeryDissatisfied = 1,
    Dissatisfied = 2,
    Basic = 3,
    Satisfied = 4,
    VerySatisfied = 5,
}

/// <summary>Where a rating was given. The window device (评价器) comes with the queue; online, SMS link and kiosk follow.</summary>
public enum RatingChannel
{
    /// <summary>窗口评价器: the tablet facing the applicant at the window.</summary>
    WindowDevice,
}

public static class RatingLevels
{
    /// <summary>Resource keys (Chinese) of the levels, best first as the device shows them.</summary>
    public static string Label(RatingLevel level) => level switch
    {
        RatingLevel.VerySatisfied => "非常满意",
        RatingLevel.Satisfied => "满意",
        RatingLevel.Basic => "基本满意",
        RatingLevel.Dissatisfied => "不满意",
        _ => "非常不满意",
    };

    /// <summary>差评: the last two levels; they open a work order (the ratings issue builds its follow-up).</summary>
    public static bool IsBad(RatingLevel level) => level <= RatingLevel.Dissatisfied;
}
