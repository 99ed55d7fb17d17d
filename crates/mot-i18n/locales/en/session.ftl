# The five-step session: the panel above the board, the contact planning
# form, and the session's own refusals of a form.

## The steps (phases) and what each asks of the team

session-step-capture = Capture
session-step-colour-code = Colour-code
session-step-prioritise = Prioritise
session-step-assess = Assess
session-step-ideas = Ideas
session-step-select-plan = Select & plan
session-step-wrap-up = Wrap-up

session-instruction-capture = Write every point where a customer meets the business on a note, in the order it happens.
session-instruction-colour-code = Give each note its channel: how the customer meets the business there.
session-instruction-prioritise = Put your dots on the moments that matter most. Votes stay hidden until the facilitator reveals them.
session-instruction-assess = For each priority moment: what do customers expect, what happens now, and is it Miserable, Neutral or Magical?
session-instruction-ideas = Every idea is welcome, however outlandish. No criticism while ideas flow.
session-instruction-select-plan = Discuss which ideas have merit, and turn the chosen ones into actions: who does what by when.
session-instruction-wrap-up = Book the next session and take away the contact planning form.

## Ratings and action statuses

session-rating-miserable = Miserable
session-rating-neutral = Neutral
session-rating-magical = Magical

session-status = Status
session-status-open = open
session-status-doing = doing
session-status-done = done
session-status-dropped = dropped

## The panel's head and the facilitator's tools

session-deleted-moment = (deleted moment)
session-phases = Phases
# A timer button: "Timer 5 min"; its tooltip: "Start a 5 min timer".
session-timer-button = Timer { $minutes } min
session-timer-start-title = Start a { $minutes } min timer
session-timer-stop = Stop timer
session-done = I'm done
session-done-undo = ✓ I'm done (undo)
session-nobody-done = Nobody has said they're done yet.
session-done-count = { $count } done
session-still-working = Still working:
# Between people's names in a list.
session-name-separator = {", "}

## Starting a session

