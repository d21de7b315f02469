# One penalised Tweedie (log link, power p in (1, 2), or 3) fit by glmnet, for make_tweedie_references.py.
# Usage: Rscript datasets/reference/tweedie_glmnet.R <svmlight file> <power> <alpha (L1 share)> <lambda> <scale 0|1>
# scale 1: every column x_j is mapped to (x_j - min x_j) / (max x_j - min x_j) first (as the generator does for cpusmall).
# Prints one line of JSON: coefficients, intercept, passes, versions. glmnet's objective for a glm family object is
# (1/2n) deviance + lambda (alpha ||w||_1 + (1 - alpha)/2 ||w||^2); the Tweedie family object is tweedie_log(p) of
# glm_families.R, so this is OptSuite's (1/n) sum l_p(y_i, z_i) + the same penalty up to a constant in y.
# Power 3 is R's own inverse.gaussian(link = "log") family (unit deviance (y - mu)^2 / (y mu^2), variance mu^3): the
# outside reference for the non-convex case. "deviance" in the output is glmnet's own deviance at its fit,
# (1 - dev.ratio) * nulldev, for the generator's check that (1/2n) deviance is OptSuite's data term plus that constant.
suppressMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]; p <- as.numeric(args[2]); a <- as.numeric(args[3]); lam <- as.numeric(args[4]); scale <- args[5] == "1"

here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(here, "read_svmlight.R"))
source(file.path(here, "glm_families.R"))   # tweedie_log(p)
d <- dense_svmlight(path); X <- d$X; y <- d$y
if (scale) {
  lo <- apply(X, 2, min); hi <- apply(X, 2, max)
  X <- sweep(sweep(X, 2, lo, "-"), 2, hi - lo, "/")
}

# The IRLS loop of glmnet.path stops on epsnr (default 1e-6 relative change); thresh (inner CD) must be below it.
glmnet.control(epsnr = 1e-13, mxitnr = 10000)
family <- if (p == 3) inverse.gaussian(link = "log") else tweedie_log(p)
fit <- glmnet(X, y, family = family, alpha = a, lambda = lam, standardize = FALSE, intercept = TRUE,
              thresh = 1e-16, maxit = 1e7)
b <- as.numeric(coef(fit))
cat(sprintf('{"intercept": %.17g, "coef": [%s], "npasses": %d, "deviance": %.17g, "glmnet_version": "%s", "r_version": "%s"}\n',
            b[1], paste(sprintf("%.17g", b[-1]), collapse = ", "), fit$npasses, (1 - fit$dev.ratio) * fit$nulldev,
            as.character(packageVersion("glmnet")), paste(R.version$major, R.version$minor, sep = ".")))
