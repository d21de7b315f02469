using OptSuite.Data;
using OptSuite.Models;

// Lasso and logistic regression on two small data sets shipped in the repository's datasets/ folder.
var train = SvmlightReader.Read(DatasetLocator.Find("regression/prostate_train.svm"));
var test = SvmlightReader.Read(DatasetLocator.Find("regression/prostate_test.svm"),
    new SvmlightReaderOptions { FeatureCount = train.Columns });
var lasso = new Lasso { Lambda = 0.05 }.Fit(train.Features, train.Labels);
Console.WriteLine($"lasso: {lasso.Report}; {lasso.NonZeroCoefficients} non-zeros; test R² = {lasso.Score(test.Features, test.Labels):F3}");

var heart = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));
var logistic = new LogisticRegression { C = 1 }.Fit(heart.Features, heart.Labels);
Console.WriteLine($"logistic: {logistic.Report}; training accuracy = {logistic.Score(heart.Features, heart.Labels):F3}");

// A fit that did not certify its tolerance is a failure for this sample (and for CI, which runs it).
return lasso.Report!.Converged && logistic.Report!.Converged ? 0 : 1;
