# Touchpoint-Audits: Filialen, Vorlagen, Runden, Bewerter-Links, die Seite
# des Bewerters, Ergebnisse mit der Heatmap Prüfpunkt × Filiale, Standards.

## Bewertergruppen
audit-group-manager = Führungskraft
audit-group-staff = Mitarbeitende
audit-group-friend = Bekannte
audit-group-mystery-shopper = Testkäufer
audit-group-customer = Kunde
audit-link-label = { $group } { $number }

## Gemeinsame Wörter
audit-closed = abgeschlossen
audit-save = Speichern
audit-remove = Entfernen
audit-optional = (optional)
audit-back-to-audits = ← Audits
audit-back-to-board = ← Zurück zum Board
audit-back-to-round = ← { $round }
audit-results = Ergebnisse
audit-of = { $done } von { $total }

## Die Seite des Unternehmens: Filialen, Runden, Vorlagen
audit-branches = Filialen
audit-branches-hint = Standorte oder Bereiche. Audits vergleichen sie, denn Einheitlichkeit ist ein eigenes Ziel.
audit-branches-empty = Noch keine Filialen. Legen Sie mindestens eine an, um ein Audit zu beginnen.
audit-branch-new = Neue Filiale
audit-branch-placeholder = z. B. Hafenstraße
audit-branch-add = Filiale hinzufügen
audit-heading = Touchpoint-Audits
audit-rounds = Runden
audit-rounds-empty = Noch keine Audit-Runden.
audit-results-link = Ergebnisse
audit-templates = Vorlagen
audit-templates-hint = Vorlagen gehören zum Arbeitsbereich, sodass eine Beraterin oder ein Berater sie für jeden Kunden verwenden kann.
audit-template-new = Neue Vorlage
audit-template-default = Das Moments-of-Truth-Audit (15 Prüfpunkte)
audit-template-from-journey = Aus der Customer Journey „{ $journey }“ (ein Prüfpunkt je Moment)
audit-template-from-round = Aus der Auditrunde „{ $round }“ (ihre Prüfpunkte wie gestellt)
audit-template-round-name = { $round } (Vorlage)
audit-template-create = Vorlage anlegen
audit-round-start = Eine Runde starten
audit-round-name = Name
audit-round-default-name = Audit { $date }
audit-round-template = Vorlage
audit-round-opens = Beginnt am
audit-round-closes = Endet am
audit-round-start-button = Runde starten

## Eine Vorlage
audit-template-hint = Änderungen hier gelten für später gestartete Runden; eine laufende Runde behält die Prüfpunkte, die ihre Bewerter beantwortet haben.
audit-template-empty = Diese Vorlage hat noch keine Prüfpunkte. Fügen Sie unten einen hinzu.
audit-phase-up = ↑ Phase nach oben
audit-phase-down = ↓ Phase nach unten
audit-item = Prüfpunkt
audit-item-guidance = Hinweise für Bewerter (der Standard)
audit-item-moment = Verknüpfter Moment
audit-item-up = ↑ Nach oben
audit-item-down = ↓ Nach unten
audit-item-up-label = Nach oben verschieben: { $item }
audit-item-down-label = Nach unten verschieben: { $item }
audit-item-add-heading = Einen Prüfpunkt hinzufügen
audit-item-phase = Phase
audit-item-phase-hint = (eine bestehende oder ein neuer Name)
audit-item-guidance-short = Hinweise
audit-item-add = Prüfpunkt hinzufügen
audit-default-phase = Kontakt

## Eine Runde
audit-round-items = { $count ->
    [one] { $count } Prüfpunkt
   *[other] { $count } Prüfpunkte
}
audit-round-handed-in = { $count } Bewertern haben abgegeben
audit-links-new = Neue Bewerter-Links
audit-links-new-notice = Kopieren oder drucken Sie diese jetzt: Jeder Link ist persönlich und wird nur einmal angezeigt. (Mit „Erinnern“ erstellen Sie später einen neuen.)
audit-link-qr-label = QR-Code für { $rater }
audit-link-url-label = Link für { $rater }
audit-raters = Bewerter
audit-raters-empty = Noch keine Bewerter eingeladen. Erstellen Sie unten persönliche Links und versenden Sie sie, oder zeigen Sie ihre QR-Codes.
audit-col-rater = Bewerter
audit-col-group = Gruppe
audit-col-answers = Antworten
audit-col-status = Status
audit-col-remind = Erinnern
audit-status-handed-in = ✓ abgegeben
audit-status-in-progress = in Bearbeitung
audit-status-not-started = nicht begonnen
audit-remind = Erinnern (neuer Link)
audit-invite = Bewerter einladen
audit-rater-group = Bewertergruppe
audit-labels = Namen oder Bezeichnungen, eine pro Zeile
audit-labels-hint = (oder eine Zahl, z. B. 20, für 20 anonyme Links)
audit-labels-placeholder =
    Anna
    Bo
    Kundin an der Kasse
audit-make-links = Links erstellen
audit-close-round = Runde abschließen

## Die Seite des Bewerters
audit-rater-thanks = Vielen Dank: Ihre Antworten sind abgegeben.
audit-rater-closed = Dieses Audit ist abgeschlossen. Vielen Dank.
audit-rater-not-yet = Dieses Audit beginnt am { $date }. Bitte kommen Sie dann wieder.
audit-rater-intro = Bewerten Sie jeden Prüfpunkt von { $low } bis { $high } oder wählen Sie „nicht zutreffend“. Ihre Antworten werden laufend gespeichert, auch ohne Verbindung: Sie werden gesendet, sobald sie wieder besteht.
audit-rater-low = 1 (niedrig)
audit-rater-high = 10 (hoch)
audit-rater-standard = Standard: { $standard }
audit-rater-score-label = Bewertung für { $item }
audit-rater-na = k. A.
audit-rater-comment = Kommentar
audit-rater-hand-in = Abgeben

## Ergebnisse
audit-results-title = Ergebnisse: { $round }
audit-results-heading = Ergebnisse: { $round }
audit-results-handed-in = { $done } von { $total } Bewertern haben abgegeben
audit-results-against = Veränderung gegenüber „{ $round }“
audit-results-drafts = { $count ->
    [one] { $count } Bewerter hat geantwortet, aber noch nicht abgegeben: Diese Antworten zählen erst nach der Abgabe.
   *[other] { $count } Bewerter haben geantwortet, aber noch nicht abgegeben: Diese Antworten zählen erst nach der Abgabe.
}
audit-download = Herunterladen:
audit-download-pdf = PDF
audit-download-excel = Excel
audit-download-csv = CSV
audit-download-print = Oder drucken Sie diese Seite.
audit-results-items = Prüfpunkte, niedrigste zuerst
audit-legend-mean = Mittelwert, Median
audit-legend-mean-text = Die Bewertungen reichen von 1 (niedrig) bis 10 (hoch).
audit-legend-spread-text = Wie weit die Bewertungen vom Mittelwert entfernt liegen (die Standardabweichung): 0 bedeutet, dass alle Bewerter gleich bewertet haben; ab 2 sehen die Bewerter diesen Prüfpunkt sehr unterschiedlich.
audit-flag-gap = ⚑ Abstand
audit-legend-gap-text = Zwei Bewertergruppen unterscheiden sich um { $points } Punkte oder mehr über ihren üblichen Abstand in dieser Runde hinaus (eine Gruppe, die immer höher bewertet, wird nicht markiert).
audit-flag-inconsistent = ⚑ uneinheitlich
audit-legend-inconsistent-text = Die Mittelwerte der Filialen unterscheiden sich um { $points } Punkte oder mehr ({ $column }: der höchste Mittelwert einer Filiale minus der niedrigste).
audit-col-usual-gap = Üblicher Abstand
audit-col-beyond-usual = Über dem Üblichen
audit-results-low-at = niedrig vor allem in { $branch } ({ $mean })
audit-gap-words = { $high } { $high_mean } gegenüber { $low } { $low_mean } ({ $gap })
audit-gaps-heading = Abstände zwischen Bewertergruppen, größte zuerst
audit-gaps-hint = Sortiert danach, wie weit jeder Abstand vom üblichen Abstand derselben zwei Gruppen bei den übrigen Prüfpunkten dieser Runde abweicht.
audit-gaps-region = Abstände zwischen Bewertergruppen
audit-heat-heading = Prüfpunkt × Filiale
audit-heat-hint = Mittlere Bewertung je Filiale. ⚑ markiert Prüfpunkte, bei denen sich die Filialen um 2 Punkte oder mehr unterscheiden: Einheitlichkeit ist ein eigenes Ziel.
audit-breakdown-heading = Nach Phase, Gruppe und Filiale
audit-breakdown-column = Phase, Gruppe oder Filiale
audit-breakdown-phase = Phase: { $phase }
audit-breakdown-group = Gruppe: { $group }
audit-breakdown-branch = Filiale: { $branch }
audit-comments-heading = Kommentare der Bewerter
audit-comments-empty = Keine Kommentare abgegeben.
audit-comment-by = — { $group }, { $branch }

