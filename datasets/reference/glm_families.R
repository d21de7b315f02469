# GLM family objects glmnet 4.1-6 takes that R does not ship (statmod's tweedie() is not installed), shared by the
# reference scripts. tweedie_log(p): the Tweedie unit deviance
#   d(y, mu) = 2 (max(y, 0)^(2-p) / ((1-p)(2-p)) - y mu^(1-p) / (1-p) + mu^(2-p) / (2-p)),
# variance mu^p and the log link; glmnet minimises (1/2n) deviance + penalty, OptSuite's (1/n) sum l_p(y_i, z_i) + the same
# penalty up to a constant in y.
tweedie_log <- function(p) {
  link <- make.link("log")
  structure(list(
    family = sprintf("Tweedie(%.17g)", p), link = "log",
    linkfun = link$linkfun, linkinv = link$linkinv, mu.eta = link$mu.eta, valideta = link$valideta,
    variance = function(mu) mu^p,
    dev.resids = function(y, mu, wt) 2 * wt * (pmax(y, 0)^(2 - p) / ((1 - p) * (2 - p)) - y * mu^(1 - p) / (1 - p) + mu^(2 - p) / (2 - p)),
    aic = function(y, n, mu, wt, dev) NA_real_,
    validmu = function(mu) all(is.finite(mu)) && all(mu > 0),
    initialize = expression({ n <- rep.int(1, nobs); mustart <- y + 0.1 })),
    class = "family")
}
