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

## Config (dunning.yaml), YAML files, rates and calendar files
quoted = { $value }: { $why }
io = { $path }: { $error }
io-not-found = { $error }
io-permission-denied = { $error }
io-other = { $error }
yaml-unknown-field = unknown field `{ $field }`, expected one of { $expected }
yaml-unknown-field-near = unknown field `{ $field }`, expected one of { $expected } (did you mean `{ $near }`?)
yaml-missing-field = missing field `{ $field }`
yaml-duplicate-key = duplicate mapping key `{ $key }` is not allowed here
yaml-expected-value = expected string scalar
yaml-expected-list = expected sequence start
yaml-expected-mapping = expected mapping start
yaml-not-integer = invalid { $type }
yaml-not-number = invalid { $type }
yaml-not-boolean = invalid { $type }
yaml-other = { $message }
config-not-utf8 = config is not UTF-8 text
lang-unknown = unknown language { $value } (expected zh or en)
kind-unknown = unknown letter kind { $value } (known: { $known })
config-kind = unknown letter kind { $value }
config-years = { $value } is not a number of years from 1 to 30
config-days = { $value } is not a number of days
config-payments = { $value } is not principal or costs_first
config-calendar-unreadable = cannot read calendar file { $path }: { $error } (expected cn, none or a file)
config-aging = { $value } is not a day count above the previous bound
config-timezone = unknown time zone { $value }: an IANA name such as Asia/Shanghai
config-column = { $header } maps to unknown column { $column }
config-fee-method = { $value } is not daily, annual, lpr or none
config-rate-over-100 = { $value } is over 100%
config-day-count = { $value } is not 365 or 360
config-cap = { $value } is not a percentage from 0 to 100
config-tenor = { $value } is not 1y or 5y
config-multiplier = { $value } is not a number above 0 and at most 10
config-spread = { $value } is not percentage points per year from -100 to 100 (e.g. 0.5)
config-rate-at = { $value } is not each_day or first_day
config-rates-unreadable = cannot read rates file { $path }: { $error }
config-workdays = workdays: { $value } is not a number of days
config-deadline-days = days: { $value } is not a number of days
config-deadline-one = give exactly one of workdays: N or days: N
config-ladder-order = from { $from } is after to { $to }
mailbox-control = { $value } is not an email address: it holds a line break or control character
mailbox-empty = empty email address
mailbox-bad = { $value } is not an email address ({ $error })
rates-empty = the file is empty (expected a header { $expected })
rates-header = header { $header } is not { $expected }
rates-values = expected { $n } values ({ $header }), found { $found }: { $line }
rates-date-twice = { $date } appears twice (also on line { $line })
rates-date-order = { $date } comes after { $previous } (line { $line }): dates must increase
rates-none = no rates after the header
rates-percent = { $value } is not a rate in percent per year (expected e.g. 3.45)
rates-over-100 = { $value } is over 100% a year
calendar-file = { $at }{ $why }
calendar-date-form = `{ $value }` is not a date in YYYY-MM-DD form
calendar-date-bad = `{ $value }` is not a valid calendar date
calendar-unknown-key = unknown key (expected base, years, holidays or workdays)
calendar-base = `{ $value }` is not `cn` or `none`
calendar-year = `{ $value }` is not a four-digit year
calendar-year-not-listed = { $date } is in { $year }, which is not listed under `years` (nor covered by base)
calendar-both = { $date } is also listed under `holidays` (line { $line })
for-id = { $id }: { $why }
option-value = { $option }: { $why }
mail-no-sender = no sender address: set mail.from (or sender.email) in the config, or give --from
mail-sender-email = sender.email: { $why }
mail-no-subject = the first line (the subject) is empty

## Templates, typesetting, fonts and the letter's figures
templates-not-a-folder = not a folder of templates
template-missing = no template for this kind
too-many-pages = the letter has { $pages } pages, more than the { $max } a letter may have (a loop in the template?)
timed-filling = { $template }: filling letter { $id }
timed-layout = { $template }: laying out a letter
typst-error = { $message }
font-uncovered = character { $code } ({ $char }) is not covered by the letter fonts; it would print as a blank box
image-not-an-image = { $name }: not an image (png, jpg, svg)
image-unreadable = cannot read { $path }: { $error }
template-unreadable = cannot read template: { $error }
template-syntax = { $reason }
template-render = { $reason }
template-macro = Tera macros are not allowed in letter templates (one that calls itself would crash the run); use a Typst function: #let name(args) = …
filter-not-amount = expected an amount, got { $value }
filter-date-not-text = the date filter expects a date string
filter-not-date = not a date: { $value }
fee-paid-over-due = amount_paid { $paid } is more than amount_due { $due }
fee-overpaid = payment of { $amount } on { $date } exceeds what is still owed by { $excess }
payment-after-as-of = payment of { $amount } on { $date } is after --as-of { $as_of }: ignored
rates-fix-file = to { $file } (fees.rates, CSV date,rate)
rates-fix-none = in a rates: file (fees: { "{" } rates: rates.csv { "}" }, CSV date,rate)
rates-stale = the { $tenor } rate table ends on { $last }: days more than { $days } days after it were charged at its last rate; add newer fixings { $fix }
rates-before-first = the { $tenor } rate table begins on { $first }: earlier days were charged at its first rate; add older rates { $fix }
deadline-out-of-range = deadline falls after the last supported date { $max }
calendar-not-covered = the working-day calendar does not cover { $year }: counted Monday–Friday only
limitation-item-due = the item due { $due }
limitation-item = item { $item }
limitation-ended = the limitation period of { $what } ended on { $last }: a demand no longer restarts it; only the debtor's signed acknowledgement (the 回执, --with-receipt) does
limitation-ends = the limitation period of { $what } ends on { $last }, in { $days } days

## dunning send: the command line, the connection, the stops
send-only-unknown = --only { $id }: no such letter in { $zip }
send-done-eml = { $written } message(s) written to { $dir }
send-done-log = what was sent is in { $log }
smtp-url = --smtp { $url }: { $why }
smtp-url-bad = { $error }
smtp-scheme = { $scheme }:// is not smtp:// or smtps://
smtp-no-host = no host
smtp-tls-conflict = smtps:// with tls=none: choose one
smtp-clear-text = tls=none sends in clear text: only for a relay on this machine (localhost, 127.0.0.1, ::1), not { $host }
smtp-tls-value = tls={ $value } is not required or none
smtp-parameter = unknown parameter { $name } (only tls=…)
smtp-password-in-url = a password in the URL would show in the process list and the shell history: set { $env } instead
smtp-no-password = user { $user } given but { $env } is not set
smtp-ca-not-pem = --ca { $path }: not a PEM certificate: { $error }
smtp-connect = cannot connect to { $server }: { $error }
smtp-starttls = STARTTLS with { $server } failed: { $error }
smtp-no-starttls = { $server } does not offer STARTTLS, and tls=required refuses to send in clear text
smtp-login = { $server } refused the login: { $error }
smtp-no-connection = no connection
smtp-went-away = { $reply } (the server went away during the run)
send-no-manifest = no manifest.csv: not a batch zip of `dunning batch`
send-sha256-mismatch = { $file } does not match its sha256 (the zip was changed)
send-file-missing = { $file } is not in the zip
manifest-unreadable = unreadable: { $error }
manifest-no-email = no { $columns } column (a zip made before `dunning send` existed: run the batch again)
manifest-missing = no { $columns } column (not a manifest of `dunning batch`)
manifest-bad-row = unreadable row: { $error }
log-unreadable = unreadable send log: { $error }
log-not-a-log = not a send log of `dunning send` (its header is not { $header })
log-bad-line = unreadable line: { $error }
log-other-zip-id = no such letter in the zip: this log belongs to another zip (give --log for this one)
log-other-zip-message = { $found } is not this zip's message ({ $expected }): this log belongs to another zip (give --log for this one)
zip-not-a-zip = not a zip: { $error }

