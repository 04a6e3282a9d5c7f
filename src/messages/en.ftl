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

## Help: `--help`, `-h` and the man pages. The English shown is clap's, from the doc
## comments in src/cli.rs; the texts below are what the Chinese ones were translated from,
## and a test fails when a doc comment no longer matches its text here (translate again).
## help-<command>-<arg> belongs to one command; help-arg-<arg> to a flag that means the same
## in every command that has it; help-<...>--<value> to a possible value.
help-dunning = Turns a spreadsheet of debtors into print-ready collection letters
help-batch = Render every letter into one print-ready zip (letters, print files, manifest, aging)
help-compute = Compute every letter's figures (outstanding, fee, deadline…) without rendering
help-check = Check data and config; print every problem as FILE:ROW: COLUMN: message
help-preview = Render one letter to PDF or PNG (re-render on every change with --watch)
help-templates = List the built-in letter templates, or export them to edit
help-templates-list = Kinds, languages and a one-line description of each
help-templates-export = Write the built-in templates into DIR, to edit and use with --templates DIR
help-init = Create a folder with sample data, a commented config and the templates
help-merge = Join the zips of `batch --shard K/N` into the zip of the full run
help-send = Email each letter of a batch zip to its debtor (or write the messages as .eml files)
help-completions = Print a shell completion script (bash, zsh, fish, powershell, elvish)
help-man = Print a manual page (roff): `dunning man > dunning.1`
help-arg-data = Debtor data: .csv, .yaml/.yml, .xlsx/.xls/.ods, or - for CSV on stdin (several files allowed)
help-arg-encoding = Force the encoding of CSV input instead of detecting UTF-8 / GBK
help-arg-encoding--gbk = GBK, read as its superset GB18030
help-arg-sheet = The sheet of a spreadsheet to read: its name, or its position counting from 1 (default: the first visible sheet)
help-arg-config = Config file (default: dunning.yaml in the working directory, if present)
help-arg-kind = Letter kind for rows that name none (default: demand)
help-arg-auto = Choose each letter's kind from the config's ladder by its days overdue
help-arg-history = A previous batch's zip or manifest.csv: no repeat within ladder_interval, escalate after it (repeatable)
help-arg-force = Send letters the history would hold back
help-arg-as-of = Letter date and the date fees are computed to, e.g. 2026-11-22 (default: today in the config's timezone)
help-arg-templates = Template directory overriding the built-in templates file by file
help-arg-quiet = No progress bar
help-batch-output = The zip to write (default: dunning-<as-of>.zip; with --shard K/N: dunning-<as-of>-K-of-N.zip)
help-batch-lang = Language of rows that name none (default: the config's lang, else zh)
help-batch-skip-invalid = Render the valid letters, list the others in rejects.csv and exit 3
help-batch-duplex = Print files for double-sided printing: every letter starts on a right-hand page
help-batch-pdf-a = Letters as PDF/A-2b, for the archive (the print files stay plain PDF)
help-batch-with-receipt = Add an acknowledgement slip (回执) page to every letter, to sign and return
help-batch-sms = Also write one text message per letter to this CSV (id,phone,text,segments)
help-batch-sms-format = excel: UTF-8 with BOM, cells that would run as formulas get a leading ' (to open in Excel); gateway: plain UTF-8, every text exactly as sent (to upload to an SMS gateway)
help-batch-sms-format--excel = A person, in Excel: UTF-8 with BOM, and a text that begins with `=`, `+`, `-` or `@` gets a leading `'` so that Excel shows it instead of running it
help-batch-sms-format--gateway = An SMS gateway's upload: plain UTF-8, every text exactly as it is sent (a `'` would reach the debtor's phone)
help-batch-print-chunk = At most this many letters per print file
help-batch-shard = Render only shard K of N: the letters whose position in input order is K-1 modulo N
help-batch-jobs = Letters rendered in parallel (default: all cores)
help-compute-format = Output format
help-compute-format--table = Aligned columns for a terminal
help-compute-format--json = One object per letter (SPEC 7)
help-compute-format--csv = For Excel (UTF-8 with BOM)
help-check-quick = Typeset (and fill the text message and email of) one letter per template branch, as batch does before it starts, not every letter: seconds for 100,000 rows; every value's fonts are still checked
help-preview-id = The letter to render: its id (case / account number)
help-preview-output = Output file: .pdf, .png (one file per page) or .typ (the filled template) (default: <id>-<kind>.pdf)
help-preview-watch = Re-render whenever the data, the config or a template changes
help-preview-with-receipt = Add an acknowledgement slip (回执) page to the letter, to sign and return
help-templates-export-dir = Folder to write into
help-templates-export-force = Overwrite files that already exist
help-init-dir = New folder to create
help-merge-zips = The shard zips, one for each K of N (any order)
help-merge-output = The zip to write (default: dunning-<as-of>.zip)
help-send-zip = The batch zip whose letters to deliver (its manifest's email column)
help-send-smtp = Send through this server: smtp://host:port (STARTTLS when offered; ?tls=required insists), smtps://host:port, or ?tls=none for a relay on localhost. User in the URL, password in DUNNING_SMTP_PASSWORD
help-send-eml = Write each message as DIR/<id>.eml instead of sending (default without --smtp: <ZIP without .zip>-mail/)
help-send-from = The From address (default: the config's mail.from, else sender.email)
help-send-log = The send log (default: ZIP.sent.csv): what went out, read again by the next run
help-send-only = Only these letters (ids; repeatable, or several after one --only)
help-send-dry-run = Print one line per message that would go out; send and write nothing
help-send-retry-failed = Also resend the letters the server refused (status failed in the log)
help-send-rate = At most N messages a second
help-send-ca = Trust this CA (PEM) too, e.g. the company's own, besides the system's roots
help-send-templates = Template directory overriding the built-in mail.txt templates
help-completions-shell = The shell to complete for
help-man-command = The command whose page to print, e.g. batch or templates export (default: the top page)
help-man-dir = Write every page into DIR instead (dunning.1, dunning-batch.1 …)

## Help: clap's own words (headings, -h, -V, help, usage errors), as clap writes them
clap-usage = Usage
clap-commands = Commands
clap-arguments = Arguments
clap-options = Options
clap-default = [default: { $value }]
clap-possible-values = [possible values: { $values }]
clap-possible-values-heading = Possible values:
clap-help = Print help
clap-help-more = Print help (see more with '--help')
clap-help-summary = Print help (see a summary with '-h')
clap-version = Print version
clap-help-command = Print this message or the help of the given subcommand(s)
clap-unknown-argument = unexpected argument '{ $arg }' found
clap-unknown-command = unrecognized subcommand '{ $command }'
clap-invalid-value = invalid value '{ $value }' for '{ $arg }'
clap-value-required = a value is required for '{ $arg }' but none was supplied
clap-bad-value = invalid value '{ $value }' for '{ $arg }': { $reason }
clap-missing-arguments = the following required arguments were not provided:
clap-missing-command = '{ $command }' requires a subcommand but one was not provided
clap-commands-list = [subcommands: { $commands }]
clap-used-twice = the argument '{ $arg }' cannot be used multiple times
clap-conflict = the argument '{ $arg }' cannot be used with { $with }
clap-conflict-command = the subcommand '{ $arg }' cannot be used with { $with }
clap-conflict-others = one or more of the other specified arguments
clap-no-equals = equal sign is needed when assigning values to '{ $arg }'
clap-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
clap-too-few-values = { $min } values required by '{ $arg }'; only { $n } provided
clap-wrong-number-of-values = { $expected } values required for '{ $arg }' but { $n } provided
clap-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
clap-did-you-mean = a similar one exists: { $list }
clap-tip-as-value = to pass '{ $arg }' as a value, use '{ $use }'
clap-tip-exists = '{ $use }' exists
clap-tip-remove-dashes = subcommand '{ $command }' exists; to use it, remove the '--' before it
clap-more-info = For more information, try '{ $flag }'.
clap-not-in-range = { $value } is not in { $range }
arg-shard-bad = { $value } is not K/N with 1 ≤ K ≤ N (e.g. 2/8)
arg-rate-bad = { $value } is not a number of messages a second above 0

## Help: the man pages' EXIT STATUS and ENVIRONMENT
man-manual = dunning manual
man-exit-success = Success.
man-exit-usage = Usage error: an unknown flag, a bad value, a missing argument.
man-exit-io = I/O failure: a file that exists but cannot be read, an unwritable folder, a full disk. Nothing partial is left at the output path.
man-exit-interrupted = Interrupted by SIGINT or SIGTERM: the temporary zip was removed, nothing was written.
man-exit-dunning-1 = Invalid data, template or config (every problem is printed as FILE:ROW: COLUMN: message), or a letter over its time limit: nothing was written.
man-exit-dunning-3 = Written, with rejected rows listed in rejects.csv (batch --skip-invalid, and merge of such shards).
man-exit-dunning-130 = Interrupted by SIGINT or SIGTERM during batch or merge: the temporary zip was removed, nothing was written.
man-exit-batch-0 = Every letter was written: the zip is in place.
man-exit-batch-1 = Invalid data, template or config, or a letter that took longer than its time limit (DUNNING_LETTER_SECONDS): nothing was written.
man-exit-batch-3 = With --skip-invalid: the valid letters were written, the rejected rows are listed in the zip's rejects.csv.
man-exit-merge-0 = The full run's zip is in place.
man-exit-merge-1 = The shards are not one whole run (one missing or given twice, another --as-of, chunk size, duplex or templates) or a zip is damaged: nothing was written.
man-exit-merge-3 = Written; the shards had rejected rows, listed in rejects.csv.
man-exit-check-0 = No problem found.
man-exit-check-1 = Problems found, each printed as FILE:ROW: COLUMN: message (templates as TEMPLATE:LINE).
man-exit-compute-0 = The figures were printed.
man-exit-compute-1 = Invalid data or config: the problems are printed, no figures.
man-exit-preview-0 = The letter was written. With --watch the command runs until interrupted; an error while watching is printed and watching goes on.
man-exit-preview-1 = Invalid data, template or config, no row with that --id, or a letter over its time limit: nothing was written.
man-exit-templates-2 = Usage error, or files that would be overwritten (templates export without --force; init into a folder that is not empty).
man-exit-send-0 = Every message was sent (or, with --eml, written; with --dry-run, listed).
man-exit-send-1 = A bad zip (no manifest, a missing or changed PDF), a bad address or template: nothing was sent.
man-exit-send-3 = Some letters did not go out: refused (failed), without an address (skipped) or deferred; the send log says which.
man-exit-send-4 = The mail server could not be reached, or the send log cannot be written.
man-exit-send-130 = Interrupted after the message in hand; what was sent is in the send log.
man-env-none = No environment variable changes what this command does.
man-env-locale-note = The locale decides only the tool's own messages: a letter's language is its row's lang column, else --lang, else the config's lang, else zh.
man-env-letter-seconds = Seconds one letter may take to be filled or laid out (default 30). Past that the run stops with exit 1, naming the template and the letter, and leaves nothing behind.
man-env-tz = The time zone of "today", the default --as-of (else /etc/localtime; with neither, UTC).
man-env-smtp-password = The SMTP password for the user named in --smtp (never on the command line or in the config).
man-env-ui = zh or en: the language of the tool's own messages, whatever the locale.
man-env-locale = The first one set decides the language of the messages: Chinese when it begins with zh, English otherwise. Files the tool writes are the same in both.
man-env-now = An RFC 3339 instant taken as the current time (tests; re-running a scheduled job as it ran). The config's timezone: turns it into today's date.
man-env-rayon = The number of threads that render letters when --jobs does not say (default: one per core).

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
templates-list-kind = kind
templates-list-languages = languages
templates-list-description = description
templates-about-demand = payment demand 催款函: what is owed, the late fee and its daily increase, deadline, consequence
templates-about-mortgage-reminder = 催补按揭资料函: loan documents not handed in by documents_due; new deadline
templates-about-termination-mortgage = 终止合同通知书（按揭）: terminated for missing loan documents; 退房申请书 attached
templates-about-termination = 终止合同通知书（非按揭）: terminated for non-payment; 退房申请书 attached
templates-about-fax-cover = fax cover sheet 传真: amounts payable, paid and overdue; objection deadline
templates-about-reminder = friendly reminder 温馨提示函: instalments falling due soon, amount and date, how to pay
templates-about-statement = statement of account 对账单: every item and payment, the balance; sign and return or object
templates-about-lawyer-letter = lawyer's letter 律师函: the law firm (config lawyer:) claims the debt on the creditor's behalf
templates-about-sms = text message per letter (batch --sms FILE.csv): amount, deadline, sender and phone
templates-about-mail = email per letter (dunning send): subject on the first line, then the body; PDF attached
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
