# Customer feedback: the customer's page, a journey's figures, handing out a link.

## What a customer says, compared with what they expected
feedback-verdict-worse = Schlechter
feedback-verdict-as-expected = Wie erwartet
feedback-verdict-better = Besser

## The customer's page
feedback-question = Wie war „{ $moment }“ im Vergleich zu dem, was Sie erwartet haben?
feedback-reason-legend = Was war am wichtigsten? (optional)
feedback-comment-label = Möchten Sie uns noch etwas sagen? (optional)
feedback-customer-field-comment = Ihr Kommentar
feedback-trap-label = Dieses Feld leer lassen
feedback-send = Senden
feedback-privacy = Ihre Antwort ist anonym, außer Sie hinterlassen Ihre Adresse. Kein Konto, kein Tracking.
feedback-thanks = Vielen Dank!
feedback-thanks-text = Ihre Antwort hilft { $business }, besser zu werden in dem, was Ihnen wichtig ist.
feedback-link-gone = Dieser Feedback-Link ist nicht (mehr) in Gebrauch. Trotzdem vielen Dank.
feedback-gone-title = Danke für Ihren Besuch
feedback-busy-title = Einen Moment, bitte
feedback-not-taken-title = Ihre Antwort wurde nicht angenommen

## A journey's figures
feedback-title = Kundenfeedback
feedback-intro = Was Kunden zu jedem Moment sagen, verglichen mit ihrer Erwartung: schlechter, wie erwartet oder besser. Der Wert reicht von −100 (alle schlechter) bis +100 (alle besser); der Bereich dahinter ist der, in dem der wahre Wert mit 95 % Sicherheit liegt.
feedback-period = Zeitraum
feedback-last-days = letzte { $days } Tage
feedback-show = Anzeigen
feedback-bad-period = Wählen Sie einen Zeitraum von 1 bis 3.660 Tagen.
feedback-bad-period-kind = Wählen Sie einen Verlauf nach Wochen oder nach Monaten.
feedback-period-from = Von
feedback-period-to = Bis
feedback-period-dates = oder die Daten wählen
feedback-period-between = { $from } bis { $to }
feedback-xlsx-too-many = Mehr als { $max } Antworten: zu viele für eine Tabellendatei. Nehmen Sie die CSV-Datei, die alle enthält, oder einen kürzeren Zeitraum.
feedback-no-moments = Diese Customer Journey hat noch keine Momente. Fügen Sie zuerst Notizen auf ihrem Board hinzu und fragen Sie dann hier Ihre Kunden danach.
feedback-no-answers = Noch keine Antworten.
feedback-score = Wert { $score }
feedback-interval = (95 %: { $low } bis { $high })
feedback-share-range = ({ $low }–{ $high } %)
feedback-range = { $low } bis { $high }
feedback-too-few = Zu wenige für eine Aussage (unter { $min } Antworten)
feedback-too-few-short = zu wenige
feedback-score-head = Wert (95 %)
feedback-answers-head = Antworten
feedback-answers = { $n ->
        [one] { $n } Antwort
       *[other] { $n } Antworten
    }
feedback-by-branch = Nach Filiale
feedback-figures = Was Kunden sagen
feedback-every-branch = Alle Filialen
feedback-no-branch = Alle Filialen (keine genannt)
feedback-point-link = Link und QR-Code: { $branch }
feedback-point-closed = (geschlossen: nimmt keine Antworten an)
feedback-ask = Kunden fragen

## A feedback point
feedback-hand-out = Verteilen
feedback-hand-out-text = Drucken Sie den QR-Code auf Kassenbons, Tischkarten oder Plakate, oder setzen Sie den Link in eine E-Mail. Er fragt nur nach diesem Moment; Kunden können nicht ändern, was sie bewerten.
feedback-qr-label = QR-Code des Feedback-Links
feedback-link = Feedback-Link
feedback-open = Kundenseite öffnen
feedback-qr-download = QR-Code herunterladen (SVG)
feedback-reasons = Gründe, die Kunden wählen können
feedback-reasons-hint = Einer pro Zeile, höchstens { $max }, zum Beispiel { $example }. Kunden können einen oder keinen wählen. Sie gehören zum Moment: Der Link jeder Filiale und jede Umfrage, die nach ihm fragt, bieten sie an.
feedback-reasons-example = Wartezeit, Freundlichkeit
feedback-save-reasons = Gründe speichern

## The team's view beside the customers'
feedback-team = Team:
feedback-not-rated = noch nicht bewertet
feedback-audit = Audit:
feedback-not-audited = noch nicht auditiert
feedback-gaps = Wo Team und Kunden uneins sind
feedback-no-gaps = Keine klare Uneinigkeit. Ein Moment erscheint hier, sobald das Team ihn in einer Sitzung bewertet hat und Kunden mindestens { $min } Antworten gegeben haben, deren Bereich die Bewertung des Teams ausschließt.
feedback-blind-spot = Blinder Fleck:
feedback-modesty = Bescheidenheit:
feedback-gap-line = das Team sagt { $team }, Kunden { $score } ({ $n } Antworten)

## Comments
feedback-comments = Was Kunden schrieben
feedback-read-comments = Kommentare lesen
feedback-filter-moment = Moment
feedback-filter-any = Alle
feedback-filter-verdict = Antwort
feedback-filter-search = Wörter
feedback-no-comments = Keine passenden Kommentare. Kommentare von Kunden erscheinen hier, sobald sie eintreffen.
feedback-older = Ältere Kommentare

## The customer's page script
js-feedback-sending = Wird gesendet …
js-feedback-kept-busy = Auf diesem Telefon gespeichert. Die Antwort konnte gerade nicht gesendet werden und wird gleich noch einmal versucht: Lassen Sie diese Seite offen, oder öffnen Sie den Link später noch einmal.
js-feedback-kept = Auf diesem Telefon gespeichert. Die Antwort wird gesendet, sobald Sie wieder online sind: Lassen Sie diese Seite offen, oder öffnen Sie den Link später noch einmal.
js-feedback-refused = Ihre Antwort wurde nicht angenommen (Fehler { $status }).

## Over time
feedback-trend = Im Zeitverlauf
feedback-trend-intro = Wie viele Kunden schlechter und besser antworteten, Zeitraum für Zeitraum. Die gestrichelten Linien sind die Grenzen, die der Zufall erklärt, aus der eigenen Vergangenheit dieses Moments; ein Zeitraum jenseits davon wird markiert, nie eine einzelne Antwort.
feedback-trend-every-branch-together = Alle Filialen zusammen
feedback-by-week = Nach Woche
feedback-by-month = Nach Monat
feedback-week-of = Woche vom { $date }
feedback-month-of = Monat ab { $date }
feedback-alert-still-week = noch so in der Woche vom { $date }
feedback-alert-still-month = noch so im Monat ab { $date }
feedback-answers-col = Antworten
feedback-limits = Üblicher Bereich
feedback-beyond-limits = außerhalb des üblichen Bereichs
feedback-trend-table = Die Zahlen je Zeitraum
feedback-chart-label = Anteile der Antworten schlechter und besser je Zeitraum, mit ihren üblichen Bereichen
feedback-chart-legend = gestrichelt: der übliche Bereich (gefüllte Marken liegen außerhalb)
feedback-alert-worse = Mehr Kunden sagen schlechter, als die Vergangenheit dieses Moments erklärt.
feedback-alert-fading = Magie wird zur Erwartung: Weniger Kunden sagen besser, als die Vergangenheit dieses Moments erklärt.
feedback-alerts = Warnungen

## Flagged answers
feedback-filter-flagged = Markierte Antworten (in keiner Zahl gezählt)
feedback-flagged-intro = Diese Antworten wirkten verdächtig (etwa weil ein Roboter das versteckte Feld des Formulars ausgefüllt hat, oder weil jemand sie markiert hat). Sie bleiben erhalten, zählen aber in keiner Zahl; zählen Sie eine doch, wenn sie echt ist.
feedback-filter-reason = Grund:
feedback-filter-reason-clear = Alle Gründe zeigen
feedback-filter-by-reason = Nur Antworten mit diesem Grund zeigen
feedback-flag = Markieren: nicht zählen
feedback-unflag = Doch zählen
feedback-trend-empty = In diesem Zeitraum noch keine Antworten. Verteilen Sie den Link oder QR-Code des Moments; der Verlauf füllt sich, sobald Kunden antworten.
feedback-trend-no-range-yet = Der übliche Bereich erscheint, sobald mindestens { $n } Zeiträume Antworten haben; vorher sagt er wenig.
feedback-print-cards = Tischkarten drucken (vier A6 auf einer Seite, PDF)
feedback-print-poster = Plakat drucken (A4, PDF)
feedback-bad-sheet-size = Wählen Sie a6 (Tischkarten) oder a4 (ein Plakat).
feedback-download = Alle Antworten dieses Zeitraums:
