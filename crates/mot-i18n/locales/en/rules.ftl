# What core and the store say when a rule or a limit refuses an input or a
# change. An input's problem follows its field's name ("title: must not be
# empty"), so it starts in lower case; a refused change is a whole sentence.

## Text people type

rule-empty = must not be empty
rule-too-long = is { $length } characters long; the limit is { $limit }
rule-control-char = contains a control character; please remove it
rule-not-email = is not an e-mail address (expected name@example.com)
rule-password-too-short = must be at least { $min } characters
rule-password-too-long = must be at most { $max } characters
rule-colour = must be a colour like #44aa99
rule-date-format = must be a date like 2026-12-16
rule-request-id-format = must be { $min } to { $max } letters, digits, - or _ (a UUID will do)
# $field: the field's name, as field-request_id says it.
rule-request-id-reused = { $field }: was already used for a different change; send each change with a new id

## Who may do what

# The role names are the values the API takes, shown as they are.
rule-role = must be one of owner, facilitator, member, viewer
rule-viewer-cannot-add-notes = Viewers can look at the board but not add notes.
rule-guest-other-journey = You joined another journey, not this one.
rule-guest-own-notes-only = Guests can change only the notes they wrote.
rule-team-only-stages = Only team members can add, rename, move or remove stages.
rule-owner-or-facilitator-only = Only an owner or a facilitator can do this.
rule-owner-only = Only an owner can do this.
rule-facilitator-only = Only the facilitator can do this.
rule-viewer-cannot-take-part = Viewers can follow the session but not take part.

## The board

rule-last-stage = A journey needs at least one stage; add another before removing this one.
rule-stage-has-notes = This stage holds { $count } note(s); move or delete them first, so nothing is lost.
rule-too-many-stages = A journey can have at most { $limit } stages.
rule-too-many-notes = A journey can hold at most { $limit } notes.
rule-too-many-channels = A business can have at most { $limit } channels.
rule-channel-retired = the channel "{ $channel }" is retired
rule-note-not-deleted = This note is not deleted.

## What a person tried to do, inside rule-wrong-phase and rule-wrong-phases-*

rule-doing-vote = vote
rule-doing-unvote = take back a dot
rule-doing-rate = rate moments
rule-doing-add-ideas = add ideas
rule-doing-mark-merit = mark ideas with merit
rule-doing-reveal-votes = reveal the votes
rule-doing-choose-priorities = choose the priorities
rule-doing-reveal-ratings = reveal ratings
rule-doing-record-rating = record the agreed rating
rule-doing-plan-actions = plan actions

## The session

# $phase, $needed, $current, $phase1…$phase4: session-step-* names (session.ftl).
rule-phase-moved = The session has already moved to { $phase }. Reload to see it.
rule-phase-one-step = move one phase forward or back at a time
rule-start-needs-moments = The board has no moments yet, so the session cannot start at { $phase }: start at Capture.
rule-start-needs-priorities = No earlier session chose priorities on this board, so the session cannot start at { $phase }: start at Prioritise.
rule-between-one-and = must be between 1 and { $max }
rule-wrong-phase = You can { $doing } only in the { $needed } phase; the session is in { $current }.
# One key per count of phases that allow it, named $phase1 to $phase4.
rule-wrong-phases-1 = You can { $doing } only in { $phase1 }; the session is in { $current }.
rule-wrong-phases-2 = You can { $doing } only in { $phase1 } or { $phase2 }; the session is in { $current }.
rule-wrong-phases-3 = You can { $doing } only in { $phase1 } or { $phase2 } or { $phase3 }; the session is in { $current }.
rule-wrong-phases-4 = You can { $doing } only in { $phase1 } or { $phase2 } or { $phase3 } or { $phase4 }; the session is in { $current }.
rule-votes-revealed = The votes have been revealed; voting is closed.
rule-dots-used = You have used all { $limit } of your dots. Take one back to vote again.
rule-dot-already = You already have a dot on this moment.
rule-no-dot = You have no dot on this moment.
rule-priorities-too-many = choose at most { $cap }: limit the focus to make progress fast
rule-priorities-twice = a moment is chosen twice
# $moment: the moment's id.
rule-priorities-not-on-board = moment { $moment } is not on this board
rule-not-priority-in-session = only priority moments are assessed in this session
rule-not-priority = only priority moments are assessed
rule-ratings-revealed = The ratings of this moment have been revealed; the facilitator records the agreed rating now.
rule-ideas-for-priorities = ideas are gathered for the priority moments
rule-ideas-no-criticism-change = No criticism while ideas flow: you cannot change or remove another person's idea.
rule-idea-author-only = Only its author or the facilitator can change this idea.
rule-ideas-change-phase = Ideas can be changed in the Ideas and Select & plan phases; the session is in { $phase }.
rule-ideas-no-criticism-merit = No criticism while ideas flow: merit is discussed in Select & plan.
rule-due-before-session = is before the session ({ $date }); pick a later date
rule-due-past = is in the past; pick today or a later day
rule-ladder-empty = a ladder needs at least one step
rule-too-many-steps = at most { $limit } steps; think small, one step at a time
# The field is a step ("step 2"); $step: the step's first words.
rule-step-no-text = has no text; say what the step is
rule-step-before-session = is dated before the session ({ $date })
rule-step-before-session-quoted = is dated before the session ({ $date }) (“{ $step }”)
rule-step-before-previous = is dated before the step above it; small steps go one after another
rule-step-before-previous-quoted = is dated before the step above it (“{ $step }”); small steps go one after another
rule-measure-too-long = its measure is { $length } characters long; the limit is { $limit }
rule-measure-control-char = its measure contains a control character; please remove it
rule-owner-missing = say who does it: a member or a name
rule-next-session-future = must be a date in the future
rule-timer-range = a timer runs from 1 second to 4 hours

## Audits

rule-not-a-score = { $score } is not a score: give 1 (low) to 10 (high), or “not applicable”
rule-round-closed-invite = This round is closed: no more raters can be invited.
rule-template-one-source = Give a journey or an audit round to make the template from, not both.
rule-template-no-moments = This journey has no moments yet: capture some first.
rule-template-no-items = This template has no items: add some before starting a round.
rule-closes-before-opens = is before the opening date
rule-branches-none = choose at least one branch
rule-links-count = make between 1 and { $max } links at a time
rule-links-made-already = These rater links were made already by this same request. Their addresses are shown only once: reissue a link on the round's page to get a new address.
rule-item-not-in-audit = this item is not part of this audit
rule-audit-not-open-yet = This audit opens on { $date }; please come back then.
rule-audit-ended = This audit closed on { $date }; thank you, no more answers can be taken.
rule-audit-closed = This audit is closed; thank you, no more answers can be taken.
rule-audit-handed-in = You already handed in this audit; thank you. Answers cannot be changed now.
rule-audit-link-not-taking = This audit link no longer takes answers (handed in, replaced or closed).

## A unique key already taken

duplicate-join-code = That join code is taken; try again.
duplicate-email = An account with this e-mail address already exists.
duplicate-member = This person is already a member of the workspace.
duplicate-set-up = This mot is already set up.
duplicate-request-in-progress = This request is being handled already; reload the page to see what it did.

## A record that is not there (or not the reader's)

# $what: one of the thing-* names below.
error-not-found = No such { $what }, or it is not yours to see.
thing-action = action
thing-audit-link = audit link
thing-audit-round = audit round
thing-branch = branch
thing-business = business
thing-change = change
thing-channel = channel
thing-export-format = export format
thing-feedback-answer = feedback answer
thing-feedback-link = feedback link
thing-feedback-point = feedback point
thing-guest = guest
thing-idea = idea
thing-item = item
thing-journey = journey
thing-member = member
thing-moment = moment
thing-phase = phase
thing-rater-link = rater link
thing-session = session
thing-stage = stage
thing-template = template
thing-workspace = workspace

## Inputs' names, as an input's error starts ("title: …"). In English the
## name is the API's own, so the messages read as they always have.

field-branches = branches
field-business = business
field-channel = channel
field-channel_id = channel
field-closes_on = closing date
field-colour = colour
field-comment = comment
field-count = count
field-date = date
field-description = description
field-due = due
field-due_on = due date
field-email = email
field-expectation = expectation
field-guidance = guidance
field-held_on = session date
field-icon = icon
field-issue = issue
field-item_id = item
field-label = label
field-labels = labels
field-moment_id = moment
field-name = name
field-next_session = next session
field-opens_on = opening date
field-owner = owner
field-owner_name = who
field-password = password
field-phase = phase
field-priorities = priorities
field-priority_cap = priorities to choose
field-reality = reality
field-request_id = request id
field-role = role
field-score = score
field-seconds = seconds
field-steps = steps
field-text = text
field-title = title
field-vote_limit = dots per person
field-what = what
field-workspace = workspace
# A ladder's rows ("step 1" … "step 12", see mot_core::session::step_field);
# the space of the field's name is a hyphen in the key.
field-step-1 = step 1
field-step-2 = step 2
field-step-3 = step 3
field-step-4 = step 4
field-step-5 = step 5
field-step-6 = step 6
field-step-7 = step 7
field-step-8 = step 8
field-step-9 = step 9
field-step-10 = step 10
field-step-11 = step 11
field-step-12 = step 12
field-from = from
field-delta = delta
field-template_id = template
field-branch_ids = branches
field-branch_id = branch
field-group = group
field-template = template
field-branch = branch

## Customer feedback
rule-feedback-verdict = Choose worse, as expected or better.
rule-feedback-period-future = A period cannot reach past today.
rule-feedback-period-order = A period ends on or after the day it starts.
rule-feedback-reason = That reason is not one this question offers.
rule-feedback-too-many-reasons = Offer at most { $max } reasons.
rule-feedback-point-closed = This feedback link is closed; thank you all the same.
rule-feedback-already-answered = You have already answered this one; thank you.
field-verdict = verdict
field-reason = reason
field-reasons = reasons
field-question = question
rule-last-owner-demoted = The workspace's last owner stays an owner: make someone else an owner first.
rule-last-owner-removed = The workspace's last owner cannot be removed: make someone else an owner first.
thing-invite = invitation
thing-token = token
thing-user = account
thing-reset-link = password reset link
thing-page = page
rule-sso-owner = People who join by single sign-on cannot become owners on their own; an owner makes them one.
rule-client-role-needs-business = A client role is for one business: pick the client.
rule-client-needs-client-role = People of a client get a client role (client owner, client member, client viewer or reports only).
rule-practice-only = This is for the practice's own people.
rule-reports-only = You can read this business's reports; the rest is not shared with you.
rule-business-id = Pick your practice or one of its clients.
field-business_id = client
rule-template-no-stages = A template needs at least one stage.
rule-template-too-big = A template holds at most { $stages } stages and { $moments } moments.
field-stages = stages
field-logo = logo
rule-logo-empty = Choose a logo file to upload.
rule-logo-too-big = The logo is larger than { $kib } KiB; save it smaller and try again.
rule-logo-not-image = The logo must be a PNG image or an SVG drawing.
rule-logo-script = The SVG logo holds a script, an event handler or an animation; a logo may only draw. Export it again as a plain drawing.
rule-logo-elsewhere = The SVG logo fetches something from elsewhere ({ $what }); a logo must hold everything it shows.
rule-logo-too-wide = The logo is larger than { $px } pixels a side; save it smaller and try again.
thing-logo = logo
field-contact = contact details

field-recipients = recipients
rule-pack-nobody = Choose at least one person to send the pack to.
rule-pack-not-theirs = The pack goes to this client's own people only.
rule-pack-no-mail = E-mail is not set up on this installation (mot serve --smtp-url); download the pack and send it yourself.
