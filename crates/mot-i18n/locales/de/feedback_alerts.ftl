## Kundenwarnungen, aufbewahrt, und was das Team daraus macht

feedback-alert-decided = Über diese Warnung wurde schon entschieden.
feedback-alert-bad-decision = muss action, agenda oder dismiss sein
thing-feedback-alert = Warnung
field-decision = Entscheidung
# Der Text einer Maßnahme, die aus einer Warnung entsteht.
feedback-alert-action-what = Kunden zu { $moment }: { $alert } ({ $period })
feedback-alert-none-open = Keine Warnung wartet auf eine Entscheidung.
feedback-alert-evidence = { $n ->
    [one] { $n } Antwort
   *[other] { $n } Antworten
    }: { $worse } schlechter, { $better } besser
feedback-alert-to-action = Maßnahme zu diesem Moment anlegen …
feedback-alert-who-hint = (Sie, wenn leer; wählen Sie eine Person des Unternehmens oder geben Sie einen beliebigen Namen ein)
feedback-alert-open-action = Maßnahme anlegen
feedback-alert-to-agenda = Auf die Tagesordnung der nächsten Sitzung
feedback-alert-dismiss = Verwerfen …
feedback-alert-when-hint = (wenn es ein Datum gibt)
feedback-alert-dismiss-what = Verworfen wandert sie ohne Maßnahme zu „Erledigt“, endgültig: Sie bleibt verworfen, solange der Moment außerhalb seines üblichen Bereichs bleibt; ist er zurück, löst ein erneutes Verlassen einen neuen Hinweis aus.
feedback-alert-dismiss-confirm = Hinweis verwerfen
feedback-alert-decide = Was dagegen tun
feedback-alert-dealt-with = Erledigt
feedback-alert-state-actioned = eine Maßnahme wurde angelegt (auf dem Board)
feedback-alert-state-on-agenda = auf der Tagesordnung der nächsten Sitzung
feedback-alert-state-dismissed = verworfen

## Auf der Tagesordnung einer Sitzung
feedback-alert-agenda-title = Auf der Tagesordnung: was Kunden sagten
feedback-alert-agenda-intro = Die Antworten der Kunden haben diese Momente auf die Tagesordnung dieser Sitzung gesetzt. Betrachten Sie sie zuerst.
feedback-alert-agenda-comments = lesen, was sie schrieben
feedback-alert-on-agenda-tag = (auf der Tagesordnung)
feedback-alert-at-branch = { $moment } in { $branch }
