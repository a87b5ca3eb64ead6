#!/usr/bin/env Rscript
# The R/data.table peer of the C# engagement computation (docs/method.md), for `reporting bench`.
#
# Usage: Rscript bench/engagement.R <export-dir>
#
# Reads trial.json (engagement settings only), participants.csv and contacts.csv and prints, per site,
# the number offered peer support and the number engaged, as CSV after one line "# elapsed_ms <ms> threads <n>".
# The elapsed time covers reading the two CSV files and computing, not R's start-up or loading data.table.
# It does no validation at all: it trusts the files (identifiers, enumerations, dates, references).

suppressPackageStartupMessages(library(data.table))
setDTthreads(0L)  # every core: the strongest reasonable peer

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1L) stop("usage: Rscript engagement.R <export-dir>")
dir <- args[[1L]]

# trial.json's engagement block, with the contract's defaults (2, 1, 120). A small regex keeps the peer to
# data.table alone; the keys are case-insensitive as in the C# reader.
json <- paste(readLines(file.path(dir, "trial.json"), warn = FALSE, encoding = "UTF-8"), collapse = "\n")
engagement <- regmatches(json, regexpr('(?is)"engagement"\\s*:\\s*\\{[^}]*\\}', json, perl = TRUE))
setting <- function(key, default) {
  if (length(engagement) == 0L) return(default)
  m <- regmatches(engagement, regexec(sprintf('(?i)"%s"\\s*:\\s*(null|[0-9]+)', key), engagement, perl = TRUE))[[1L]]
  if (length(m) < 2L) default else if (tolower(m[[2L]]) == "null") NA_integer_ else as.integer(m[[2L]])
}
min_contacts <- setting("minContacts", 2L)
min_post <- setting("minPostDischargeContacts", 1L)
follow_up <- setting("followUpDays", 120L)

# Column names are case-insensitive in the contract: read only the columns used, by their spelling in the file.
columns <- function(path, wanted) {
  header <- strsplit(readLines(path, n = 1L, warn = FALSE, encoding = "UTF-8"), ",", fixed = TRUE)[[1L]]
  header <- trimws(gsub('"', "", sub("^\ufeff", "", header), fixed = TRUE))
  header[match(wanted, tolower(header))]
}

start <- proc.time()[["elapsed"]]

pfile <- file.path(dir, "participants.csv")
pcols <- c("participant_id", "site_id", "arm", "randomised_on", "discharged_on", "withdrawn_on")
p <- fread(pfile, select = columns(pfile, pcols), colClasses = list(character = "site_id"))
setnames(p, pcols)
cfile <- file.path(dir, "contacts.csv")
ccols <- c("participant_id", "contact_on", "status")
k <- fread(cfile, select = columns(cfile, ccols))
setnames(k, ccols)

# Every date column as IDate, also when a column is entirely blank.
for (col in c("randomised_on", "discharged_on", "withdrawn_on")) set(p, j = col, value = as.IDate(p[[col]]))
k[, contact_on := as.IDate(contact_on)]

# Enumerations are case-insensitive: lower-case the few distinct spellings, not a million cells.
is_value <- function(x, value) {
  spellings <- unique(x)
  x %chin% spellings[tolower(spellings) == value]
}
p <- p[is_value(arm, "peer_support")]
k <- k[is_value(status, "completed")]
# Completed contacts of peer-support participants, counted under the engagement rule (docs/method.md).
j <- p[k, on = "participant_id", nomatch = NULL,
       .(participant_id, contact_on, randomised_on, discharged_on, withdrawn_on)]
j <- j[contact_on >= randomised_on &
         (is.na(withdrawn_on) | contact_on <= withdrawn_on) &
         (is.na(follow_up) | is.na(discharged_on) | contact_on <= discharged_on + follow_up)]
per <- j[, .(counted = .N, post = sum(!is.na(discharged_on) & contact_on > discharged_on)), by = participant_id]
p[per, on = "participant_id", `:=`(counted = i.counted, post = i.post)]
p[is.na(counted), `:=`(counted = 0L, post = 0L)]
result <- p[, .(offered = .N, engaged = sum(counted >= min_contacts & post >= min_post)), by = site_id]
setorder(result, site_id)

elapsed_ms <- (proc.time()[["elapsed"]] - start) * 1000
cat(sprintf("# elapsed_ms %.1f threads %d\n", elapsed_ms, getDTthreads()))
fwrite(result)
