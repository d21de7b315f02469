namespace OptSuite.Models;

/// <summary>How <see cref="MulticlassSvm"/> combines classes.</summary>
public enum MulticlassStrategy
{
    /// <summary>One joint problem with the Crammer–Singer multiclass hinge loss (LIBLINEAR -s 4).</summary>
    CrammerSinger,

    /// <summary>k binary SVMs, class c against the rest; the prediction is the class with the largest score.</summary>
    OneVsRest,
}
