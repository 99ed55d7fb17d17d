# Die Sitzung in fünf Schritten: das Panel über dem Board, der
# Kontaktplanungsbogen und die Ablehnungen der Sitzungsformulare.

## Die Schritte (Phasen) und was jeder vom Team verlangt

session-step-capture = Erfassen
session-step-colour-code = Farbcodieren
session-step-prioritise = Priorisieren
session-step-assess = Bewerten
session-step-ideas = Ideen
session-step-select-plan = Auswählen & planen
session-step-wrap-up = Abschluss

session-instruction-capture = Schreiben Sie jeden Punkt, an dem ein Kunde dem Unternehmen begegnet, auf eine Notiz – in der Reihenfolge, in der er geschieht.
session-instruction-colour-code = Geben Sie jeder Notiz ihren Kanal: wie der Kunde dem Unternehmen dort begegnet.
session-instruction-prioritise = Setzen Sie Ihre Punkte auf die Momente, die am meisten zählen. Die Stimmen bleiben verborgen, bis die Moderation sie aufdeckt.
session-instruction-assess = Für jeden priorisierten Moment: Was erwarten die Kunden, was geschieht heute, und ist es Miserabel, Neutral oder Magisch?
session-instruction-ideas = Jede Idee ist willkommen, so ausgefallen sie auch sein mag. Keine Kritik, solange die Ideen fließen.
session-instruction-select-plan = Besprechen Sie, welche Ideen etwas taugen, und machen Sie aus den gewählten Maßnahmen: wer tut was bis wann.
session-instruction-wrap-up = Vereinbaren Sie die nächste Sitzung und nehmen Sie den Kontaktplanungsbogen mit.

## Bewertungen und der Stand von Maßnahmen

session-rating-miserable = Miserabel
session-rating-neutral = Neutral
session-rating-magical = Magisch

session-status = Stand
session-status-open = offen
session-status-doing = in Arbeit
session-status-done = erledigt
session-status-dropped = verworfen

## Der Kopf des Panels und die Werkzeuge der Moderation

session-deleted-moment = (gelöschter Moment)
session-phases = Phasen
session-timer-button = Timer { $minutes } Min.
session-timer-start-title = Einen Timer über { $minutes } Minuten starten
session-timer-stop = Timer anhalten
session-done = Ich bin fertig
session-done-undo = ✓ Ich bin fertig (rückgängig)
session-nobody-done = Noch niemand hat sich als fertig gemeldet.
session-done-count = { $count } fertig
session-still-working = Noch dabei:
session-name-separator = {", "}

## Eine Sitzung beginnen

session-start-next = Die nächste Sitzung beginnen
session-start-a-session = Eine Sitzung beginnen
session-field-title = Titel
session-default-title = Sitzung { $date }
session-field-date = Datum
session-field-dots-per-person = Punkte pro Person (1–{ $max })
session-field-priorities-to-choose = Zu wählende Prioritäten (1–{ $max })
session-field-multi-vote = Mehrere Punkte auf einem Moment erlauben
session-field-anonymous-ideas = Anonyme Ideen
session-field-start-at = Beginnen bei
session-field-start-at-hint = (überspringen Sie Schritte, wenn die Notizen schon da sind; ab „Bewerten“ werden die Prioritäten der letzten Sitzung übernommen)
session-start-the-session = Sitzung beginnen

## Erfassen und Farbcodieren: der Rückblick auf frühere Sitzungen

session-review-open-actions = Rückblick auf offene Maßnahmen
session-open-actions-before = Offene Maßnahmen, zum Rückblick in der ersten Sitzung
session-update = Aktualisieren
session-ratings-so-far = Bisherige Bewertungen
session-last-rated = zuletzt bewertet als { $rating }
session-magic-twice = ⚑ Zweimal in Folge Magisch: Kunden erwarten das jetzt womöglich; bewerten Sie es neu.
session-review-empty = Erfassen Sie die Momente auf dem Board unten. Offene Maßnahmen früherer Sitzungen werden hier besprochen.

## Priorisieren: die Punktabfrage

session-votes-revealed = Stimmen aufgedeckt
session-tally-dots =
    { $votes ->
        [one] { $shown } Punkt
       *[other] { $shown } Punkte
    }
