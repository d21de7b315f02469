# Frozen references for the Cox model (tests/OptSuite.Tests/Models/CoxRegressionTests.cs): writes datasets/reference/cox.json.
# Usage (from the repository root): Rscript datasets/reference/make_cox_references.R
# Data: datasets/glmnet_synthetic/CoxExample.csv (glmnet's CoxExample: time, status, X1..X30). The tied variant rounds the
# times UP to tenths, time_tied = ceiling(10 * time) / 10 (never 0), which gives many tied event times.
# Sample weights, where used: w_i = 1 + ((i - 1) mod 3) / 2 (i = 1..n, file order), i.e. 1, 1.5, 2, 1, ...
# Every penalised objective is re-scored by ONE formula, with survival::coxph's Breslow log-likelihood at the coefficients
# (iter.max = 0 evaluates it at init):  F = -loglik_breslow(beta) / sum(w) + lambda * (alpha ||beta||_1 + (1 - alpha)/2 ||beta||^2).
suppressMessages({library(glmnet); library(survival)})
# A small JSON writer (jsonlite is not installed here): numbers with 17 significant digits.
to_json <- function(v, indent = "") {
  inner <- paste0(indent, " ")
  if (is.list(v)) {
    if (!is.null(names(v))) {
      items <- mapply(function(k, e) paste0(inner, "\"", k, "\": ", to_json(e, inner)), names(v), v)
      return(paste0("{\n", paste(items, collapse = ",\n"), "\n", indent, "}"))
    }
    return(paste0("[\n", paste0(inner, sapply(v, to_json, indent = inner), collapse = ",\n"), "\n", indent, "]"))
  }
  one <- function(e) if (is.character(e)) paste0("\"", gsub("\"", "\\\\\"", e), "\"") else sprintf("%.17g", e)
  if (length(v) == 1 && !(is.numeric(v) && !is.null(attr(v, "array")))) return(one(v))
  paste0("[", paste(sapply(v, one), collapse = ", "), "]")
}
d <- read.csv("datasets/glmnet_synthetic/CoxExample.csv")
x <- as.matrix(d[, -(1:2)]); n <- nrow(x)
time <- d$time; status <- d$status
time_tied <- ceiling(10 * time) / 10
wts <- 1 + ((seq_len(n) - 1) %% 3) / 2
versions <- list(glmnet = as.character(packageVersion("glmnet")), survival = as.character(packageVersion("survival")),
                 R = paste(R.version$major, R.version$minor, sep = "."))

loglik_at <- function(X, tm, st, w, beta, ties = "breslow") {
  fit <- coxph(Surv(tm, st) ~ X, weights = w, ties = ties, init = beta, control = coxph.control(iter.max = 0))
  fit$loglik[1]
}
objective <- function(tm, st, w, beta, lambda, alpha) {
  -loglik_at(x, tm, st, w, beta) / sum(w) + lambda * (alpha * sum(abs(beta)) + (1 - alpha) / 2 * sum(beta^2))
}

out <- list()
glmnet_case <- function(problem, tm, st, w, alpha, lambdas, tied) {
  y <- Surv(tm, st)
  fit <- glmnet(x, y, family = "cox", weights = w, alpha = alpha, lambda = lambdas, thresh = 1e-14, maxit = 1e7, standardize = FALSE)
  B <- as.matrix(coef(fit))
  for (k in seq_along(lambdas)) {
    b <- as.numeric(B[, k])
    eta <- drop(x %*% b)
    out[[length(out) + 1]] <<- list(
      problem = sprintf("%s_lambda%g", problem, lambdas[k]), data = "datasets/glmnet_synthetic/CoxExample.csv",
      time = if (tied) "ceiling(10 * time) / 10" else "time",
      weights = if (all(w == 1)) "none" else "1 + ((i - 1) mod 3) / 2",
      ties = "breslow", alpha = alpha, lambda = lambdas[k], n = n, p = ncol(x),
      objective = objective(tm, st, w, b, lambdas[k], alpha), coef = structure(b, array = TRUE),
      cindex = if (all(w == 1)) Cindex(eta, y) else Cindex(eta, y, weights = w),
      objective_definition = "-loglik_breslow(beta)/sum(w) + lambda*(alpha*||beta||_1 + (1-alpha)/2*||beta||^2), loglik by survival::coxph(init = beta, iter.max = 0)",
      tool = "R glmnet", version = versions,
      command = sprintf("glmnet(x, Surv(%s, status), family = \"cox\", weights = w, alpha = %g, lambda = c(%s), thresh = 1e-14, maxit = 1e7, standardize = FALSE); Cindex(predict(fit, x, s = lambda), y%s)",
                        if (tied) "time_tied" else "time", alpha, paste(lambdas, collapse = ", "), if (all(w == 1)) "" else ", weights = w"),
      passes = fit$npasses, generator = "Rscript datasets/reference/make_cox_references.R", date = as.character(Sys.Date()))
  }
}
lambdas <- c(0.1, 0.05, 0.02, 0.01)
glmnet_case("cox_l1", time, status, rep(1, n), 1, lambdas, FALSE)
glmnet_case("cox_enet", time, status, rep(1, n), 0.5, lambdas, FALSE)
glmnet_case("cox_l1_weighted", time, status, wts, 1, c(0.05, 0.02), FALSE)
glmnet_case("cox_l1_tied", time_tied, status, rep(1, n), 1, c(0.05, 0.02), TRUE)

