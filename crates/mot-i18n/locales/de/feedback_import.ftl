# Kundenfeedback aus einer CSV- oder Excel-Datei übernehmen.

feedback-import-link = Antworten aus einer Datei importieren
# The inputs an import's refusals name.
field-file = Datei
field-columns = Spalten
field-scale = Skala der Bewertungen
thing-import = Import

## Das Hochladen
feedback-import-title = Kundenantworten importieren
feedback-import-intro = Übernehmen Sie das Feedback, das Sie schon haben: den Export eines Umfragewerkzeugs, die CSV eines Bewertungsportals, das „Wie war's?“ Ihrer Kasse. Speichern Sie es als CSV (Komma oder Semikolon; UTF-8, UTF-16 oder Windows-1252) oder als Excel-Datei (.xlsx, ihr erstes Blatt). Die erste Zeile benennt die Spalten; jede weitere ist die Antwort eines Kunden mit Datum, dem Moment, um den es geht, einer Bewertung und, falls vorhanden, einer Filiale und einem Kommentar.
feedback-import-limit = Dateien bis { $mb } MB.
feedback-import-file = Datei
feedback-import-upload = Hochladen und Vorschau zeigen
feedback-import-too-large = Die Datei ist größer als { $mb } MB. Teilen Sie sie in kleinere Dateien und importieren Sie diese nacheinander.
feedback-import-not-a-form = Senden Sie die Datei mit dem Formular zum Hochladen (multipart/form-data).
feedback-import-no-file = Wählen Sie eine Datei zum Importieren.
feedback-import-empty = Die Datei enthält keine Antworten: Sie ist leer oder hat nur eine Kopfzeile.
feedback-import-not-a-table = Das ist keine CSV- oder Excel-Datei, die mot lesen kann (oder ihr Text ist nicht in UTF-8, UTF-16 oder Windows-1252).
feedback-import-one-column = Diese Datei hat nur eine Spalte. mot liest Text, dessen Spalten durch Kommas, Semikolons oder Tabulatoren getrennt sind, und das erste Blatt einer Excel-Arbeitsmappe: Stehen die Antworten auf einem anderen Blatt, verschieben Sie dieses Blatt nach vorn und laden Sie die Datei erneut hoch.
feedback-import-undecodable = Die Datei enthält Bytes, die in ihrer Kodierung kein Text sind. Speichern Sie sie erneut als CSV UTF-8 und importieren Sie sie noch einmal; nichts wurde importiert.
feedback-import-too-many-columns = Die Datei hat mehr als { $max } Spalten.
feedback-import-gone = Diese hochgeladene Datei ist nicht mehr da (sie wartet eine Stunde und wird nach dem Import entfernt). Laden Sie sie erneut hoch.

## Welche Spalte was ist
feedback-import-map-title = Welche Spalte was ist
feedback-import-file-facts = { $encoding }, { $kib } KiB
feedback-import-preview = { $n ->
        [one] Die erste Zeile
       *[other] Die ersten { $n } Zeilen
    }
feedback-import-columns = Spalten
feedback-import-col-line = Zeile
feedback-import-col-reason = Grund
feedback-import-col-date = Datum
feedback-import-col-moment = Moment (Kontaktpunkt)
feedback-import-col-branch = Filiale
feedback-import-every-moment = Oder jede Zeile betrifft diese Notiz:
feedback-import-every-branch = Oder jede Zeile stammt aus dieser Filiale:
feedback-import-col-rating = Bewertung
feedback-import-col-comment = Kommentar
feedback-import-col-id = Eigene Kennung der Antwort (optional)
feedback-import-none = (keine)
feedback-import-pick = Spalte wählen
feedback-import-column = Spalte { $n }: { $name }
feedback-import-moments-hint = Die Moment-Spalte muss die Titel der Notizen dieser Customer Journey enthalten (Groß- und Kleinschreibung egal). Eine Datei zu nur einem Kontaktpunkt oder einer Filiale braucht diese Spalte nicht: Wählen Sie in der Liste die Notiz oder Filiale, die jede Zeile betrifft. Die Notizen:
feedback-import-scale = Wie die Bewertungen zu lesen sind
feedback-import-scale-stars = 1–5 Sterne: unter 3 schlechter, 3 wie erwartet, über 3 besser (auch halbe Sterne)
feedback-import-scale-ten = 0–10: unter 7 schlechter, 7 bis unter 9 wie erwartet, 9–10 besser
feedback-import-scale-words = Die Wörter worse, as expected und better
feedback-import-scale-text = Meine eigenen Texte, unten aufgeführt
feedback-import-scale-table = Ihre Texte, einer je Zeile: Text = schlechter, wie erwartet oder besser
feedback-import-dates = Daten mit Schrägstrichen (03/04/2025)
feedback-import-day-first = Tag zuerst (3. April)
feedback-import-month-first = Monat zuerst (4. März)
feedback-import-all-or-nothing = Nichts importieren, wenn eine Zeile abgelehnt wird
feedback-import-run = Importieren
feedback-import-choose = Wählen Sie die Spalte für „{ $column }“.
feedback-import-choose-scale = Wählen Sie, wie die Bewertungen zu lesen sind.
feedback-import-choose-date-order = Wählen Sie, wie Daten mit Schrägstrichen zu lesen sind.
feedback-import-no-such-column = Die Zuordnung nennt eine Spalte, die die Datei nicht hat.
feedback-import-column-twice = Die Spalte „{ $column }“ ist zweimal gewählt.
feedback-import-empty-table = Füllen Sie die Tabelle Ihrer Texte aus: ein „Text = Urteil“ je Zeile.
feedback-import-bad-table-line = Zeile { $line } Ihrer Tabelle hat nicht die Form „Text = schlechter, wie erwartet oder besser“.
feedback-import-long-table = Ihre Tabelle darf höchstens { $max } Texte enthalten.
feedback-import-line = Zeile { $line }: { $reason }

## Warum eine Zeile abgelehnt wird
feedback-import-missing-column = die Spalte „{ $column }“ fehlt
feedback-import-unreadable = sie enthält Steuerzeichen
feedback-import-bad-date = „{ $value }“ ist kein Datum (schreiben Sie 2025-04-03, 03.04.2025 oder 03/04/2025)
feedback-import-future-date = das Datum { $value } liegt in der Zukunft
feedback-import-no-moment = kein Moment genannt
feedback-import-unknown-moment = keine Notiz dieser Customer Journey heißt „{ $value }“
feedback-import-moment-twice = { $count } Notizen dieser Customer Journey heißen „{ $value }“, ob groß oder klein geschrieben: Schreiben Sie den Titel genau so wie eine von ihnen, oder geben Sie jeder Notiz auf der Tafel einen eigenen Titel
feedback-import-every-gone = Die für jede Zeile gewählte Notiz oder Filiale gibt es nicht mehr: Wählen Sie neu.
feedback-import-unknown-branch = das Unternehmen hat keine Filiale „{ $value }“
feedback-import-no-rating = keine Bewertung
feedback-import-bad-rating = die Bewertung „{ $value }“ liegt nicht auf der gewählten Skala
feedback-import-long-comment = der Kommentar ist { $length } Zeichen lang; die Grenze ist { $limit }
feedback-import-long-id = die Kennung der Antwort ist länger als { $limit } Zeichen
feedback-import-more-refused = … und { $n } weitere abgelehnte Zeilen
feedback-import-no-rows = Keine einzige Zeile konnte importiert werden ({ $refused } abgelehnt); nichts wurde importiert.
feedback-import-some-refused = { $refused ->
        [one] Eine Zeile wurde abgelehnt, daher wurde nichts importiert (Sie haben „alles oder nichts“ gewählt).
       *[other] { $refused } Zeilen wurden abgelehnt, daher wurde nichts importiert (Sie haben „alles oder nichts“ gewählt).
    }

