# Die Exporte (mot-export): das Kontaktplanungsformular, der Bericht des
# Touchpoint-Audits und die Kalenderdatei der nächsten Sitzung.

## Für alle Formate

export-rating-miserable = Miserabel
export-rating-neutral = Neutral
export-rating-magical = Magisch

export-rater-manager = Führungskraft
export-rater-staff = Mitarbeitende
export-rater-friend = Bekannte
export-rater-mystery-shopper = Mystery Shopper
export-rater-customer = Kunde

export-page = Seite { $page } von { $count }
export-continued = (Fortsetzung)
export-xlsx-cut = gekürzt auf Excels Grenze von { $limit } Zeichen je Zelle; der CSV-Export enthält den vollständigen Text

## Das Kontaktplanungsformular

export-form-title = Kontaktplanungsformular
export-form-col-channel = Kanal
export-form-col-moment = Moment der Wahrheit
export-form-col-description = Beschreibung
export-form-col-expectation = Kunden erwarten
export-form-col-reality = Was heute passiert
export-form-col-issue = Problem
export-form-col-ranking = Bewertung
export-form-col-action = Maßnahme
export-form-col-priority = Priorität
export-form-priority-yes = Ja
export-form-no-channel = Noch kein Kanal
export-form-empty = Diese Customer Journey hat noch keine Momente.
export-form-issue-expect = Kunden erwarten: { $text }
export-form-issue-now = Was heute passiert: { $text }
export-form-issue-issue = Problem: { $text }
export-form-action = { $what } ({ $owner })
export-form-action-due = { $what } ({ $owner }, bis { $date })
export-form-action-step = { $number }. { $text }
export-form-action-step-due = { $number }. { $text }, bis { $date }
export-form-action-step-measure = ({ $measure })
export-form-action-step-done = ✓ erledigt

## Der Bericht des Touchpoint-Audits

export-audit-title = Touchpoint-Audit
export-audit-col-phase = Phase
export-audit-col-item = Punkt
export-audit-col-mean = Mittelwert
export-audit-col-median = Median
export-audit-col-spread = Streuung
export-audit-col-count = Anzahl
export-audit-col-change = Veränderung seit der letzten Runde
export-audit-col-gap = Abstand zwischen Gruppen
export-audit-col-flags = Hinweise
export-audit-col-inconsistency = Uneinheitlichkeit
export-audit-col-rater-group = Bewertergruppe
export-audit-col-branch = Filiale
export-audit-col-comment = Kommentar
export-audit-mean-at = Mittelwert { $branch }
export-audit-flag-gap = ⚑ Abstand
export-audit-flag-inconsistent = ⚑ uneinheitlich
export-audit-branch-unnamed = Filiale { $id }
export-audit-by-phase = Nach Phase
export-audit-by-group = Nach Bewertergruppe
export-audit-by-branch = Nach Filiale
export-audit-comments = Kommentare der Bewerter
export-audit-comments-none = Kommentare der Bewerter: keine abgegeben.
export-audit-responses = { $handed_in } von { $sent } { $sent ->
        [one] Bewerter
       *[other] Bewertern
    } { $handed_in ->
        [one] hat
       *[other] haben
    } abgegeben
export-audit-drafts = { $drafts ->
        [one] ({ $drafts } weitere Person hat Antworten, aber noch nicht abgegeben; nicht gezählt)
       *[other] ({ $drafts } weitere Personen haben Antworten, aber noch nicht abgegeben; nicht gezählt)
    }
export-audit-legend = Die Werte reichen von 1 (niedrig) bis 10 (hoch); die Streuung ist die Standardabweichung (wie weit die Werte vom Mittelwert entfernt liegen: 0, wenn alle Bewerter denselben Wert gegeben haben). Gezählt werden nur abgegebene Antworten. { $gap_flag }: Die Mittelwerte zweier Bewertergruppen liegen um { $gap } Punkte oder mehr über ihren üblichen Abstand in dieser Runde hinaus auseinander (eine Gruppe, die stets höher bewertet, wird nicht markiert). { $inconsistent_flag }: Die Mittelwerte der Filialen liegen { $inconsistent } Punkte oder mehr auseinander (die Uneinheitlichkeit ist der höchste Filialmittelwert minus der niedrigste).
export-audit-gap = { $high } { $high_mean } vs. { $low } { $low_mean } ({ $points })
export-audit-sheet-items = Punkte
export-audit-sheet-summary = Übersicht
export-audit-sheet-heat-map = Heatmap
export-audit-sheet-comments = Kommentare
export-audit-print-items = Touchpoint-Audit: Punkte
export-audit-print-summary = Touchpoint-Audit: Übersicht
export-audit-print-heat-map = Touchpoint-Audit: Heatmap
export-audit-print-comments = Touchpoint-Audit: Kommentare
export-audit-items-note = { $responses } · Punkte mit den niedrigsten Werten zuerst
export-audit-heat-note = Mittelwert je Punkt und Filiale, von 1 (niedrig, rot) bis 10 (hoch, grün); { $none }, wo niemand bewertet hat. Uneinheitlichkeit: der höchste Filialmittelwert minus der niedrigste; ⚑ ab { $inconsistent }.
export-audit-no-comments = Keine Kommentare abgegeben.
export-audit-comments-note = Die Kommentare der Bewerter je Punkt, mit ihrer Gruppe und Filiale (nie mit der Person).
export-audit-pdf-intro = { $responses }. Punkte mit den niedrigsten Werten zuerst. { $legend } Heatmap: Jede Zelle ist der Mittelwert der Filiale, eingefärbt von Rot (niedrig) über Gelb bis Grün (hoch); { $none }, wo niemand bewertet hat.
export-audit-no-items = Diese Runde hat keine Punkte.
export-audit-items-heading = Punkte, niedrigste Werte zuerst
export-audit-heat-heading = Heatmap: Mittelwert je Punkt und Filiale
export-audit-heat-part = { $heading } (Filialen { $from }–{ $to } von { $total })

## Die Kalenderdatei der nächsten Sitzung

export-ics-summary = Momente der Wahrheit: { $journey }
export-ics-description = Folgetermin zu „{ $session }“. Board: { $url }

## Feedback-Bögen (Tischkarten und Plakate mit dem QR-Code eines Moments)

export-sheet-title = Feedback: { $business }
export-sheet-scan = Scannen und antworten – dauert zehn Sekunden

## Customers' answers (CSV, XLSX)
export-feedback-sheet = Antworten
export-feedback-col-date = Datum
export-feedback-col-moment = Moment
export-feedback-col-branch = Filiale
export-feedback-col-answer = Antwort
export-feedback-col-reason = Grund
export-feedback-col-comment = Kommentar
export-feedback-col-flagged = Markiert
export-feedback-flagged-yes = markiert, nicht gezählt

## A journey's customer feedback report (PDF, CSV, XLSX)
export-feedback-report-title = Bericht Kundenfeedback
export-feedback-report-intro = Antworten der Kunden der letzten { $days } Tage, { $from } bis { $to }; erstellt { $made }. Jeder Moment wird als schlechter, wie erwartet oder besser als erwartet bewertet. Die Punktzahl reicht von −100 (alle schlechter) bis +100 (alle besser); der Bereich dahinter enthält die wahre Punktzahl mit 95 % Sicherheit. Unter { $min } Antworten sind es zu wenige, um etwas zu sagen. Markierte Antworten zählt keine Zahl.
export-feedback-report-moments-heading = Momente, in der Reihenfolge des Boards
export-feedback-report-no-moments = Diese Journey hat noch keine Momente.
export-feedback-report-too-few = zu wenige, um etwas zu sagen
export-feedback-report-no-answers = noch keine Antworten
export-feedback-report-total = Alle Antworten
export-feedback-report-range = { $low } bis { $high }
export-feedback-report-answers = { $n ->
        [one] { $n } Antwort
       *[other] { $n } Antworten
    }
export-feedback-report-col-answers = Antworten
export-feedback-report-col-score = Punktzahl
export-feedback-report-col-range = 95-%-Bereich
export-feedback-report-col-team = Bewertung des Teams
export-feedback-report-col-gap = Team und Kunden
export-feedback-report-blind-spot = Blinder Fleck: Das Team bewertet ihn { $points } Punkte höher als seine Kunden
export-feedback-report-modesty = Bescheidenheit: Kunden bewerten ihn { $points } Punkte höher als das Team
export-feedback-report-months-heading = Monat für Monat, die sechs ganzen Monate bis zum Ende des Zeitraums (auch vor einem kürzeren Zeitraum): der Wert jedes Moments, alle Filialen zusammen
# A month's column: $month its name, $year.
export-feedback-report-month = { $month } { $year }
export-feedback-report-alerts-heading = Was die Verläufe jetzt sagen
export-feedback-report-col-alert = Warnung
export-feedback-report-no-alerts = Keine Warnungen: Bei keinem Moment liegt die letzte Woche außerhalb dessen, was seine Vergangenheit erklärt.
export-feedback-report-branches-heading = Jeder Moment über die Filialen: Punktzahl und Antworten
export-feedback-report-branches-part = { $heading } (Filialen { $from }–{ $to } von { $total })
export-feedback-report-col-consistency = Über die Filialen
export-feedback-report-branches-differ = ⚑ Die Filialen unterscheiden sich mehr als zufällig: von { $low } bis { $high }
export-feedback-report-branches-alike = { $low } bis { $high }, im Rahmen des Zufalls
export-feedback-report-comments-heading = Neueste Kommentare (die { $n } neuesten gezählten)
export-feedback-report-no-comments = Keine Kommentare in diesem Zeitraum.
export-feedback-report-col-worse-share = Schlechter (%)
export-feedback-report-col-as-expected-share = Wie erwartet (%)
export-feedback-report-col-better-share = Besser (%)
export-feedback-report-col-score-low = Punktzahl, 95 % unten
export-feedback-report-col-score-high = Punktzahl, 95 % oben
export-feedback-report-col-note = Hinweis
export-feedback-report-col-gap-points = Abstand (Punkte)
export-feedback-report-col-alerts = Aktuelle Warnungen
export-feedback-report-kind-blind-spot = blinder Fleck
export-feedback-report-kind-modesty = Bescheidenheit
export-feedback-report-sheet-figures = Zahlen
export-feedback-report-sheet-comments = Kommentare
export-feedback-report-download = Der Bericht dieses Zeitraums:

export-map-title = Journey Map: { $journey }
export-map-priority = Priorität
export-map-no-channel = noch kein Kanal
export-map-actions = { $count ->
    [one] { $count } Maßnahme
   *[other] { $count } Maßnahmen
}
export-map-drawn-on = Stand { $date }
export-map-session = Sitzung „{ $session }“ vom { $date }
export-map-next = nächste Sitzung { $date }

## The client report pack.
# $business is the client's name.
export-pack-title = Bericht für { $business }
export-pack-intro = Dieses Paket fasst zusammen, wo { $business } bei den Momenten der Wahrheit seiner Kunden steht:
# $part names a part of the pack that has nothing yet.
export-pack-missing = { $part }: noch nichts
# $session is the session's title, $date its day.
export-pack-part-form = Das Planungsformular der letzten Sitzung, { $session } ({ $date })
export-pack-part-actions = { $count ->
    [one] Der Stand der einen offenen Maßnahme
   *[other] Der Stand der { $count } offenen Maßnahmen
}
# $round is the audit round's name.
export-pack-part-audit = Die Ergebnisse des letzten Audits, { $round }
export-pack-part-feedback = { $count ->
    [one] Was Kunden sagten, für eine Journey
   *[other] Was Kunden sagten, für jede von { $count } Journeys
}
export-pack-contact = Ihr Berater
export-pack-actions = Offene Maßnahmen
export-pack-no-actions = Keine offenen Maßnahmen.
export-pack-col-journey = Journey
export-pack-col-action = Maßnahme
export-pack-col-owner = Wer
export-pack-col-due = Fällig
export-pack-col-status = Stand
export-pack-open = offen
export-pack-doing = in Arbeit
export-pack-done = erledigt
export-pack-dropped = verworfen
export-pack-overdue = überfällig
