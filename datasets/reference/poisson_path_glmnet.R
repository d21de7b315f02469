# glmnet's own Poisson lasso path on a data set, for make_poisson_path_references.py.
# Usage: Rscript datasets/reference/poisson_path_glmnet.R <svmlight file> <alpha>
# Prints one line of JSON: glmnet's lambda grid and, per lambda, the intercept and coefficients.
suppressMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]; a <- as.numeric(args[2])
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "read_svmlight.R"))
d <- dense_svmlight(path); X <- d$X; y <- d$y
glmnet.control(epsnr = 1e-13, mxitnr = 10000)
fit <- glmnet(X, y, family = "poisson", alpha = a, standardize = FALSE, intercept = TRUE, thresh = 1e-14, maxit = 1e7)
B <- as.matrix(coef(fit))
rows <- sapply(seq_along(fit$lambda), function(k) sprintf("[%s]", paste(sprintf("%.17g", B[, k]), collapse = ", ")))
cat(sprintf('{"lambda": [%s], "coef": [%s], "glmnet_version": "%s", "r_version": "%s"}\n',
            paste(sprintf("%.17g", fit$lambda), collapse = ", "), paste(rows, collapse = ", "),
            as.character(packageVersion("glmnet")), paste(R.version$major, R.version$minor, sep = ".")))
