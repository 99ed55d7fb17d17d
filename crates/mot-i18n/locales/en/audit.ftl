# Touchpoint audits: branches, templates, rounds, rater links, the rater's
# page, results with the item × branch heat map, and the standards.

## Rater groups
audit-group-manager = Manager
audit-group-staff = Staff
audit-group-friend = Friend
audit-group-mystery-shopper = Mystery shopper
audit-group-customer = Customer
# A numbered anonymous rater link's label: "Staff 3".
audit-link-label = { $group } { $number }

## Shared words
audit-closed = closed
audit-save = Save
audit-remove = Remove
audit-optional = (optional)
audit-back-to-audits = ← Audits
audit-back-to-board = ← Back to the board
audit-back-to-round = ← { $round }
audit-results = Results
audit-of = { $done } of { $total }

## The business page: branches, rounds, templates
audit-branches = Branches
audit-branches-hint = Locations or divisions. Audits compare them, because consistency is a goal of its own.
audit-branches-empty = No branches yet. Add at least one to start an audit.
audit-branch-new = New branch
audit-branch-placeholder = e.g. Harbour Street
audit-branch-add = Add branch
audit-heading = Touchpoint audits
audit-rounds = Rounds
audit-rounds-empty = No audit rounds yet.
audit-results-link = results
audit-templates = Templates
audit-templates-hint = Templates belong to the workspace, so an adviser can use one for every client.
audit-template-new = New template
audit-template-default = The Moments of Truth audit (15 items)
audit-template-from-journey = From the journey “{ $journey }” (one item per moment)
audit-template-from-round = From the audit round “{ $round }” (its items as asked)
audit-template-round-name = { $round } (template)
audit-template-create = Create template
audit-round-start = Start a round
audit-round-name = Name
# The suggested name of a new round, with today's date (YYYY-MM-DD).
audit-round-default-name = Audit { $date }
audit-round-template = Template
audit-round-opens = Opens
audit-round-closes = Closes
audit-round-start-button = Start the round

## A template
audit-template-hint = Changes here apply to rounds started later; a round already under way keeps the items its raters answered.
audit-template-empty = This template has no items yet. Add one below.
audit-phase-up = ↑ Phase up
audit-phase-down = ↓ Phase down
audit-item = Item
audit-item-guidance = Guidance for raters (the standard)
audit-item-moment = Linked moment
audit-item-up = ↑ Up
audit-item-down = ↓ Down
audit-item-up-label = Move up: { $item }
audit-item-down-label = Move down: { $item }
audit-item-add-heading = Add an item
audit-item-phase = Phase
audit-item-phase-hint = (an existing one, or a new name)
audit-item-guidance-short = Guidance
audit-item-add = Add item
# The phase suggested for the first item of an empty template.
audit-default-phase = Engagement

## A round
audit-round-items = { $count ->
    [one] { $count } item
   *[other] { $count } items
}
# After "<strong>3 of 5</strong>".
audit-round-handed-in = { $count } raters handed in
audit-links-new = New rater links
audit-links-new-notice = Copy or print these now: each link is personal and is shown only once. (Use “Remind” to make a fresh one later.)
audit-link-qr-label = QR code for { $rater }
audit-link-url-label = Link for { $rater }
audit-raters = Raters
audit-raters-empty = No raters invited yet. Make personal links below and send them, or show their QR codes.
audit-col-rater = Rater
audit-col-group = Group
audit-col-answers = Answers
audit-col-status = Status
audit-col-remind = Remind
audit-status-handed-in = ✓ handed in
audit-status-in-progress = in progress
audit-status-not-started = not started
audit-remind = Remind (new link)
audit-invite = Invite raters
audit-rater-group = Rater group
audit-labels = Names or labels, one per line
audit-labels-hint = (or a number, e.g. 20, for 20 anonymous links)
audit-labels-placeholder =
    Ann
    Bo
    Customer at the till
audit-make-links = Make links
audit-close-round = Close the round

## The rater's page (a member of staff, a friend or a customer, on a phone)
audit-rater-thanks = Thank you: your answers are handed in.
audit-rater-closed = This audit is closed. Thank you.
audit-rater-not-yet = This audit opens on { $date }. Please come back then.
audit-rater-intro = Score each item from { $low } to { $high }, or choose “not applicable”. Your answers are saved as you go, also without a connection: they are sent when it is back.
audit-rater-low = 1 (low)
audit-rater-high = 10 (high)
audit-rater-standard = Standard: { $standard }
audit-rater-score-label = Score for { $item }
audit-rater-na = N/A
audit-rater-comment = Comment
audit-rater-hand-in = Hand in