session-tie = Gleichstand
session-star-on-notes = Markieren Sie die Prioritäten mit einem Stern auf ihren Notizen: bis zu { $cap }. Ihr Team sieht die Sterne sofort.
session-star-suggested = { $count ->
    [one] Vorgeschlagene Priorität markieren
   *[other] Die { $count } vorgeschlagenen Prioritäten markieren
}
session-priority = Priorität
session-star = { $moment } zur Priorität machen
session-unstar = { $moment } ist eine Priorität: Stern entfernen
session-star-cap-reached = { $cap } Prioritäten sind markiert, mehr erlaubt diese Sitzung nicht: entfernen Sie zuerst einen Stern
session-priorities-are = Prioritäten: { $names }
session-audit-candidates = Kandidaten aus dem letzten Audit (niedrigste Werte zuerst):
session-dots-left =
    { $total ->
        [one] Sie haben noch { $left } von { $total } Punkt.
       *[other] Sie haben noch { $left } von { $total } Punkten.
    }
session-dots-so-far = Bisher { $dots } Punkte von { $voters } Personen; die Stimmen bleiben verborgen, bis die Moderation sie aufdeckt.
session-dots-on-notes = Setzen Sie Ihre Punkte auf die Zettel an der Wand: Tippen Sie auf einen Zettel oder sein „+ Punkt“; „− Punkt“ nimmt einen zurück. Mit der Tastatur: einen Zettel fokussieren, dann + oder −.
session-all-dots-placed =
    { $limit ->
        [one] Ihr { $limit } Punkt ist gesetzt
       *[other] Alle { $limit } Punkte gesetzt
    }
session-all-dots-placed-why =
    { $limit ->
        [one] Ihr { $limit } Punkt ist gesetzt. Um ihn zu verschieben, nehmen Sie ihn mit „− Punkt“ zurück.
       *[other] Alle { $limit } Punkte gesetzt. Um einen zu verschieben, nehmen Sie ihn mit „− Punkt“ zurück.
    }
session-one-dot-per-moment = Ein Punkt pro Moment: Ihrer liegt schon darauf
session-your-dots-here =
    { $count ->
        [one] Einer Ihrer Punkte
       *[other] { $count } Ihrer Punkte
    }
session-put-dot = Einen Punkt auf { $moment } setzen
session-take-dot-back = Einen Punkt von { $moment } zurücknehmen
session-add-dot = + Punkt
session-remove-dot = − Punkt
session-reveal-votes = Stimmen aufdecken

## Bewerten: persönliche Bewertungen gemessen an den Erwartungen der Kunden

session-no-priorities-yet = Noch keine Prioritäten: Die Moderation bestätigt sie beim Priorisieren.
session-since-last = Seit der letzten Sitzung: { $movement }
session-last-time = Letztes Mal: { $rating }
session-disagreement = ⚑ Das Team ist uneins (sowohl Miserabel als auch Magisch): Besprechen Sie, was die Kunden erwarten.
session-everyones-answers = Die Antworten aller
session-customers-expect = Kunden erwarten:
session-now = Heute:
session-ratings-hidden = Abgegebene Bewertungen: { $count }, verborgen bis zur Aufdeckung.
session-your-rating-legend = Ihre Bewertung, gemessen an dem, was die Kunden erwarten
session-your-rating-is = Ihre Bewertung: { $rating }. Tippen Sie auf ein anderes Gesicht, um sie zu ändern.
session-add-what-customers-expect = Ergänzen, was Kunden erwarten und was heute geschieht (freiwillig)
session-texts-go-with-face = Was Sie hier schreiben, wird mit dem Gesicht gesendet, auf das Sie tippen.
session-what-do-customers-expect = Was erwarten die Kunden?
session-what-happens-now = Was geschieht heute?
session-what-happens-now-label = Was heute geschieht:
session-optional = (optional)
session-reveal-ratings = Bewertungen aufdecken
session-agreed-rating = Vereinbarte Bewertung
session-not-agreed-yet = Noch nicht vereinbart
session-agreed-hint = (vereinbart)
session-issue-problem = Anliegen / Problem
session-record = Festhalten
session-agreed = Vereinbart:
session-issue = Problem:

## Ideen, und Auswählen & planen

session-idea-chosen = ✓ Gewählt
session-merit-given = ✓ Guter Punkt · { $count }
session-merit-add = +1 guter Punkt · { $count }
session-idea-choose = Wählen
session-idea-unchoose = Abwählen
session-idea-remove = Entfernen
session-idea-placeholder = Jede Idee ist willkommen …
session-add-idea = Idee hinzufügen

session-actions = Maßnahmen
session-no-actions-yet = Noch keine Maßnahmen.
session-plan-an-action = Eine Maßnahme planen
session-action-moment = Für den Moment
session-action-idea = Aus der Idee
session-action-what = Was
session-action-who = Wer
session-action-who-hint = (wählen Sie eine Person des Boards oder geben Sie einen beliebigen Namen ein)
session-action-by-when = Bis wann
session-action-move-from = Die Bewertung verschieben von
session-action-move-to = zu
session-save-action = Maßnahme speichern
session-action-due = , bis { $date }
session-step-due = — bis { $date }

session-step-n = Schritt { $n }
session-step-n-date = Schritt { $n }: Zieldatum
session-step-n-measure = Schritt { $n }: Messgröße
session-step-placeholder = z. B. Lieferung in 10 Tagen
session-step-measure-placeholder = Messgröße, z. B. Lieferzeit 10 Tage
session-ladder = Leiter kleiner Schritte
session-ladder-hint = (optional; z. B. 14 → 10 → 7 Tage)
session-more-steps = Weitere Schritte (bis zu { $limit })

## Abschluss

session-next-session = Nächste Sitzung: { $date }
session-add-to-calendar = Zu meinem Kalender hinzufügen (.ics)
session-no-follow-up = Noch kein Folgetermin vereinbart.
session-book-next = Die nächste Sitzung vereinbaren
session-book = Vereinbaren
session-what-we-agreed = Was wir vereinbart haben
session-not-agreed-yet-hint = (noch nicht vereinbart)
session-planning-form = Kontaktplanungsbogen

## Die Seite des Kontaktplanungsbogens

session-form-back = Zurück zum Board
session-form-download = Herunterladen:
session-form-pdf = PDF
session-form-excel = Excel
session-form-csv = CSV
session-form-markdown = Markdown
session-form-print = Oder drucken Sie diese Seite.
session-form-empty = Noch keine Momente auf dem Board.
session-form-moment = Moment der Wahrheit
session-form-description = Beschreibung
session-form-ranking = Einstufung
session-form-action = Maßnahme
session-form-priority = Priorität
session-form-no-channel = Noch kein Kanal
session-form-step-due = , bis { $date }
session-form-step-done = ✓ erledigt

## Der Kalendereintrag der nächsten Sitzung

session-no-next-session-booked = Es ist noch keine nächste Sitzung vereinbart.

## Ablehnungen eines Sitzungsformulars ($field ist der Name des Feldes)

session-error-missing = { $field }: fehlt
session-error-not-a-number = { $field }: ist keine Zahl
session-error-not-a-phase = { $field }: ist keine Phase
session-error-not-a-start-phase = { $field }: ist keine Phase (capture, colour_code, prioritise, assess, ideas, select_plan oder wrap_up)
session-error-not-a-rating = { $field }: muss miserable, neutral oder magical sein
session-error-choose-rating = { $field }: Wählen Sie Miserabel, Neutral oder Magisch
session-error-not-a-status = { $field }: muss open, doing, done oder dropped sein
session-error-unknown-op = { $field }: unbekannte Operation { $op }
session-error-too-many-steps = { $field }: höchstens { $limit } Schritte; denken Sie klein, ein Schritt nach dem anderen
session-step-field = Schritt { $n }
session-error-step-date = { $field }: muss ein Datum wie 2026-12-16 sein
session-error-step-date-quoted = { $field }: muss ein Datum wie 2026-12-16 sein („{ $step }“)
session-bar-dots-left = noch { $left } von { $total } Punkten
session-people = Beteiligte
session-person-done = fertig
session-ideas-on-notes = Schreiben Sie Ihre Ideen unter die Notizen der Prioritäten auf der Tafel: je ein Feld. Alles ist willkommen; entfernen können Sie nur Ihre eigenen.
session-merit-on-notes = Tippen Sie auf der Tafel bei den lohnenden Ideen auf „+1 guter Punkt“; die Moderation wählt aus und macht direkt dort Maßnahmen daraus.
session-idea-count = { $count ->
    [one] { $count } Idee
   *[other] { $count } Ideen
}
session-ideas-for = Ideen zu { $moment }
session-new-idea-for = Neue Idee zu { $moment }
session-action-planned = Maßnahme:
session-plan-this-idea = Zur Maßnahme machen
session-action-count = { $count ->
    [one] { $count } Maßnahme
   *[other] { $count } Maßnahmen
}
session-card-stage = Phase:
session-card-channel = Kanal:
