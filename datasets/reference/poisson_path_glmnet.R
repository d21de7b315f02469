# glmnet's own log-link GLM path on a data set, for make_poisson_path_references.py.
# Usage: Rscript datasets/reference/poisson_path_glmnet.R <svmlight file> <alpha> [family: poisson|gamma|tweedie:P]
# gamma is R's Gamma(link = "log"), tweedie:P the family object of glm_families.R (default poisson).
# Prints one line of JSON: glmnet's lambda grid and, per lambda, the intercept and coefficients.
suppressMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]; a <- as.numeric(args[2]); family <- if (length(args) >= 3) args[3] else "poisson"
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(here, "read_svmlight.R"))
source(file.path(here, "glm_families.R"))
if (family == "gamma") family <- Gamma(link = "log")
if (is.character(family) && startsWith(family, "tweedie:")) family <- tweedie_log(as.numeric(sub("tweedie:", "", family)))
d <- dense_svmlight(path); X <- d$X; y <- d$y
glmnet.control(epsnr = 1e-13, mxitnr = 10000)
fit <- glmnet(X, y, family = family, alpha = a, standardize = FALSE, intercept = TRUE, thresh = 1e-14, maxit = 1e7)
B <- as.matrix(coef(fit))
rows <- sapply(seq_along(fit$lambda), function(k) sprintf("[%s]", paste(sprintf("%.17g", B[, k]), collapse = ", ")))
cat(sprintf('{"lambda": [%s], "coef": [%s], "glmnet_version": "%s", "r_version": "%s"}\n',
            paste(sprintf("%.17g", fit$lambda), collapse = ", "), paste(rows, collapse = ", "),
            as.character(packageVersion("glmnet")), paste(R.version$major, R.version$minor, sep = ".")))
