# The tool's own words in English. Every message here is in zh.ftl too (tests check it).
# Variables: { $name }. Numbers select plural forms: { $n -> [one] … *[other] … }.

## The printer's prefixes (the FILE:ROW: COLUMN: message shape after them never changes)
prefix-error = error
prefix-warning = warning
prefix-hint = hint

## Errors and hints
invalid-hint = { $n ->
    [one] 1 problem found; nothing was written. `dunning check` lists them all.
   *[other] { $n } problems found; nothing was written. `dunning check` lists them all.
}
rejected = { $problems } problem(s), { $letters } letter(s) left out: see rejects.csv in the zip
interrupted = interrupted: nothing was written
timed-out = { $what }: stopped after { $seconds } s (an endless loop in the template, or a document of thousands of pages?)
timed-out-hint = nothing was written. A letter normally takes well under a second; { $setting } sets the limit
internal = internal error: { $what } (a bug: please report it)
unknown-ui = DUNNING_UI={ $value } is neither zh nor en: the messages are in English

## Data
no-such-file = no such file
name-required = the debtor's name is required
due-date-required = an item with an amount needs a due date
no-id-column = the header has no id column (id / 编号)
title-rows = { $rows } row(s) above the header skipped as a title, not debtors: { $text }
totals-row = a totals row ({ $word }) names no debtor: skipped

## Summaries and the progress bar
check-ok = ok: { $letters ->
    [one] 1 letter
   *[other] { $letters } letters
} in { $files ->
    [one] 1 file
   *[other] { $files } files
}, no problems
check-problems = { $problems ->
    [one] 1 problem
   *[other] { $problems } problems
} in { $files ->
    [one] 1 file
   *[other] { $files } files
}; { $letters ->
    [one] 1 letter
   *[other] { $letters } letters
} ready
batch-wrote = wrote { $zip }: { $letters } letters, { $pages } pages, { $prints } print files; outstanding { $outstanding }, fee { $fee }; { $seconds } s ({ $rate } letters/s)
batch-skipped = { $n } debtor(s) got no letter (hold, ladder or history): see skipped.csv in the zip
progress = letters

## dunning send
send-summary = sent { $sent }, failed { $failed }, skipped { $skipped }, deferred { $deferred } (already sent before: { $already }); log: { $log }
send-no-address = { $id }: no email address: skipped
send-refused = { $id }: { $email } refused: { $reply }
send-deferred = { $id }: deferred: { $reply }
send-eml-wrote = wrote { $written } message(s) to { $dir }, skipped { $skipped } (no email address); nothing was sent
send-eml-dry-run = dry run: { $written } message(s) would be written to { $dir }, { $skipped } skipped (no email address); nothing was written
send-dry-run = dry run: { $would } would be sent, { $skipped } skipped (no email address), { $already } already sent, { $held } failed before (--retry-failed resends them); nothing was sent or written
send-undelivered = { $failed } failed, { $skipped } skipped (no email address), { $deferred } deferred: see { $log }
send-interrupted = interrupted: { $done }
send-hint-deferred = run the same command again to send what was deferred
send-hint-failed = correct the refused addresses, then --retry-failed resends them
send-hint-skipped = letters without an address go by post (mailing.csv in the zip)
send-hint-nothing-sent = nothing was sent
send-hint-some-sent = { $sent } message(s) went out (see the send log); run the same command again to send the rest

## Data cells
value-too-long = { $start }…: { $n } characters, more than the { $max } a value may have (a broken export?)
id-required = the id (case / account number) is required
id-control = { $id }: an id cannot contain control characters
amount-due-required = an item needs amount_due
paid-over-due = { $paid } paid is more than the { $due } due
not-a-payment-field = not a payment field (payments take date, amount)
payment-incomplete = a payment needs date and amount

## Amounts, rates and dates as clerks type them
amount-required = an amount is required
amount-negative = an amount cannot be negative
amount-bad = not an amount (expected e.g. 1234.50 or 1,234.50)
amount-grouping = misplaced thousands separator ',' (expected e.g. 1,234.50)
amount-decimals = more than two decimals (amounts are in yuan and fen)
amount-too-large = amount too large
rate-bad = not a rate (expected e.g. 0.0005 or 0.05%)
rate-over-100 = a rate cannot be over 100% (1)
date-bad = not a date (expected e.g. 2026-11-22, 2026/11/22 or 2026年11月22日)
date-year = year { $year } is out of range (1900–2999)
date-month = month { $month } does not exist
date-day = day { $day } does not exist in { $month }
