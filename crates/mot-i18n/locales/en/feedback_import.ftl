# Importing the feedback a business already has, from a CSV or Excel file.

feedback-import-link = Import answers from a file
# The inputs an import's refusals name.
field-file = file
field-columns = columns
field-scale = scale of the ratings
thing-import = import

## The upload
feedback-import-title = Import customers' answers
feedback-import-intro = Bring in the feedback you already have: a survey tool's export, a review site's CSV, your till's "how did we do". Save it as CSV (comma or semicolon; UTF-8, UTF-16 or Windows-1252) or as an Excel file (.xlsx, its first sheet). Its first row names the columns; each other row is one customer's answer with a date, the moment it is about, a rating and, if you have them, a branch and a comment.
feedback-import-limit = Files up to { $mb } MB.
feedback-import-file = File
feedback-import-upload = Upload and preview
feedback-import-too-large = The file is larger than { $mb } MB. Split it into smaller files and import them one after another.
feedback-import-not-a-form = Send the file with the upload form (multipart/form-data).
feedback-import-no-file = Choose a file to import.
feedback-import-empty = The file holds no answers: it is empty, or has a header row and nothing below it.
feedback-import-not-a-table = This is not a CSV or Excel file mot can read (or its text is in an encoding other than UTF-8, UTF-16 or Windows-1252).
feedback-import-one-column = This file has only one column. mot reads text with its columns separated by commas, semicolons or tabs, and the first sheet of an Excel workbook: if the answers are on another sheet, move that sheet to the front and upload the file again.
feedback-import-undecodable = The file holds bytes that are not text in its encoding. Save it again as CSV UTF-8 and import it again; nothing was imported.
feedback-import-too-many-columns = The file has more than { $max } columns.
feedback-import-gone = This upload is no longer here (uploads wait an hour, and go once imported). Upload the file again.

## Which column is which
feedback-import-map-title = Which column is which
feedback-import-file-facts = { $encoding }, { $kib } KiB
feedback-import-preview = { $n ->
        [one] The first row
       *[other] The first { $n } rows
    }
feedback-import-columns = Columns
feedback-import-col-line = Line
feedback-import-col-reason = Reason
feedback-import-col-date = Date
feedback-import-col-moment = Moment (touchpoint)
feedback-import-col-branch = Branch
feedback-import-every-moment = Or every row is about this note:
feedback-import-every-branch = Or every row is from this branch:
feedback-import-col-rating = Rating
feedback-import-col-comment = Comment
feedback-import-col-id = The answer's own id (optional)
feedback-import-none = (none)
feedback-import-pick = Choose a column
feedback-import-column = Column { $n }: { $name }
feedback-import-moments-hint = The moment column must hold the titles of this journey's notes (whatever their case). A file about one touchpoint, or one branch, needs no such column: choose in the list the note, or branch, every row is about. The notes:
feedback-import-scale = How the ratings read
feedback-import-scale-stars = 1–5 stars: under 3 worse, 3 as expected, over 3 better (half stars too)
feedback-import-scale-ten = 0–10: under 7 worse, 7 to under 9 as expected, 9–10 better
feedback-import-scale-words = The words worse, as expected and better
feedback-import-scale-text = My own texts, listed below
feedback-import-scale-table = Your texts, one a line: text = worse, as expected or better
feedback-import-dates = Dates written with slashes (03/04/2025)
feedback-import-day-first = Day first (3 April)
feedback-import-month-first = Month first (March 4)
feedback-import-all-or-nothing = Import nothing if any line is refused
feedback-import-run = Import
feedback-import-choose = Choose the column for “{ $column }”.
feedback-import-choose-scale = Choose how the ratings read.
feedback-import-choose-date-order = Choose how dates with slashes read.
feedback-import-no-such-column = The mapping names a column the file does not have.
feedback-import-column-twice = The column “{ $column }” is chosen twice.
feedback-import-empty-table = Fill in the table of your texts: one “text = verdict” a line.
feedback-import-bad-table-line = Line { $line } of your table is not “text = worse, as expected or better”.
feedback-import-long-table = Your table may hold at most { $max } texts.
feedback-import-line = Line { $line }: { $reason }

## Why a line is refused
feedback-import-missing-column = the column “{ $column }” is missing
feedback-import-unreadable = it holds control characters
feedback-import-bad-date = “{ $value }” is not a date (write 2025-04-03, 03.04.2025 or 03/04/2025)
feedback-import-future-date = the date { $value } is in the future
feedback-import-no-moment = no moment is named
feedback-import-unknown-moment = no note of this journey is called “{ $value }”
feedback-import-moment-twice = { $count } notes of this journey are called “{ $value }”, whatever the case: write the title exactly as one of them is written, or give each note a title of its own on the board
feedback-import-every-gone = The note or branch chosen for every row is no longer there: choose again.
feedback-import-unknown-branch = the business has no branch called “{ $value }”
feedback-import-no-rating = there is no rating
feedback-import-bad-rating = the rating “{ $value }” is not on the chosen scale
feedback-import-long-comment = the comment is { $length } characters long; the limit is { $limit }
feedback-import-long-id = the answer's id is longer than { $limit } characters
feedback-import-more-refused = … and { $n } more refused lines
feedback-import-no-rows = Not a single line could be imported ({ $refused } refused); nothing was imported.
feedback-import-some-refused = { $refused ->
        [one] One line was refused, so nothing was imported (you chose all or nothing).
       *[other] { $refused } lines were refused, so nothing was imported (you chose all or nothing).
    }

## The result
feedback-import-done-title = Import finished
feedback-import-imported = { $n ->
        [one] { $shown } answer imported
       *[other] { $shown } answers imported
    }
feedback-import-already = { $n ->
        [one] { $shown } was there already
       *[other] { $shown } were there already
    }
feedback-import-refused = { $n ->
        [one] { $shown } line refused
       *[other] { $shown } lines refused
    }
feedback-import-download-refused = Download the refused lines with their reasons (CSV)
feedback-import-see-figures = See the figures
feedback-import-another = Import another file
feedback-import-undone-title = Import taken out
feedback-import-undone = { $n ->
        [one] Taken out: its { $shown } answer is no longer in the figures. You may import the file again, read another way.
       *[other] Taken out: its { $shown } answers are no longer in the figures. You may import the file again, read another way.
    }
feedback-import-take-out = Take this import out…
feedback-import-take-out-what = { $n ->
        [one] Its { $shown } answer leaves the figures, as if it had never been imported. Do this when the file was read the wrong way (a scale or a date order), then import it again.
       *[other] Its { $shown } answers leave the figures, as if they had never been imported. Do this when the file was read the wrong way (a scale or a date order), then import it again.
    }
feedback-import-take-out-confirm = Take the import out
feedback-import-not-taken-out = Only a finished import can be taken out: this one is still running, or kept nothing.
feedback-import-earlier = Earlier imports
feedback-import-state-running = running
feedback-import-state-failed = failed: nothing kept
feedback-import-state-undone = taken out
feedback-import-state-undoing = being taken out
feedback-import-undoing = Being taken out, when it stopped midway: take it out again to finish.
feedback-import-running-elsewhere = Another import of this workspace is running: take this one out once it is done.
feedback-import-taking-out = An import of this workspace is being taken out: import this file once that is done.

## An import under way, or failed
feedback-import-running-title = Importing
feedback-import-reading = Reading and checking the file: { $percent } %
feedback-import-saving = Saving the answers: { $done } of { $total }
feedback-import-counting = Almost done: adding the answers to the figures
feedback-import-page-updates = This page updates by itself; you may also leave it, the import goes on.
feedback-import-failed-title = The import failed
feedback-import-nothing-kept = Nothing of this file was kept.
feedback-import-interrupted = The server stopped during the import, so nothing of it was kept. Import the file again.
feedback-import-moment-gone = A note this file names was taken off the board during the import, so nothing was kept.
feedback-import-branch-gone = A branch this file names was removed during the import, so nothing was kept.
feedback-import-failed = The import could not be finished, so nothing was kept. Try again.
feedback-import-try-again = Change the mapping and import again
