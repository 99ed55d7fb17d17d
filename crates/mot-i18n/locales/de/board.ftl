# Das Board einer Customer Journey: Phasen als Spalten von Notizen, seine
# Seiten, seine Live-Verbindung und die Wörter seiner Skripte.

## Eine Notiz
board-no-channel = Noch kein Kanal
board-note-label = { $title }, { $channel }
board-grip-title = Zum Verschieben ziehen oder Leertaste und dann Pfeiltasten drücken
board-move-note = Notiz verschieben: { $title }
board-standard-title = Für diesen Moment gibt es einen Standard
board-standard = ◆ Standard
board-score-title = Letzte Audit-Bewertung, 1 (niedrig) bis 10 (hoch)
board-score = Audit { $score }/10
board-edit = Bearbeiten
board-delete-note = Notiz löschen: { $title }
board-ask-customers-about = Kunden fragen zu: { $title }
board-delete = Löschen

## Eine Phasenspalte
board-stage-notes = {" "}Notizen
board-edit-stage-label = Phase { $name } bearbeiten
board-new-moment-in = Neuer Moment in
board-add-moment-placeholder = Einen Moment der Wahrheit hinzufügen…
board-add-description = Beschreibung hinzufügen
board-new-description = Beschreibung des neuen Moments
board-description-placeholder = Was der Kunde tut oder sieht
board-channel = Kanal
board-add = Hinzufügen

## Die Legende und das Board
board-channels = Kanäle
board-show-all = Alle anzeigen
board-empty = Noch keine Momente. Schreiben Sie jeden Punkt, an dem ein Kunde dem Unternehmen begegnet, auf eine Notiz, in der Reihenfolge, in der sie geschehen: Beginnen Sie mit dem ersten Kontakt.
board-add-stage-label = Eine Phase hinzufügen
board-stage-placeholder = z. B. Lieferung
board-add-stage = Phase hinzufügen
board-offline-reload = Offline: Änderungen werden beim Neuladen gespeichert
board-invite = Personen einladen
board-standards = Standards
board-join-code = Beitrittscode
board-note-deleted = Notiz gelöscht.
board-undo = Rückgängig
board-help-keyboard = Tastatur: Setzen Sie den Fokus auf den Griff ⠿ einer Notiz, drücken Sie die Leertaste, um sie aufzunehmen, die Pfeiltasten, um sie zu bewegen, die Leertaste, um sie abzulegen, und Escape, um abzubrechen.
board-help-undo = Strg+Z holt die zuletzt gelöschte Notiz zurück.
board-skip-to-add = Weiter zu „Moment hinzufügen“

## Eine Notiz oder eine Phase bearbeiten
board-back = ← Zurück zum Board
board-edit-moment = Moment bearbeiten
board-moment-of-truth = Moment der Wahrheit
board-description = Beschreibung
board-description-hint = (was der Kunde tut oder sieht)
board-save = Speichern
board-move-to-stage = In Phase verschieben
board-note-position = Position (1 = erste)
board-move = Verschieben
board-edit-stage = Phase bearbeiten
board-stage-heading = Phase:
board-name = Name
board-rename = Umbenennen
board-stage-position = Position (1 bis { $count })
board-stage-remove-hint = Eine Phase kann entfernt werden, sobald sie keine Notizen mehr enthält.
board-remove-stage = Phase entfernen

## Ablehnungen
board-field-position = Position
board-position-at-least-one = Geben Sie eine Position von 1 oder höher an
board-field-stage = Phase
board-choose-stage = Wählen Sie eine Phase
board-session-ended-join = Ihre Sitzung ist beendet. Laden Sie die Seite neu, um erneut beizutreten.
board-live-origin = Diese Seite darf hier keine Live-Verbindung öffnen.
board-live-join-first = Treten Sie zuerst dem Board bei oder melden Sie sich an.
board-live-unreadable = Die Nachricht konnte nicht gelesen werden: { $detail }
board-live-session-ended = Ihre Sitzung ist beendet. Laden Sie die Seite neu, um sich anzumelden oder erneut beizutreten.
board-live-access-changed = Ihr Zugang hat sich beim Speichern geändert, daher wurde nichts gespeichert. Bitte versuchen Sie es erneut.
board-api-name-or-index = Geben Sie einen neuen Namen, einen neuen Index oder beides an.
board-api-limit = muss zwischen 1 und { $max } liegen

## Die Skripte des Boards
js-board-change-channel = Kanal ändern
js-board-timer-left = Timer: noch { $time }
js-board-time-up = Die Zeit ist um!
js-board-time-up-phase = Die Zeit für diese Phase ist um.
js-board-note-restored = Notiz wiederhergestellt.
js-board-offline-kept = Sie sind offline. Diese Änderung wird auf diesem Gerät aufbewahrt und gesendet, sobald die Verbindung wieder besteht.
js-board-not-saved = Nicht gespeichert ({ $status }).
js-board-not-available = Gerade nicht verfügbar
js-board-note-deleted = Notiz gelöscht.
js-board-undo = Rückgängig
js-board-priorities = Die Prioritäten, eine nach der anderen
js-board-priority-of = Priorität { $n } von { $count }
js-board-priority-previous = Die Priorität davor
js-board-priority-next = Die nächste Priorität
js-board-step-up = Schritt { $n } nach oben
js-board-step-down = Schritt { $n } nach unten
js-board-step-remove = Schritt { $n } entfernen
js-board-add-step = + Schritt hinzufügen
js-board-pending-label = { $title }, wartet auf das Senden
js-board-waiting = Wartet auf das Senden
js-board-choose-channel = Kanal wählen
js-board-access-ended = Ihr Zugang ist beendet: Laden Sie die Seite neu, um sich anzumelden oder erneut beizutreten.
js-board-live = Live
js-board-connecting = Verbindung wird hergestellt…
js-board-offline = Offline
js-board-reconnecting = Offline – Verbindung wird wiederhergestellt
js-board-waiting-one = { $count } Änderung wartet
js-board-waiting-other = { $count } Änderungen warten
js-board-dnd-position = Position { $index } von { $count } in { $stage }
js-board-dnd-picked-up = Aufgenommen. { $where }. Mit den Pfeiltasten bewegen, mit der Leertaste ablegen, mit Escape abbrechen.
js-board-dnd-dropped = Abgelegt. { $where }.
js-board-dnd-cancelled = Verschieben abgebrochen.

# The names a new journey's stages and a new business's channels start with
# (the team may rename them; they are then the team's own words).
board-stage-pre-engagement = Vor dem Kontakt
board-stage-engagement = Im Kontakt
board-stage-post-sale = Nach dem Kauf
board-channel-f2f = Persönlich, 1:1
board-channel-grp = Persönlich, Gruppe
board-channel-tel = Telefonat, 1:1
board-channel-conf = Telefonkonferenz
board-channel-vid = Videokonferenz, 1:1
board-channel-vidg = Videokonferenz, Gruppe
board-channel-post = Post
board-channel-mail = E-Mail
board-channel-dm = Soziale Medien, 1:1
board-channel-soc = Soziale Medien, öffentlich
board-channel-web = Website
board-channel-wbnr = Webinar

## Why a live connection closed (a WebSocket close frame: at most 123 bytes)
live-close-ended = Ihre Sitzung ist beendet; bitte melden Sie sich an oder treten Sie erneut bei
live-close-restart = Der Server startet neu; gleich neu verbinden

## A note's other figures: the team's rating and its customers'
board-team-title = Die Bewertung, auf die sich das Team in seiner letzten Sitzung geeinigt hat
board-team = Team: { $rating }
board-customers-title = Was Kunden in den letzten { $days } Tagen sagten, von −100 (alle schlechter) bis +100 (alle besser), aus { $n } Antworten
board-customers = Kunden { $score }
board-customers-few = Kunden: { $n ->
        [one] { $n } Antwort
       *[other] { $n } Antworten
    }
js-board-here = anwesend
board-map = Journey Map
board-map-pdf = A3-PDF
js-board-map-png-failed = Das PNG konnte nicht erstellt werden; laden Sie stattdessen SVG oder PDF
board-map-svg = SVG
board-map-png = PNG