## Standards
audit-standards-title = Standards
audit-standards-heading = Standards: { $journey }
audit-standards-intro = Für jeden Moment: das Erlebnis, das das Unternehmen seinen Kunden bieten möchte, seine möglichen Höhepunkte und die Risiken, die ihn zu einem Tiefpunkt machen könnten — damit jede Person, jede Filiale und jeder Bereich ihn auf dieselbe Weise umsetzt.
audit-standards-empty = Diese Customer Journey hat noch keine Momente: Erfassen Sie sie zuerst auf dem Board.
audit-standard-badge = ◆ Standard
audit-standard-experience-label = Das Erlebnis, das wir wollen
audit-standard-highs-label = Mögliche Höhepunkte
audit-standard-risks-label = Risiken, die ihn zu einem Tiefpunkt machen könnten
audit-standard-save = Standard speichern
audit-standard-experience = Erlebnis
audit-standard-highs = Höhepunkte
audit-standard-risks = Risiken
audit-standard-none = Noch kein Standard.

## Ablehnungen (nach „Feld: “)
audit-error-from = Wählen Sie die Standardvorlage oder eine Customer Journey
audit-error-delta = -1 oder 1
audit-error-template = Wählen Sie eine Vorlage
audit-error-not-a-branch = keine Filiale
audit-error-branch = Wählen Sie eine Filiale
audit-error-group = Wählen Sie eine Bewertergruppe
audit-error-group-key = manager, staff, friend, mystery_shopper oder customer
audit-error-labels = Erstellen Sie zwischen 1 und 500 Links auf einmal
audit-error-score = Geben Sie 1 (niedrig) bis 10 (hoch) an oder „nicht zutreffend“
audit-error-item = kein Prüfpunkt
audit-error-not-in-business = { $thing } gibt es in diesem Arbeitsbereich und Unternehmen nicht
audit-no-download = Diesen Download gibt es nicht.
audit-link-replaced = Diesen Audit-Link gibt es nicht (vielleicht wurde er durch einen neueren ersetzt), oder Sie dürfen ihn nicht sehen.

## Das Skript der Bewerterseite (rater.js)
js-audit-progress = { $answered } von { $total } beantwortet
js-audit-waiting = { $waiting } warten auf eine Verbindung
js-audit-saving = wird gespeichert…
js-audit-saved = gespeichert
js-audit-offline = offline: auf diesem Telefon aufbewahrt
js-audit-offline-kept = offline: Ihre Antworten bleiben erhalten; geben Sie ab, sobald die Verbindung wieder besteht
js-audit-offline-hand-in = offline: Geben Sie ab, sobald die Verbindung wieder besteht
js-audit-not-saved = Nicht gespeichert ({ $status })
js-audit-not-handed-in = Nicht abgegeben ({ $status })
js-audit-confirm-missing = { $missing } Prüfpunkt(e) noch ohne Antwort. Trotzdem abgeben? Danach lassen sich die Antworten nicht mehr ändern.
audit-bench-heading = Neben Ihren anderen Kunden
audit-bench-hint = Jeder andere Kunde, der mit derselben Vorlage prüft, zählt einmal, mit seiner letzten Runde; gezeigt werden nur Mediane und die mittlere Hälfte, nie ein einzelner Kunde.
audit-bench-too-few = { $clients } andere Kunden prüfen mit dieser Vorlage; ihre Werte erscheinen ab { $min }, damit keiner erkennbar ist.
audit-bench-col-here = Dieser Kunde
audit-bench-col-median = Median der anderen
audit-bench-col-middle = Mittlere Hälfte der anderen
audit-bench-col-where = Wo dieser Kunde steht
audit-bench-col-clients = Andere Kunden
audit-bench-below = unter der mittleren Hälfte
audit-bench-above = über der mittleren Hälfte
audit-bench-within = in der mittleren Hälfte