## Das Ergebnis
feedback-import-done-title = Import abgeschlossen
feedback-import-imported = { $n ->
        [one] { $shown } Antwort importiert
       *[other] { $shown } Antworten importiert
    }
feedback-import-already = { $n ->
        [one] { $shown } war schon da
       *[other] { $shown } waren schon da
    }
feedback-import-refused = { $n ->
        [one] { $shown } Zeile abgelehnt
       *[other] { $shown } Zeilen abgelehnt
    }
feedback-import-download-refused = Abgelehnte Zeilen mit Gründen herunterladen (CSV)
feedback-import-see-figures = Zu den Zahlen
feedback-import-another = Eine weitere Datei importieren
feedback-import-undone-title = Import zurückgenommen
feedback-import-undone = { $n ->
        [one] Zurückgenommen: seine { $shown } Antwort zählt nicht mehr in den Zahlen. Sie können die Datei erneut importieren und anders lesen lassen.
       *[other] Zurückgenommen: seine { $shown } Antworten zählen nicht mehr in den Zahlen. Sie können die Datei erneut importieren und anders lesen lassen.
    }
feedback-import-take-out = Diesen Import zurücknehmen …
feedback-import-take-out-what = { $n ->
        [one] Seine { $shown } Antwort verschwindet aus den Zahlen, als wäre sie nie importiert worden. Tun Sie das, wenn die Datei falsch gelesen wurde (Skala oder Datumsreihenfolge), und importieren Sie sie dann erneut.
       *[other] Seine { $shown } Antworten verschwinden aus den Zahlen, als wären sie nie importiert worden. Tun Sie das, wenn die Datei falsch gelesen wurde (Skala oder Datumsreihenfolge), und importieren Sie sie dann erneut.
    }
feedback-import-take-out-confirm = Import zurücknehmen
feedback-import-not-taken-out = Nur ein abgeschlossener Import kann zurückgenommen werden: Dieser läuft noch oder hat nichts behalten.
feedback-import-earlier = Frühere Importe
feedback-import-state-running = läuft
feedback-import-state-failed = gescheitert: nichts behalten
feedback-import-state-undone = zurückgenommen
feedback-import-state-undoing = wird zurückgenommen
feedback-import-undoing = Wurde zurückgenommen, als er mittendrin anhielt: Nehmen Sie ihn erneut zurück, um das abzuschließen.
feedback-import-running-elsewhere = Ein anderer Import dieses Arbeitsbereichs läuft: Nehmen Sie diesen zurück, sobald jener fertig ist.
feedback-import-taking-out = Ein Import dieses Arbeitsbereichs wird gerade zurückgenommen: Importieren Sie diese Datei, sobald das erledigt ist.

## Ein laufender oder gescheiterter Import
feedback-import-running-title = Import läuft
feedback-import-reading = Die Datei wird gelesen und geprüft: { $percent } %
feedback-import-saving = Die Antworten werden gespeichert: { $done } von { $total }
feedback-import-counting = Fast fertig: Die Antworten kommen in die Zahlen
feedback-import-page-updates = Diese Seite aktualisiert sich selbst; Sie können sie auch verlassen, der Import läuft weiter.
feedback-import-failed-title = Der Import ist gescheitert
feedback-import-nothing-kept = Von dieser Datei wurde nichts übernommen.
feedback-import-interrupted = Der Server wurde während des Imports beendet, daher wurde nichts übernommen. Importieren Sie die Datei erneut.
feedback-import-moment-gone = Eine Notiz, die diese Datei nennt, wurde während des Imports vom Board genommen, daher wurde nichts übernommen.
feedback-import-branch-gone = Eine Filiale, die diese Datei nennt, wurde während des Imports entfernt, daher wurde nichts übernommen.
feedback-import-failed = Der Import konnte nicht abgeschlossen werden, daher wurde nichts übernommen. Versuchen Sie es erneut.
feedback-import-try-again = Zuordnung ändern und erneut importieren
