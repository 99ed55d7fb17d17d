## The templates library: journey templates, the starters, and the changes a journey is offered.

templates-title = Templates library
templates-link = Templates library: start a client from a template or a starter
templates-from-link = Start a journey from a template or a starter
templates-intro = Save any client's journey as a template, and start a new client's journey from it or from one of the starters: its stages, moments, channels and standards, with a matching audit. When a template changes, the journeys made from it are offered the changes, never changed silently.
templates-yours = Your templates
templates-none = No templates yet: save a client's journey as one below, or start from a starter.
# $version is a whole number.
templates-version = version { $version }
templates-moments = { $count ->
    [one] one moment
   *[other] { $count } moments
}
templates-changed = changed { $date }
templates-start = Start a journey from it
templates-for-client = For the client
templates-new-client = A new client (name it below)
templates-new-client-name = New client's name (only for a new client)
templates-journey-name = Name of the journey
templates-with-audit = Also make its audit (one question per moment)
templates-start-submit = Start the journey
templates-save-heading = Save a journey as a template
templates-save-journey = Journey
templates-save-name = Name of the template
templates-save-submit = Save as a template
templates-starters = Starters
templates-starters-hint = Realistic journeys for six kinds of business, to start from and make your own.
templates-see-outline = See its stages and moments
templates-update-hint = When { $journey } has changed, save it again as this template's next version: the journeys made from it are then offered the changes.
templates-its-journey = its journey
templates-update = Save the next version
templates-made-from = Journeys made from it
templates-made-none = No journey was made from it yet.
templates-review = Changes to review
templates-up-to-date = up to date
templates-holds = What it holds
templates-changes-title = Changes from the template
# $template is the template's name; $from and $to are version numbers.
templates-changes-intro = { $template } has changed since this journey was made from version { $from }; it is now at version { $to }.
templates-no-changes = This journey has every change of its template.
templates-changes-pick = Changes to take up on this journey
templates-change-add-stage = Add the stage
templates-change-rename-stage = Rename the stage
templates-change-add = Add the moment
templates-change-edit = Change the moment
templates-change-remove = Remove the moment
templates-changes-hint = Unticked changes are declined. Everyone on the board sees the changes at once; a removed moment can be restored from the board.
templates-changes-submit = Take up the ticked changes
