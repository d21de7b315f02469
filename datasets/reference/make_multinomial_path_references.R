# Multinomial lasso / elastic-net paths (issue 19, "multinomial logistic path (glmnet family multinomial)"):
# multinomial_path.json, read by tests/OptSuite.Tests/Models/Paths/MultinomialPathTests.cs.
#
#   glmnet(X, y, family = "multinomial", alpha = a, standardize = FALSE, thresh = 1e-14, maxit = 1e7)   # glmnet 4.1-6
#
# on datasets/multiclass/iris.svm (150 x 4, 3 classes), alpha = 1 and 0.5, glmnet's own grid (nlambda = 100,
# lambda.min.ratio = 1e-4 as n > p; the path may stop early). glmnet's objective is OptSuite's:
# -(1/n) sum_i log p_{i,y_i} + lambda (alpha ||B||_1 + (1 - alpha)/2 ||B||_F^2), intercepts unpenalised; type.multinomial
# = "ungrouped" (the default) is the elementwise L1. Recorded: lambda (all), and at every 10th point the p x k
# coefficients (row-major j*k + c), the intercepts a0 (glmnet centres them), dev.ratio and the objective re-scored in R.
#
# Run: Rscript datasets/reference/make_multinomial_path_references.R
suppressMessages(library(glmnet))
here <- dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))))
repo <- dirname(dirname(here))
path <- file.path(repo, "datasets", "multiclass", "iris.svm")
source(file.path(here, "read_svmlight.R"))
d <- dense_svmlight(path); X <- d$X; y <- d$y
num <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
records <- c()
for (a in c(1, 0.5)) {
  fit <- glmnet(X, factor(y), family = "multinomial", alpha = a, standardize = FALSE, thresh = 1e-14, maxit = 1e7)
  k <- length(fit$beta); p <- ncol(X)
  pts <- c()
  for (t in seq(1, length(fit$lambda), by = 10)) {
    B <- sapply(1:k, function(c) as.numeric(fit$beta[[c]][, t]))   # p x k
    S <- X %*% B + matrix(fit$a0[, t], nrow(X), k, byrow = TRUE)
    m <- apply(S, 1, max)
    lse <- m + log(rowSums(exp(S - m)))
    cls <- as.integer(factor(y))
    data_term <- mean(lse - S[cbind(seq_len(nrow(X)), cls)])
    objective <- data_term + fit$lambda[t] * (a * sum(abs(B)) + (1 - a) / 2 * sum(B^2))
    pts <- c(pts, sprintf('{"index": %d, "lambda": %.17g, "w": [%s], "a0": [%s], "dev_ratio": %.17g, "objective": %.17g}',
                          t - 1, fit$lambda[t], num(as.numeric(t(B))), num(fit$a0[, t]), fit$dev.ratio[t], objective))
  }
  records <- c(records, sprintf(paste0('{"problem": "multinomial_path_iris_a%s", "data": "datasets/multiclass/iris.svm", "alpha": %.17g, ',
    '"tool": "glmnet %s, R %s.%s", "command": "glmnet(X, factor(y), family = \\"multinomial\\", alpha = %s, standardize = FALSE, thresh = 1e-14, maxit = 1e7)", ',
    '"tolerance": "lambda to 1e-12; objective to 1e-8 relative (OptSuite never above); coefficients and centred intercepts to 1e-4 of max |w|", ',
    '"lambda": [%s], "points": [%s]}'),
    a, a, as.character(packageVersion("glmnet")), R.version$major, R.version$minor, a, num(fit$lambda), paste(pts, collapse = ", ")))
}
writeLines(paste0("[", paste(records, collapse = ",\n"), "]"), file.path(here, "multinomial_path.json"))
