# The journey board: stages as columns of notes, its pages, its live
# connection, and the words of its scripts (board.js, dnd.js).

## A note
board-no-channel = No channel yet
board-note-label = { $title }, { $channel }
board-grip-title = Drag to move, or press Space then arrow keys
board-move-note = Move note: { $title }
board-standard-title = This moment has a standard
board-standard = ◆ standard
board-score-title = Latest audit score, 1 (low) to 10 (high)
board-score = audit { $score }/10
board-edit = Edit
board-delete-note = Delete note: { $title }
board-ask-customers-about = Ask customers about: { $title }
board-delete = Delete

## A stage column
board-stage-notes = {" "}notes
board-edit-stage-label = Edit stage { $name }
board-new-moment-in = New moment in
board-add-moment-placeholder = Add a moment of truth…
board-add-description = Add a description
board-new-description = Description of the new moment
board-description-placeholder = What the customer does or sees
board-channel = Channel
board-add = Add

## The legend and the board
board-channels = Channels
board-show-all = Show all
board-empty = No moments yet. Write each point where a customer meets the business on a note, in the order they happen: start with the first contact.
board-add-stage-label = Add a stage
board-stage-placeholder = e.g. Delivery
board-add-stage = Add stage
board-offline-reload = Offline: changes are saved when you reload
board-invite = Invite people
board-standards = Standards
board-join-code = Join code
board-note-deleted = Note deleted.
board-undo = Undo
board-help-keyboard = Keyboard: focus a note's ⠿ handle, press Space to pick it up, arrow keys to move it, Space to drop, Escape to cancel.
board-help-undo = Ctrl+Z brings back the last deleted note.
board-skip-to-add = Skip to “Add a moment”

## Editing a note or a stage
board-back = ← Back to the board
board-edit-moment = Edit moment
board-moment-of-truth = Moment of truth
board-description = Description
board-description-hint = (what the customer does or sees)
board-save = Save
board-move-to-stage = Move to stage
board-note-position = Position (1 = first)
board-move = Move
board-edit-stage = Edit stage
board-stage-heading = Stage:
board-name = Name
board-rename = Rename
board-stage-position = Position (1 to { $count })
board-stage-remove-hint = A stage can be removed once it holds no notes.
board-remove-stage = Remove stage

## Refusals
board-field-position = position
board-position-at-least-one = give a position of 1 or more
board-field-stage = stage_id
board-choose-stage = choose a stage
board-session-ended-join = Your session has ended. Reload the page to join again.
board-live-origin = This page may not open a live connection here.
board-live-join-first = Join the board or log in first.
board-live-unreadable = The message could not be read: { $detail }
board-live-session-ended = Your session has ended. Reload the page to log in or join again.
board-live-access-changed = Your access changed while this was being saved, so it was not saved. Please try again.
board-api-name-or-index = Give a new name, a new index, or both.
board-api-limit = must be between 1 and { $max }

## The board's scripts
js-board-change-channel = Change the channel
js-board-timer-left = Timer: { $time } left
js-board-time-up = Time's up!
js-board-time-up-phase = Time's up for this phase.
js-board-note-restored = Note restored.
js-board-offline-kept = You are offline. This change is kept on this device and will be sent when the connection is back.
js-board-not-saved = Not saved ({ $status }).
js-board-not-available = Not available now
js-board-note-deleted = Note deleted.
js-board-undo = Undo
js-board-priorities = The priorities, one at a time
js-board-priority-of = Priority { $n } of { $count }
js-board-priority-previous = The priority before
js-board-priority-next = The next priority
js-board-step-up = Move step up { $n }
js-board-step-down = Move step down { $n }
js-board-step-remove = Remove step { $n }
js-board-add-step = + Add a step
js-board-pending-label = { $title }, waiting to be sent
js-board-waiting = Waiting to be sent
js-board-choose-channel = Choose a channel
js-board-access-ended = Your access has ended: reload the page to log in or join again.
js-board-live = Live
js-board-connecting = Connecting…
js-board-offline = Offline
js-board-reconnecting = Offline — reconnecting
js-board-waiting-one = { $count } change waiting
js-board-waiting-other = { $count } changes waiting
js-board-dnd-position = position { $index } of { $count } in { $stage }
js-board-dnd-picked-up = Picked up. { $where }. Use the arrow keys to move, Space to drop, Escape to cancel.
js-board-dnd-dropped = Dropped. { $where }.
js-board-dnd-cancelled = Move cancelled.

# The names a new journey's stages and a new business's channels start with
# (the team may rename them; they are then the team's own words).
board-stage-pre-engagement = Pre-engagement
board-stage-engagement = Engagement
board-stage-post-sale = Post-sale
board-channel-f2f = Face-to-face, 1-on-1
board-channel-grp = Face-to-face, group
board-channel-tel = Phone call, 1-on-1
board-channel-conf = Phone conference call
board-channel-vid = Web-conference, 1-on-1
board-channel-vidg = Web-conference, group
board-channel-post = Post
board-channel-mail = Email
board-channel-dm = Social media, 1-on-1
board-channel-soc = Social media, broadcast
board-channel-web = Website
board-channel-wbnr = Webinar

## Why a live connection closed (a WebSocket close frame: at most 123 bytes)
live-close-ended = your session has ended; log in or join again
live-close-restart = server is restarting; reconnect shortly

## A note's other figures: the team's rating and its customers'
board-team-title = The rating the team agreed in its latest session
board-team = team: { $rating }
board-customers-title = What customers said in the last { $days } days, from −100 (all worse) to +100 (all better), from { $n } answers
board-customers = customers { $score }
board-customers-few = customers: { $n ->
        [one] { $n } answer
       *[other] { $n } answers
    }
js-board-here = here
board-map = Journey map
board-map-pdf = A3 PDF
js-board-map-png-failed = The PNG could not be made; download the SVG or the PDF instead
board-map-svg = SVG
board-map-png = PNG