## Reading data: files, encodings, CSV, spreadsheets and their typed cells, YAML
file-empty = the file is empty
data-is-a-directory = is a directory, not a data file
data-unknown-type = unknown file type: expected .csv, .yaml/.yml, .xlsx, .xls or .ods (or - for CSV on stdin)
sheet-without-spreadsheet = --sheet picks a sheet of a spreadsheet (.xlsx, .xls, .ods); none of the DATA files is one
text-bad-utf16 = invalid UTF-16 text
text-binary = not a text file (a NUL byte at offset { $offset }); save the spreadsheet as CSV (UTF-8 or GBK)
text-bad-utf8 = not valid UTF-8 (try --encoding gbk)
text-bad-gbk = not valid GBK/GB18030 text
text-unknown-encoding = neither UTF-8 nor GBK text; save the file as CSV (UTF-8) or give --encoding
csv-unreadable = unreadable CSV: { $error }
csv-cells = row has { $cells } cells but the header has { $header } (a stray comma or quote?)
value-no-header = value { $value } is in a column without a header
no-header-row = the { $what } has no header row
no-data-rows = the { $what } has a header but no data rows
header-twice = two header cells ({ $header } and another) both mean column { $column }
rows-disagree = { $value } here but { $first_value } on { $first } (rows of one id must agree)
kind-needs-items = a { $kind } letter needs at least one item with amount_due and due_date
kind-needs-documents = a { $kind } letter needs documents_due (the contract's deadline for the documents)
not-an-item-field = not an item field (items take { $fields })
not-whole-days = not a whole number of days
not-a-hold-flag = not a hold flag (use 1, yes, true or 是; empty for none)
sheet-reader-failed = the reader failed on it
sheet-unreadable = not a readable .{ $ext } workbook ({ $why }); open it in Excel and save it again, or save the sheet as CSV
sheet-password = the workbook is password-protected: remove the password in Excel (File → Info → Protect Workbook) and save, or save the sheet as CSV
sheet-no-worksheets = the workbook has no worksheets
sheet-not-found = no sheet { $sheet } (--sheet takes a name or a number from 1); the sheets are: { $list }
sheet-unreadable-sheet = cannot read sheet { $sheet }: { $error }
sheet-empty = the sheet is empty
cell-not-a-number = { $value }: not a number
cell-more-than-cents = the cell holds { $value }, more than cents: read as { $cents }
cell-duration = { $value }: a length of time, not a date
cell-bool = { $value }: a TRUE/FALSE cell, not a value for this column
cell-error-passed = { $value }: a formula error; the column is passed on empty
cell-error = { $value }: a formula error; fix the formula or type the value
cell-number-not-date = { $value }: a number, not a date; format the cell as a date, or type 2026-11-22
cell-date-range = { $value }: not a date Excel can show
cell-time = { $value }: a time of day, not a date
cell-date-unreal = { $value }: not a real date
cell-not-date = { $value }: not a date
yaml-no-records = the file holds no records
yaml-top-key = unknown top-level key `{ $key }` (expected `debtors:`)
yaml-no-debtors = no `debtors:` list

## Who gets no letter: hold, the ladder, the history
skipped-line = skipped: { $id }: { $reason }
skip-hold = hold: dunning block on this row
ladder-no-rule = no ladder rule for { $days } days overdue
ladder-below-min = outstanding { $outstanding } is below min_amount { $min } of ladder step { $level }
ladder-top-sent = the last ladder step ({ $kind }) was already sent on { $date }
already-sent = already sent: { $kind } on { $date } ({ $days } days ago, ladder_interval { $interval }); --force sends it again
now-env-bad = { $env }={ $value }: not an RFC 3339 instant such as 2026-11-30T22:30:00Z ({ $error })
history-bad-zip = not a readable zip: { $error }
history-no-manifest = no manifest.csv in this zip: not a dunning batch
history-not-a-manifest = not a dunning manifest with id, kind and as_of columns
history-bad-row = { $error }
history-bad-value = { $value } is not valid here

## The commands' other words: batch, preview, merge, init, templates, shards, SMS
pdf-failed = PDF export failed: { $error }
pdf-failed-file = { $error }
png-failed = { $error }
sms-no-message = { $id }: { $reason }: no text message
sms-no-phone = no phone number
sms-no-text = the SMS template gave no text for this letter
sms-wrote = wrote { $file }: { $messages } text messages, { $segments } SMS segments{ $without ->
    [0] {""}
   *[other] ; { $without } letter(s) without one: see { $list } in the zip
}
preview-watching = watching for changes (Ctrl-C to stop)…
preview-wrote = wrote { $files }
preview-no-letter = no letter with id { $id }
preview-other-problems = { $n } problem(s) in other rows; `dunning check` lists them
preview-output-type = { $output }: the output must end in .pdf, .png or .typ
init-not-empty = { $dir } is not empty; choose a new folder
init-created = created { $dir }: debtors.csv, debtors.yaml, dunning.yaml, templates/
init-next = next:
templates-exported = exported { $n } template files to { $dir }
templates-exist = { $file } already exists (and { $more } more); use --force to overwrite
merge-wrote = wrote { $zip }: { $letters } letters from { $shards } shards, { $prints } print files; { $seconds } s
shard-none = no shard zips given
shard-missing-entry = no { $entry }: not a shard zip of `dunning batch --shard`
shard-unreadable = unreadable { $entry }
shard-other-run = not from the same run as { $first } (shard count, --as-of, print settings or --pdf-a differ)
shard-incomplete = need every shard 1/{ $n } … { $n }/{ $n } exactly once, got { $have }
shard-files-differ = { $file } differs between shards: rendered with other templates
shard-source-not-utf8 = a letter's template is not UTF-8
shard-unknown-kind = unknown letter kind
workers-failed = cannot start { $jobs } worker threads: { $error }
