# glmnet fits with per-feature options, for make_penalty_option_references.py.
# Usage: Rscript datasets/reference/penalty_options_glmnet.R <svmlight file> <family gaussian|binomial> <alpha> \
#          <lambdas, comma-separated> <penalty factors, comma-separated or "-"> <lower limits or "-"> <upper limits or "-"> \
#          <standardize TRUE|FALSE> <sparse TRUE|FALSE>
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
for (lam in lams) {
  fit <- glmnet(X, yy, family = family, alpha = a, lambda = lam, standardize = std, intercept = TRUE,
                penalty.factor = pf, lower.limits = lo, upper.limits = up, thresh = 1e-14, maxit = 1e7)
  b <- as.numeric(coef(fit)) * (if (family == "gaussian") yscale else 1)
  cat(sprintf('{"lambda": %.17g, "intercept": %.17g, "coef": [%s], "npasses": %d, "glmnet_version": "%s", "r_version": "%s", "matrix_version": "%s"}\n',
              lam, b[1], paste(sprintf("%.17g", b[-1]), collapse = ", "), fit$npasses,
              as.character(packageVersion("glmnet")), paste(R.version$major, R.version$minor, sep = "."),
              as.character(packageVersion("Matrix"))))
}
