# The one svmlight reader of the R reference scripts (gamma_glmnet.R, offset_glmnet.R, penalty_options_glmnet.R,
# poisson_path_glmnet.R, tweedie_glmnet.R, make_multinomial_path_references.R). Source it from a script run by Rscript with:
#   source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "read_svmlight.R"))
# read_svmlight(path): list(y, i, j, x) — the labels and the stored entries' 1-based rows, columns (the file's indices,
# 1-based) and values. dense_svmlight(path): list(X = the n x max(j) dense matrix, y).
read_svmlight <- function(path) {
  lines <- readLines(path)
  y <- numeric(length(lines)); ii <- integer(0); jj <- integer(0); vv <- numeric(0)
  for (i in seq_along(lines)) {
    t <- strsplit(trimws(lines[i]), "[ \t]+")[[1]]
    y[i] <- as.numeric(t[1])
    if (length(t) > 1) {
      kv <- do.call(rbind, strsplit(t[-1], ":"))
      ii <- c(ii, rep(i, nrow(kv))); jj <- c(jj, as.integer(kv[, 1])); vv <- c(vv, as.numeric(kv[, 2]))
    }
  }
  list(y = y, i = ii, j = jj, x = vv)
}

dense_svmlight <- function(path) {
  d <- read_svmlight(path)
  X <- matrix(0, length(d$y), max(d$j)); X[cbind(d$i, d$j)] <- d$x
  list(X = X, y = d$y)
}
