# One penalised Gamma (log link) fit by glmnet, for make_gamma_references.py.
# Usage: Rscript datasets/reference/gamma_glmnet.R <svmlight file> <alpha (L1 share)> <lambda>
# Prints one line of JSON: coefficients, intercept, passes, versions. glmnet's objective for a glm family object is
# (1/2n) deviance + lambda (alpha ||w||_1 + (1 - alpha)/2 ||w||^2); the Gamma deviance is 2 sum (y/mu - log(y/mu) - 1),
# so this is OptSuite's (1/n) sum (y e^-z + z) + the same penalty, up to a constant in y.
suppressMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]; a <- as.numeric(args[2]); lam <- as.numeric(args[3])

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "read_svmlight.R"))
d <- dense_svmlight(path); X <- d$X; y <- d$y

# The IRLS loop of glmnet.path stops on epsnr (default 1e-6 relative change); thresh (inner CD) must be below it.
glmnet.control(epsnr = 1e-13, mxitnr = 10000)
fit <- glmnet(X, y, family = Gamma(link = "log"), alpha = a, lambda = lam, standardize = FALSE, intercept = TRUE,
              thresh = 1e-16, maxit = 1e7)
b <- as.numeric(coef(fit))
cat(sprintf('{"intercept": %.17g, "coef": [%s], "npasses": %d, "glmnet_version": "%s", "r_version": "%s"}\n',
            b[1], paste(sprintf("%.17g", b[-1]), collapse = ", "), fit$npasses,
            as.character(packageVersion("glmnet")), paste(R.version$major, R.version$minor, sep = ".")))
