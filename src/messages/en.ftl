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