# Unpenalised coxph on X1..X5 (tied times), Breslow and Efron, with and without weights.
cols <- 1:5
for (ties in c("breslow", "efron")) for (weighted in c(FALSE, TRUE)) {
  w <- if (weighted) wts else rep(1, n)
  fit <- coxph(Surv(time_tied, status) ~ x[, cols], weights = w, ties = ties, control = coxph.control(eps = 1e-14, iter.max = 100, toler.chol = 1e-15))
  b <- as.numeric(coef(fit))
  out[[length(out) + 1]] <- list(
    problem = sprintf("coxph_%s%s", ties, if (weighted) "_weighted" else ""), data = "datasets/glmnet_synthetic/CoxExample.csv",
    time = "ceiling(10 * time) / 10", columns = colnames(x)[cols], weights = if (weighted) "1 + ((i - 1) mod 3) / 2" else "none",
    ties = ties, n = n, loglik = fit$loglik[2], loglik_null = fit$loglik[1], coef = structure(b, array = TRUE),
    loglik_at_half = loglik_at(x[, cols], time_tied, status, w, b / 2, ties),
    tool = "R survival::coxph", version = versions,
    command = sprintf("coxph(Surv(time_tied, status) ~ x[, 1:5], weights = w, ties = \"%s\", control = coxph.control(eps = 1e-14, iter.max = 100)); loglik_at_half = coxph(..., init = coef/2, iter.max = 0)$loglik[1]", ties),
    iterations = fit$iter, generator = "Rscript datasets/reference/make_cox_references.R", date = as.character(Sys.Date()))
}
# The default grid's lambda_max (alpha = 1 and 0.5), and cv.glmnet's grouped deviance with a fixed foldid.
y <- Surv(time, status)
for (a in c(1, 0.5)) {
  fit <- glmnet(x, y, family = "cox", alpha = a, standardize = FALSE)
  out[[length(out) + 1]] <- list(problem = sprintf("cox_lambda_max_alpha%g", a), data = "datasets/glmnet_synthetic/CoxExample.csv",
    alpha = a, lambda_max = fit$lambda[1], lambda = structure(fit$lambda, array = TRUE), tool = "R glmnet", version = versions,
    command = sprintf("glmnet(x, Surv(time, status), family = \"cox\", alpha = %g, standardize = FALSE)$lambda", a),
    generator = "Rscript datasets/reference/make_cox_references.R", date = as.character(Sys.Date()))
}
foldid <- ((seq_len(n) - 1) %% 5) + 1
cvl <- exp(seq(log(0.2), log(0.005), length.out = 20))
cv <- cv.glmnet(x, y, family = "cox", alpha = 1, lambda = cvl, foldid = foldid, standardize = FALSE, thresh = 1e-14, maxit = 1e7)
out[[length(out) + 1]] <- list(problem = "cox_cv_deviance", data = "datasets/glmnet_synthetic/CoxExample.csv",
  alpha = 1, foldid = "((i - 1) mod 5) + 1", lambda = structure(cv$lambda, array = TRUE), cvm = structure(cv$cvm, array = TRUE),
  cvsd = structure(cv$cvsd, array = TRUE), lambda_min = cv$lambda.min, lambda_1se = cv$lambda.1se, tool = "R glmnet", version = versions,
  command = "cv.glmnet(x, Surv(time, status), family = \"cox\", alpha = 1, lambda = exp(seq(log(0.2), log(0.005), length.out = 20)), foldid = ((1:n - 1) %% 5) + 1, standardize = FALSE, thresh = 1e-14, maxit = 1e7) (type.measure = \"deviance\", grouped = TRUE: the defaults)",
  generator = "Rscript datasets/reference/make_cox_references.R", date = as.character(Sys.Date()))
cvc <- cv.glmnet(x, y, family = "cox", alpha = 1, lambda = cvl, foldid = foldid, type.measure = "C", standardize = FALSE, thresh = 1e-14, maxit = 1e7)
out[[length(out) + 1]] <- list(problem = "cox_cv_cindex", data = "datasets/glmnet_synthetic/CoxExample.csv",
  alpha = 1, foldid = "((i - 1) mod 5) + 1", lambda = structure(cvc$lambda, array = TRUE), cvm = structure(cvc$cvm, array = TRUE),
  cvsd = structure(cvc$cvsd, array = TRUE), lambda_min = cvc$lambda.min, lambda_1se = cvc$lambda.1se, tool = "R glmnet", version = versions,
  command = "cv.glmnet(x, Surv(time, status), family = \"cox\", alpha = 1, lambda = exp(seq(log(0.2), log(0.005), length.out = 20)), foldid = ((1:n - 1) %% 5) + 1, type.measure = \"C\", standardize = FALSE, thresh = 1e-14, maxit = 1e7)",
  generator = "Rscript datasets/reference/make_cox_references.R", date = as.character(Sys.Date()))
writeLines(to_json(out), "datasets/reference/cox.json")
cat("wrote", length(out), "entries\n")