session-start-next = Start the next session
session-start-a-session = Start a session
session-field-title = Title
# The suggested title of a new session; the date is written 2026-12-16.
session-default-title = Session { $date }
session-field-date = Date
session-field-dots-per-person = Dots per person (1–{ $max })
session-field-priorities-to-choose = Priorities to choose (1–{ $max })
session-field-multi-vote = Allow several dots on one moment
session-field-anonymous-ideas = Anonymous ideas
session-field-start-at = Start at
session-field-start-at-hint = (skip ahead when the notes already exist; from Assess on, the last session's priorities carry over)
session-start-the-session = Start the session

## Capture and Colour-code: the review of earlier sessions

session-review-open-actions = Review of open actions
session-open-actions-before = Open actions, to review at the first session
session-update = Update
session-ratings-so-far = Ratings so far
session-last-rated = last rated { $rating }
session-magic-twice = ⚑ Magical twice in a row: customers may now expect this; re-assess it.
session-review-empty = Capture the moments on the board below. Open actions from earlier sessions will be reviewed here.

## Prioritise: the dot vote

session-votes-revealed = Votes revealed
# After a moment in the revealed tally; $shown is the number in bold, $votes the same number to choose the form by.
session-tally-dots =
    { $votes ->
        [one] { $shown } dot
       *[other] { $shown } dots
    }
session-tie = tie
session-star-on-notes = Star the priorities on their notes: up to { $cap }. Your team sees the stars at once.
session-star-suggested = { $count ->
    [one] Star the suggested priority
   *[other] Star the { $count } suggested priorities
}
session-priority = Priority
session-star = Make { $moment } a priority
session-unstar = { $moment } is a priority: take its star off
session-star-cap-reached = { $cap } priorities are starred, the most this session allows: take a star off first
session-priorities-are = Priorities: { $names }
session-audit-candidates = Candidates from the latest audit (lowest scores first):
# $left is shown in bold.
session-dots-left = You have { $left } of { $total } dots left.
# Both numbers change live while people vote.
session-dots-so-far = { $dots } dots from { $voters } people so far; votes stay hidden until the facilitator reveals them.
session-dots-on-notes = Put your dots on the notes on the board: tap a note, or its “+ dot”; “− dot” takes one back. With a keyboard: focus a note, then + or −.
session-all-dots-placed = All { $limit } dots placed
session-all-dots-placed-why = All { $limit } dots placed. To move one, take it back with “− dot”.
session-one-dot-per-moment = One dot per moment: yours is on it
session-your-dots-here = { $count } of your dots
session-put-dot = Put a dot on { $moment }
session-take-dot-back = Take a dot back from { $moment }
session-add-dot = + dot
session-remove-dot = − dot
session-reveal-votes = Reveal the votes

## Assess: private ratings against what customers expect

session-no-priorities-yet = No priorities yet: the facilitator confirms them in Prioritise.
session-since-last = Since last session: { $movement }
# $rating is shown in bold.
session-last-time = Last time: { $rating }
session-disagreement = ⚑ The team disagrees (both Miserable and Magical): discuss what customers expect.
session-everyones-answers = Everyone's answers
session-customers-expect = Customers expect:
session-now = Now:
# The number changes live while people rate.
session-ratings-hidden = { $count } rating(s) given, hidden until revealed.
session-your-rating-legend = Your rating, against what customers expect
session-your-rating-is = Your rating: { $rating }. Tap another face to change it.
session-add-what-customers-expect = Add what customers expect and what happens now (optional)
session-texts-go-with-face = What you write here goes with the face you tap.
session-what-do-customers-expect = What do customers expect?
session-what-happens-now = What happens now?
session-what-happens-now-label = What happens now:
session-optional = (optional)
session-reveal-ratings = Reveal the ratings
session-agreed-rating = Agreed rating
session-not-agreed-yet = Not agreed yet
session-agreed-hint = (agreed)
session-issue-problem = Issue / problem
session-record = Record
session-agreed = Agreed:
session-issue = Issue:

## Ideas, and Select & plan

session-idea-chosen = ✓ Chosen
session-merit-given = ✓ Merit · { $count }
session-merit-add = +1 merit · { $count }
session-idea-choose = Choose
session-idea-unchoose = Unchoose
session-idea-remove = Remove
session-idea-placeholder = Any idea is welcome…
session-add-idea = Add idea

session-actions = Actions
session-no-actions-yet = No actions yet.
session-plan-an-action = Plan an action
session-action-moment = For the moment
session-action-idea = From the idea
session-action-what = What
session-action-who = Who
session-action-who-hint = (pick a person of the board, or type any name)
session-action-by-when = By when
session-action-move-from = Move the rating from
session-action-move-to = to
session-save-action = Save action
# After an action's owner: "Dana, by 16 December 2026".
session-action-due = , by { $date }
# After a step of the ladder.
session-step-due = — by { $date }

session-step-n = Step { $n }
session-step-n-date = Step { $n }: target date
session-step-n-measure = Step { $n }: measure
session-step-placeholder = e.g. Deliver in 10 days
session-step-measure-placeholder = measure, e.g. delivery time 10 days
session-ladder = Ladder of small steps
session-ladder-hint = (optional; e.g. 14 → 10 → 7 days)
session-more-steps = More steps (up to { $limit })

## Wrap-up

# $date is shown in bold.
session-next-session = Next session: { $date }
session-add-to-calendar = Add to my calendar (.ics)
session-no-follow-up = No follow-up booked yet.
session-book-next = Book the next session
session-book = Book
session-what-we-agreed = What we agreed
session-not-agreed-yet-hint = (not agreed yet)
session-planning-form = Contact planning form

## The contact planning form page

session-form-back = Back to the board
session-form-download = Download:
session-form-pdf = PDF
session-form-excel = Excel
session-form-csv = CSV
session-form-markdown = Markdown
session-form-print = Or print this page.
session-form-empty = No moments on the board yet.
session-form-moment = Moment of truth
session-form-description = Description
session-form-ranking = Ranking
session-form-action = Action
session-form-priority = Priority
# The group of moments without a channel.
session-form-no-channel = No channel yet
# After a step of an action's ladder: "Deliver in 7 days, by 2027-06-01".
session-form-step-due = , by { $date }
# After a step already taken.
session-form-step-done = ✓ done

## The next session's calendar entry

session-no-next-session-booked = No next session is booked yet.

## A session form's refusals ($field is the input's name)

session-error-missing = { $field }: is missing
session-error-not-a-number = { $field }: is not a number
session-error-not-a-phase = { $field }: is not a phase
session-error-not-a-start-phase = { $field }: is not a phase (capture, colour_code, prioritise, assess, ideas, select_plan or wrap_up)
session-error-not-a-rating = { $field }: must be miserable, neutral or magical
session-error-choose-rating = { $field }: choose Miserable, Neutral or Magical
session-error-not-a-status = { $field }: must be open, doing, done or dropped
session-error-unknown-op = { $field }: unknown operation { $op }
session-error-too-many-steps = { $field }: at most { $limit } steps; think small, one step at a time
# A step of a ladder, as named in an error: "step 2".
session-step-field = step { $n }
session-error-step-date = { $field }: must be a date like 2026-12-16
# $step is the step's own words.
session-error-step-date-quoted = { $field }: must be a date like 2026-12-16 (“{ $step }”)
session-bar-dots-left = { $left } of { $total } dots left
session-people = Taking part
session-person-done = done
session-ideas-on-notes = Add your ideas under the priority notes on the board: one field each. Anything goes; you can remove only your own.
session-merit-on-notes = On the board, tap “+1 merit” on the ideas worth doing; the facilitator chooses and turns them into actions in place.
session-idea-count = { $count ->
    [one] { $count } idea
   *[other] { $count } ideas
}
session-ideas-for = Ideas for { $moment }
session-new-idea-for = New idea for { $moment }
session-action-planned = Action:
session-plan-this-idea = Turn into an action
session-action-count = { $count ->
    [one] { $count } action
   *[other] { $count } actions
}
session-card-stage = Stage:
session-card-channel = Channel:
