# Customer feedback: the customer's page, a journey's figures, handing out a link.

## What a customer says, compared with what they expected
feedback-verdict-worse = Worse
feedback-verdict-as-expected = As expected
feedback-verdict-better = Better

## The customer's page
feedback-question = How was “{ $moment }” compared with what you expected?
feedback-reason-legend = What mattered most? (optional)
feedback-comment-label = Anything you would like to tell us? (optional)
feedback-customer-field-comment = Your comment
feedback-trap-label = Leave this empty
feedback-send = Send
feedback-privacy = Your answer is anonymous unless you leave your address. No account, no tracking.
feedback-thanks = Thank you!
feedback-thanks-text = Your answer helps { $business } get better at what matters to you.
feedback-link-gone = This feedback link is not (or no longer) in use. Thank you all the same.
feedback-gone-title = Thank you for stopping by
feedback-busy-title = One moment, please
feedback-not-taken-title = Your answer was not taken

## A journey's figures
feedback-title = Customer feedback
feedback-intro = What customers say of each moment, compared with what they expected: worse, as expected or better. The score runs from −100 (all worse) to +100 (all better); the range after it is where the true score lies, 95 % sure.
feedback-period = Period
feedback-last-days = last { $days } days
feedback-show = Show
feedback-bad-period = Choose a period of 1 to 3,660 days.
feedback-bad-period-kind = Choose a trend by week or by month.
feedback-period-from = From
feedback-period-to = To
feedback-period-dates = or choose the dates
feedback-period-between = { $from } to { $to }
feedback-xlsx-too-many = More than { $max } answers: too many for a spreadsheet file. Take the CSV file, which holds them all, or a shorter period.
feedback-no-moments = This journey has no moments yet. Add notes to its board first, then ask customers about them here.
feedback-no-answers = No answers yet.
feedback-score = Score { $score }
feedback-interval = (95 %: { $low } to { $high })
feedback-share-range = ({ $low }–{ $high } %)
feedback-range = { $low } to { $high }
feedback-too-few = Too few to tell (under { $min } answers)
feedback-too-few-short = too few to tell
feedback-score-head = Score (95 %)
feedback-answers-head = Answers
feedback-answers = { $n ->
        [one] { $n } answer
       *[other] { $n } answers
    }
feedback-by-branch = By branch
feedback-figures = What customers say
feedback-every-branch = Every branch
feedback-no-branch = Every branch (none named)
feedback-point-link = Link and QR code: { $branch }
feedback-point-closed = (closed: it takes no answers)
feedback-ask = Ask customers

## A feedback point
feedback-hand-out = Hand it out
feedback-hand-out-text = Print the QR code on receipts, table cards or posters, or put the link in an e-mail. It asks about this moment only; customers cannot change what they rate.
feedback-qr-label = QR code of the feedback link
feedback-link = Feedback link
feedback-open = Open the customer's page
feedback-qr-download = Download the QR code (SVG)
feedback-reasons = Reasons customers may pick
feedback-reasons-hint = One per line, at most { $max }, for example { $example }. Customers may pick one, or none. They are the moment’s: every branch’s link and every survey that asks about it offer them.
feedback-reasons-example = waiting time, friendliness
feedback-save-reasons = Save reasons

## The team's view beside the customers'
feedback-team = Team:
feedback-not-rated = not rated yet
feedback-audit = Audit:
feedback-not-audited = not audited yet
feedback-gaps = Where the team and customers disagree
feedback-no-gaps = No clear disagreement. A moment shows here once the team has rated it in a session and customers have given at least { $min } answers whose range leaves out the team's rating.
feedback-blind-spot = Blind spot:
feedback-modesty = Modesty:
feedback-gap-line = the team says { $team }, customers { $score } ({ $n } answers)

## Comments
feedback-comments = What customers wrote
feedback-read-comments = Read the comments
feedback-filter-moment = Moment
feedback-filter-any = Any
feedback-filter-verdict = Answer
feedback-filter-search = Words
feedback-no-comments = No comments match. Customers' comments appear here as they come in.
feedback-older = Older comments

## The customer's page script
js-feedback-sending = Sending…
js-feedback-kept-busy = Saved on this phone. It could not be sent just now and will be tried again shortly: keep this page open, or open this link again later.
js-feedback-kept = Saved on this phone. It will be sent once you are back online: keep this page open, or open this link again later.
js-feedback-refused = Your answer was not taken (error { $status }).

## Over time
feedback-trend = Over time
feedback-trend-intro = How many customers answered worse and better, period by period. The dashed lines are the limits chance explains, from this moment's own past; a period beyond them is marked, never a single answer.
feedback-trend-every-branch-together = Every branch together
feedback-by-week = By week
feedback-by-month = By month
feedback-week-of = week of { $date }
feedback-month-of = month from { $date }
feedback-alert-still-week = still so in the week of { $date }
feedback-alert-still-month = still so in the month from { $date }
feedback-answers-col = Answers
feedback-limits = Usual range
feedback-beyond-limits = beyond the usual range
feedback-trend-table = The figures per period
feedback-chart-label = Shares answering worse and better per period, with their usual ranges
feedback-chart-legend = dashed: the usual range (filled marks lie beyond it)
feedback-alert-worse = More customers say worse than this moment's past explains.
feedback-alert-fading = Magic fading into expectation: fewer customers say better than this moment's past explains.
feedback-alerts = Alerts

## Flagged answers
feedback-filter-flagged = Flagged answers (counted by no figure)
feedback-flagged-intro = These answers looked suspicious (a robot filled in the form's hidden field, say, or someone flagged them). They are kept but counted by no figure; count one after all if it is real.
feedback-filter-reason = Reason:
feedback-filter-reason-clear = Show every reason
feedback-filter-by-reason = Show only answers with this reason
feedback-flag = Flag: do not count it
feedback-unflag = Count it after all
feedback-trend-empty = No answers in this time yet. Hand out the moment's link or QR code; the trend fills in as customers answer.
feedback-trend-no-range-yet = The usual range is shown once at least { $n } periods have answers; until then it would say little.
feedback-print-cards = Print table cards (four A6 on a page, PDF)
feedback-print-poster = Print a poster (A4, PDF)
feedback-bad-sheet-size = Choose a6 (table cards) or a4 (a poster).
feedback-download = Every answer of this period:
