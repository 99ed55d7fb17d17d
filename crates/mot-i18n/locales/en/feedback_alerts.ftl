## Customer alerts kept, and what the team does with them

feedback-alert-decided = This alert was already dealt with.
feedback-alert-bad-decision = must be action, agenda or dismiss
thing-feedback-alert = alert
field-decision = decision
# The text of an action opened from an alert.
feedback-alert-action-what = Customers on { $moment }: { $alert } ({ $period })
feedback-alert-none-open = No alert waits for a decision.
feedback-alert-evidence = { $n ->
    [one] { $n } answer
   *[other] { $n } answers
    }: { $worse } worse, { $better } better
feedback-alert-to-action = Open an action on this moment…
feedback-alert-who-hint = (you, if left empty; pick a person of the business or type any name)
feedback-alert-open-action = Open the action
feedback-alert-to-agenda = Put it on the next session's agenda
feedback-alert-dismiss = Dismiss…
feedback-alert-when-hint = (if there is a date)
feedback-alert-dismiss-what = Dismissed, it moves to “Dealt with” with no action, for good: it stays so while the moment stays out of its usual range; once the moment is back, leaving it again raises a new alert.
feedback-alert-dismiss-confirm = Dismiss the alert
feedback-alert-decide = What to do about it
feedback-alert-dealt-with = Dealt with
feedback-alert-state-actioned = an action was opened (on the board)
feedback-alert-state-on-agenda = on the next session's agenda
feedback-alert-state-dismissed = dismissed

## On a session's agenda
feedback-alert-agenda-title = On the agenda: what customers said
feedback-alert-agenda-intro = Customers' answers put these moments on this session's agenda. Consider them first.
feedback-alert-agenda-comments = read what they wrote
feedback-alert-on-agenda-tag = (on the agenda)
feedback-alert-at-branch = { $moment } at { $branch }