## Results
audit-results-title = Results: { $round }
audit-results-heading = Results: { $round }
audit-results-handed-in = { $done } of { $total } raters handed in
audit-results-against = change is against “{ $round }”
audit-results-drafts = { $count ->
    [one] { $count } rater has answered without handing in yet: those answers are not counted until they hand in.
   *[other] { $count } raters have answered without handing in yet: those answers are not counted until they hand in.
}
audit-download = Download:
audit-download-pdf = PDF
audit-download-excel = Excel
audit-download-csv = CSV
audit-download-print = Or print this page.
audit-results-items = Items, lowest first
audit-legend-mean = Mean, median
audit-legend-mean-text = Scores run from 1 (low) to 10 (high).
audit-legend-spread-text = How far the scores sit from the mean (the standard deviation): 0 means every rater gave the same score; 2 or more means raters see this item very differently.
audit-flag-gap = ⚑ gap
audit-legend-gap-text = Two rater groups differ by { $points } points or more beyond their usual gap in this round (a group that always rates higher is not flagged).
audit-flag-inconsistent = ⚑ inconsistent
audit-legend-inconsistent-text = The branches' means differ by { $points } points or more ({ $column }: the highest branch mean minus the lowest).
audit-col-usual-gap = Usual gap
audit-col-beyond-usual = Beyond the usual
audit-results-low-at = low mainly at { $branch } ({ $mean })
# "Staff 8.0 vs Friend 4.0 (4.0)": the two groups' means and the gap.
audit-gap-words = { $high } { $high_mean } vs { $low } { $low_mean } ({ $gap })
audit-gaps-heading = Gaps between rater groups, largest first
audit-gaps-hint = Ranked by how far each gap is from the usual gap between the same two groups on this round's other items.
audit-gaps-region = Gaps between rater groups
audit-heat-heading = Item × branch
audit-heat-hint = Mean score per branch. ⚑ marks items where branches differ by 2 points or more: consistency is a goal of its own.
audit-breakdown-heading = By phase, group and branch
audit-breakdown-column = Phase, group or branch
audit-breakdown-phase = Phase: { $phase }
audit-breakdown-group = Group: { $group }
audit-breakdown-branch = Branch: { $branch }
audit-comments-heading = Comments from raters
audit-comments-empty = No comments handed in.
# After a rater's comment: "— Staff, North".
audit-comment-by = — { $group }, { $branch }

## Standards
audit-standards-title = Standards
audit-standards-heading = Standards: { $journey }
audit-standards-intro = For each moment, the experience the business wants the customer to have, its possible highs, and the risks that could make it a low — so every person, branch and division delivers it the same way.
audit-standards-empty = No moments on this journey yet: capture them on the board first.
audit-standard-badge = ◆ standard
audit-standard-experience-label = The experience we want
audit-standard-highs-label = Possible highs
audit-standard-risks-label = Risks that could make it a low
audit-standard-save = Save standard
audit-standard-experience = Experience
audit-standard-highs = Highs
audit-standard-risks = Risks
audit-standard-none = No standard yet.

## Refusals (after "field: ")
audit-error-from = choose the default template or a journey
audit-error-delta = -1 or 1
audit-error-template = choose a template
audit-error-not-a-branch = not a branch
audit-error-branch = choose a branch
audit-error-group = choose a rater group
audit-error-group-key = manager, staff, friend, mystery_shopper or customer
audit-error-labels = make between 1 and 500 links at a time
audit-error-score = give 1 (low) to 10 (high), or “not applicable”
audit-error-item = not an item
audit-error-not-in-business = no such { $thing } in this workspace and business
audit-no-download = No such download.
audit-link-replaced = No such audit link (it may have been replaced by a newer one), or it is not yours to see.

## The rater's page script (rater.js)
js-audit-progress = { $answered } of { $total } answered
js-audit-waiting = { $waiting } waiting for a connection
js-audit-saving = saving…
js-audit-saved = saved
js-audit-offline = offline: kept on this phone
js-audit-offline-kept = offline: your answers are kept; hand in when the connection is back
js-audit-offline-hand-in = offline: hand in when the connection is back
js-audit-not-saved = Not saved ({ $status })
js-audit-not-handed-in = Not handed in ({ $status })
js-audit-confirm-missing = { $missing } item(s) have no answer yet. Hand in anyway? Answers cannot be changed afterwards.
audit-bench-heading = Beside your other clients
audit-bench-hint = Each other client that audits with the same template counts once, with its latest round; only medians and the middle half are shown, never a client.
audit-bench-too-few = { $clients } other clients audit with this template; their scores are shown from { $min } on, so that none can be made out.
audit-bench-col-here = This client
audit-bench-col-median = Others' median
audit-bench-col-middle = Middle half of others
audit-bench-col-where = Where this client stands
audit-bench-col-clients = Other clients
audit-bench-below = below the middle half
audit-bench-above = above the middle half
audit-bench-within = within the middle half
