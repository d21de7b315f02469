# glmnet fits with per-feature options, for make_penalty_option_references.py.
# Usage: Rscript datasets/reference/penalty_options_glmnet.R <svmlight file> <family gaussian|binomial|poisson|gamma> <alpha> \
#          <lambdas, comma-separated> <penalty factors, comma-separated or "-"> <lower limits or "-"> <upper limits or "-"> \
#          <standardize TRUE|FALSE> <sparse TRUE|FALSE> [<y scale> [<mode fit|path|cv> <nlambda> <lambda.min.ratio> [<foldid file> <type.measure>]]]
# Prints one JSON line per lambda: intercept, coefficients (original scale), passes, versions.
# Gaussian pitfall (shared/peers/README.md): glmnet divides y by its (1/n) standard deviation s; the caller passes y
# already divided by s and lambda, alpha mapped so that the elastic net's ridge part is unchanged, and rescales back.
suppressMessages(library(glmnet))
suppressMessages(library(Matrix))
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]; family <- args[2]; a <- as.numeric(args[3])
lams <- as.numeric(strsplit(args[4], ",")[[1]])
vec <- function(s) if (s == "-") NULL else as.numeric(strsplit(s, ",")[[1]])
pf <- vec(args[5]); lo <- vec(args[6]); up <- vec(args[7])
std <- as.logical(args[8]); sparse <- as.logical(args[9])
yscale <- if (length(args) >= 10) as.numeric(args[10]) else 1

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "read_svmlight.R"))
d <- read_svmlight(path); y <- d$y; ii <- d$i; jj <- d$j; vv <- d$x
p <- max(jj)
X <- if (sparse) sparseMatrix(i = ii, j = jj, x = vv, dims = c(length(y), p)) else { M <- matrix(0, length(y), p); M[cbind(ii, jj)] <- vv; M }
if (is.null(pf)) pf <- rep(1, p)
if (is.null(lo)) lo <- rep(-Inf, p)
if (is.null(up)) up <- rep(Inf, p)
yy <- if (family == "binomial") factor(y) else y / yscale
# Paths and cross-validation (make_path_option_references.py): argument 11 is the mode, "fit" (default, the loop below),
# "path" (glmnet's own grid: arguments 12-13 nlambda and lambda.min.ratio) or "cv" (cv.glmnet on that grid with the
# fold ids of the file in argument 14, one per line, and type.measure argument 15). Poisson's inner Newton is tightened.
mode <- if (length(args) >= 11) args[11] else "fit"
if (family %in% c("poisson", "gamma")) glmnet.control(epsnr = 1e-13, mxitnr = 10000)
# "gamma" is R's family object Gamma(link = "log"): glmnet then minimises (1/2n) deviance + the penalty, the deviance
# 2 sum (y/mu - log(y/mu) - 1), i.e. OptSuite's (1/n) sum (y e^-z + z) up to a constant in y.
fam <- if (family == "gamma") Gamma(link = "log") else family
if (mode != "fit") {
  nlam <- as.integer(args[12]); ratio <- as.numeric(args[13])
  fmt <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
  versions <- sprintf('"glmnet_version": "%s", "r_version": "%s", "matrix_version": "%s"', as.character(packageVersion("glmnet")),
                      paste(R.version$major, R.version$minor, sep = "."), as.character(packageVersion("Matrix")))
  call_path <- function(...) glmnet(X, yy, family = fam, alpha = a, nlambda = nlam, lambda.min.ratio = ratio, standardize = std,
                                    intercept = TRUE, penalty.factor = pf, lower.limits = lo, upper.limits = up, thresh = 1e-14, maxit = 1e7, ...)
  if (mode == "path") {
    fit <- call_path()
  } else {
    foldid <- as.integer(readLines(args[14]))
    # With lambda = NULL cv.glmnet lets every fold generate its own grid and interpolates the folds' coefficients at the
    # full path's lambdas; given the full path's lambdas, every fold solves at exactly those (OptSuite's convention).
    cv <- cv.glmnet(X, yy, family = fam, alpha = a, lambda = call_path()$lambda, standardize = std, intercept = TRUE,
                    penalty.factor = pf, lower.limits = lo, upper.limits = up, thresh = 1e-14, maxit = 1e7, foldid = foldid,
                    type.measure = args[15], grouped = TRUE)
    fit <- cv$glmnet.fit
    cat(sprintf('{"cv_lambda": [%s], "cvm": [%s], "cvsd": [%s], "lambda_min": %.17g, "lambda_1se": %.17g}\n',
                fmt(cv$lambda), fmt(cv$cvm), fmt(cv$cvsd), cv$lambda.min, cv$lambda.1se))
  }
  B <- as.matrix(coef(fit))   # for yy (y / y scale): the caller fits y / y scale too
  rows <- sapply(seq_along(fit$lambda), function(k) sprintf("[%s]", fmt(B[, k])))
  cat(sprintf('{"lambda": [%s], "coef": [%s], "dev_ratio": [%s], "npasses": %d, %s}\n', fmt(fit$lambda),
              paste(rows, collapse = ", "), fmt(fit$dev.ratio), fit$npasses, versions))
  quit(save = "no")
}
for (lam in lams) {
  fit <- glmnet(X, yy, family = fam, alpha = a, lambda = lam, standardize = std, intercept = TRUE,
                penalty.factor = pf, lower.limits = lo, upper.limits = up, thresh = 1e-14, maxit = 1e7)
  b <- as.numeric(coef(fit)) * (if (family == "gaussian") yscale else 1)
  cat(sprintf('{"lambda": %.17g, "intercept": %.17g, "coef": [%s], "npasses": %d, "glmnet_version": "%s", "r_version": "%s", "matrix_version": "%s"}\n',
              lam, b[1], paste(sprintf("%.17g", b[-1]), collapse = ", "), fit$npasses,
              as.character(packageVersion("glmnet")), paste(R.version$major, R.version$minor, sep = "."),
              as.character(packageVersion("Matrix"))))
}
