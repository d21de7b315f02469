namespace OptSuite.Models;

/// <summary>An estimator whose penalty family is an option (L2, L1 or elastic net), so the registry can bind --penalty.</summary>
internal interface IPenaltyChoice
{
    Penalty Penalty { get; set; }
}
