# The exports (mot-export): the contact planning form, the touchpoint
# audit's report and the next session's calendar file. Every format
# (CSV, XLSX, Markdown, PDF, iCalendar) takes its words from here.

## Shared by every format

export-rating-miserable = Miserable
export-rating-neutral = Neutral
export-rating-magical = Magical

export-rater-manager = Manager
export-rater-staff = Staff
export-rater-friend = Friend
export-rater-mystery-shopper = Mystery shopper
export-rater-customer = Customer

# The PDF's footer, and the XLSX's printed footer (there $page and $count
# are Excel's codes &P and &N).
export-page = Page { $page } of { $count }
# The PDF: a table that runs on to another page repeats its heading with this.
export-continued = (continued)
# The XLSX: a text longer than Excel allows in a cell is cut, and says so.
export-xlsx-cut = cut at Excel's { $limit }-character cell limit; the CSV export has the full text

## The contact planning form

# Its title (PDF, Markdown), the XLSX sheet's name and printed footer.
export-form-title = Contact planning form
export-form-col-channel = Channel
export-form-col-moment = Moment of truth
export-form-col-description = Description
export-form-col-expectation = Customers expect
export-form-col-reality = What happens now
export-form-col-issue = Issue / problem
export-form-col-ranking = Ranking
export-form-col-action = Action
export-form-col-priority = Priority
# The Priority cell of a priority moment.
export-form-priority-yes = Yes
# The group of moments that have no channel.
export-form-no-channel = No channel yet
export-form-empty = No moments on this journey yet.
# The Issue / problem cell when the team agreed what customers expect and
# what happens now: one line each.
export-form-issue-expect = Customers expect: { $text }
export-form-issue-now = What happens now: { $text }
export-form-issue-issue = Issue: { $text }
# The Action cell: each action on a line of its own, "what (who)" or
# "what (who, by when)", then, on the lines below, each small step of its
# ladder in order (the form indents them): "1. step" or "1. step, by
# when", followed by the step's measure and by a mark on a step taken.
export-form-action = { $what } ({ $owner })
export-form-action-due = { $what } ({ $owner }, by { $date })
export-form-action-step = { $number }. { $text }
export-form-action-step-due = { $number }. { $text }, by { $date }
export-form-action-step-measure = ({ $measure })
export-form-action-step-done = ✓ done

## The touchpoint audit's report

export-audit-title = Touchpoint audit
export-audit-col-phase = Phase
export-audit-col-item = Item
export-audit-col-mean = Mean
export-audit-col-median = Median
export-audit-col-spread = Spread
export-audit-col-count = Count
export-audit-col-change = Change since last round
export-audit-col-gap = Gap between groups
export-audit-col-flags = Flags
export-audit-col-inconsistency = Inconsistency
export-audit-col-rater-group = Rater group
export-audit-col-branch = Branch
export-audit-col-comment = Comment
# The CSV's column of an item's mean at one branch.
export-audit-mean-at = Mean at { $branch }
export-audit-flag-gap = ⚑ gap
export-audit-flag-inconsistent = ⚑ inconsistent
# A branch the report does not name.
export-audit-branch-unnamed = Branch { $id }
export-audit-by-phase = By phase
export-audit-by-group = By rater group
export-audit-by-branch = By branch
export-audit-comments = Comments from raters
export-audit-comments-none = Comments from raters: none handed in.
export-audit-responses = { $handed_in } of { $sent } { $sent ->
        [one] rater
       *[other] raters
    } handed in
# After the responses, in brackets.
export-audit-drafts = { $drafts ->
        [one] ({ $drafts } more has answers not handed in, not counted)
       *[other] ({ $drafts } more have answers not handed in, not counted)
    }
export-audit-legend = Scores run from 1 (low) to 10 (high); spread is the standard deviation (how far the scores sit from the mean: 0 when every rater gave the same score). Only handed-in answers are counted. { $gap_flag }: two rater groups' means differ by { $gap } points or more beyond their usual gap in this round (a group that always rates higher is not flagged). { $inconsistent_flag }: the branches' means differ by { $inconsistent } points or more (the inconsistency is the highest branch mean minus the lowest).
# "Staff 8.0 vs Friend 4.0 (4.0)": the widest gap between two rater groups.
export-audit-gap = { $high } { $high_mean } vs { $low } { $low_mean } ({ $points })
export-audit-sheet-items = Items
export-audit-sheet-summary = Summary
export-audit-sheet-heat-map = Heat map
export-audit-sheet-comments = Comments
# The sheets' printed footers.
export-audit-print-items = Touchpoint audit: items
export-audit-print-summary = Touchpoint audit: summary
export-audit-print-heat-map = Touchpoint audit: heat map
export-audit-print-comments = Touchpoint audit: comments
export-audit-items-note = { $responses } · lowest-scoring items first
export-audit-heat-note = Mean score per item and branch, from 1 (low, red) to 10 (high, green); { $none } where nobody scored. Inconsistency: the highest branch mean minus the lowest; ⚑ at { $inconsistent } or more.
export-audit-no-comments = No comments handed in.
export-audit-comments-note = The raters' comments per item, with their group and branch (never the person).
export-audit-pdf-intro = { $responses }. Items lowest-scoring first. { $legend } Heat map: each cell is the branch's mean, filled from red (low) through yellow to green (high); { $none } where nobody scored.
export-audit-no-items = This round has no items.
export-audit-items-heading = Items, lowest-scoring first
export-audit-heat-heading = Heat map: mean score per item and branch
# The heat map split over several tables, one per group of branches.
export-audit-heat-part = { $heading } (branches { $from }–{ $to } of { $total })

## The next session's calendar file

export-ics-summary = Moments of Truth: { $journey }
export-ics-description = Follow-up of “{ $session }”. Board: { $url }

## Feedback sheets (table cards and posters with a moment's QR code)

# The PDF's document title.
export-sheet-title = Feedback: { $business }
# Under the QR code.
export-sheet-scan = Scan to answer — it takes ten seconds

## Customers' answers (CSV, XLSX)
export-feedback-sheet = Answers
export-feedback-col-date = Date
export-feedback-col-moment = Moment
export-feedback-col-branch = Branch
export-feedback-col-answer = Answer
export-feedback-col-reason = Reason
export-feedback-col-comment = Comment
export-feedback-col-flagged = Flagged
export-feedback-flagged-yes = flagged, not counted

## A journey's customer feedback report (PDF, CSV, XLSX)
export-feedback-report-title = Customer feedback report
# $made is a date and time, such as "2026-05-04 14:03 UTC".
export-feedback-report-intro = Customers' answers of the last { $days } days, { $from } to { $to }; made { $made }. Each moment is rated worse, as expected or better than customers expected. The score runs from −100 (all worse) to +100 (all better); the range after it is where the true score lies, 95 % sure. Under { $min } answers a moment is too few to tell. Flagged answers are counted by no figure.
export-feedback-report-moments-heading = Moments, in the board's order
export-feedback-report-no-moments = This journey has no moments yet.
export-feedback-report-too-few = too few to tell
export-feedback-report-no-answers = no answers yet
export-feedback-report-total = All answers
export-feedback-report-range = { $low } to { $high }
export-feedback-report-answers = { $n ->
        [one] { $n } answer
       *[other] { $n } answers
    }
export-feedback-report-col-answers = Answers
export-feedback-report-col-score = Score
export-feedback-report-col-range = 95 % range
export-feedback-report-col-team = Team's rating
export-feedback-report-col-gap = Team and customers
export-feedback-report-blind-spot = Blind spot: the team rates it { $points } points higher than its customers
export-feedback-report-modesty = Modesty: customers rate it { $points } points higher than the team
export-feedback-report-months-heading = Month by month, the six whole months to the period's end (reaching before a shorter period): each moment's score, every branch together
# A month's column: $month its name, $year.
export-feedback-report-month = { $month } { $year }
export-feedback-report-alerts-heading = What the trends say now
export-feedback-report-col-alert = Alert
export-feedback-report-no-alerts = No alerts: no moment's latest week is beyond what its past explains.
export-feedback-report-branches-heading = Each moment across branches: score and answers
# The side-by-side view split over several tables, one per group of branches.
export-feedback-report-branches-part = { $heading } (branches { $from }–{ $to } of { $total })
export-feedback-report-col-consistency = Across branches
export-feedback-report-branches-differ = ⚑ Branches differ beyond chance: from { $low } to { $high }
export-feedback-report-branches-alike = { $low } to { $high }, within chance
export-feedback-report-comments-heading = Recent comments (the { $n } newest counted)
export-feedback-report-no-comments = No comments in this period.
export-feedback-report-col-worse-share = Worse (%)
export-feedback-report-col-as-expected-share = As expected (%)
export-feedback-report-col-better-share = Better (%)
export-feedback-report-col-score-low = Score, 95 % low
export-feedback-report-col-score-high = Score, 95 % high
export-feedback-report-col-note = Note
export-feedback-report-col-gap-points = Gap (points)
export-feedback-report-col-alerts = Alerts now
export-feedback-report-kind-blind-spot = blind spot
export-feedback-report-kind-modesty = modesty
export-feedback-report-sheet-figures = Figures
export-feedback-report-sheet-comments = Comments
# On the journey's feedback page, before the links to the report's files.
export-feedback-report-download = The report of this period:

# The journey map (the board as a picture: SVG, PNG, A3 poster PDF).
export-map-title = Journey map: { $journey }
export-map-priority = Priority
export-map-no-channel = no channel yet
export-map-actions = { $count ->
    [one] { $count } action
   *[other] { $count } actions
}
export-map-drawn-on = Drawn on { $date }
export-map-session = Session “{ $session }” of { $date }
export-map-next = next session { $date }

## The client report pack.
# $business is the client's name.
export-pack-title = Report for { $business }
export-pack-intro = This pack brings together where { $business } stands with its customers' moments of truth:
# $part names a part of the pack that has nothing yet.
export-pack-missing = { $part }: nothing yet
# $session is the session's title, $date its day.
export-pack-part-form = The planning form of the latest session, { $session } ({ $date })
export-pack-part-actions = { $count ->
    [one] The status of the one open action
   *[other] The status of the { $count } open actions
}
# $round is the audit round's name.
export-pack-part-audit = The results of the latest audit, { $round }
export-pack-part-feedback = { $count ->
    [one] What customers said, for one journey
   *[other] What customers said, for each of { $count } journeys
}
export-pack-contact = Your adviser
export-pack-actions = Open actions
export-pack-no-actions = No open actions.
export-pack-col-journey = Journey
export-pack-col-action = Action
export-pack-col-owner = Who
export-pack-col-due = Due
export-pack-col-status = Status
export-pack-open = open
export-pack-doing = in progress
export-pack-done = done
export-pack-dropped = dropped
export-pack-overdue = overdue
