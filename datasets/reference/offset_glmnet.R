# One penalised GLM fit with an offset by glmnet, for make_offset_references.py.
# Usage: Rscript datasets/reference/offset_glmnet.R <svmlight file> <family: poisson|binomial|gamma|tweedie:P> <alpha> <lambda> <offset file>
# The offset file holds one number per line (the generator writes it from its recorded formula). Prints one line of JSON:
# coefficients, intercept, passes, versions. glmnet's objective is -loglik/n + lambda ((1 - alpha)/2 ||b||^2 + alpha ||b||_1)
# with the linear predictor x_i.b + b0 + offset_i: OptSuite's mean Poisson / logistic loss with offsets, up to a constant;
# for gamma (R's Gamma(link = "log")) and tweedie:P (glm_families.R) the family object's (1/2n) deviance, OptSuite's mean
# Gamma / Tweedie loss up to a constant in y.
suppressMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]; family <- args[2]; a <- as.numeric(args[3]); lam <- as.numeric(args[4]); off <- scan(args[5], quiet = TRUE)

here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
source(file.path(here, "read_svmlight.R"))
source(file.path(here, "glm_families.R"))
d <- dense_svmlight(path); X <- d$X; y <- d$y
if (family == "binomial") y <- factor(ifelse(y == max(y), 1, 0), levels = c(0, 1))   # the larger label is the positive class
if (family == "gamma") family <- Gamma(link = "log")
if (is.character(family) && startsWith(family, "tweedie:")) family <- tweedie_log(as.numeric(sub("tweedie:", "", family)))

glmnet.control(epsnr = 1e-13, mxitnr = 10000)
fit <- glmnet(X, y, family = family, offset = off, alpha = a, lambda = lam, standardize = FALSE, intercept = TRUE,
              thresh = 1e-14, maxit = 1e7)
b <- as.numeric(coef(fit))
cat(sprintf('{"intercept": %.17g, "coef": [%s], "npasses": %d, "glmnet_version": "%s", "r_version": "%s"}\n',
            b[1], paste(sprintf("%.17g", b[-1]), collapse = ", "), fit$npasses,
            as.character(packageVersion("glmnet")), paste(R.version$major, R.version$minor, sep = ".")))
