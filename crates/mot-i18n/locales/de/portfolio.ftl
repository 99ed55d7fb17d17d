## Das Portfolio einer Beratung: alle Kundenunternehmen in einer Tabelle.

portfolio-title = Portfolio
portfolio-heading = Alle Kunden auf einen Blick
portfolio-intro = Sitzungen, Maßnahmen, das letzte Audit und was Kunden sagen, für jedes Unternehmen dieses Arbeitsbereichs. Wer Aufmerksamkeit braucht, steht oben.
portfolio-link = Portfolio: alle Kunden auf einen Blick
portfolio-empty = Noch keine Unternehmen. Legen Sie Ihren ersten Kunden auf der Startseite an.
portfolio-none-match = Kein Kunde passt.
portfolio-filter = Kunden finden
portfolio-only-attention = Nur die, die Aufmerksamkeit brauchen
portfolio-apply = Anzeigen
portfolio-sort-by = Nach { $column } sortieren
portfolio-sorted = sortiert
portfolio-download = Als CSV herunterladen
portfolio-count = { $shown } von { $total } Kunden
portfolio-col-client = Kunde
portfolio-col-last-session = Letzte Sitzung
portfolio-col-next-session = Nächste Sitzung
portfolio-col-open-actions = Offene Maßnahmen
portfolio-col-overdue-actions = Überfällige Maßnahmen
portfolio-col-audit = Audit-Wert (1–10)
portfolio-col-audit-scores = Audit-Bewertungen
portfolio-col-audit-change = Audit-Veränderung
portfolio-col-customers = Kundenwert (−100 bis +100)
portfolio-col-customer-answers = Kundenantworten (90 Tage)
portfolio-col-customers-change = Kunden-Veränderung
portfolio-col-attention = Braucht Aufmerksamkeit
portfolio-none = —
portfolio-nothing = nichts
portfolio-from = aus { $n }
portfolio-attention-overdue = { $count ->
    [one] 1 Maßnahme überfällig
   *[other] { $count } Maßnahmen überfällig
}
portfolio-attention-customers = Kundenwert um { $points } Punkte gefallen
portfolio-attention-audit = Audit-Wert um { $points } Punkte gefallen
portfolio-attention-no-session-booked = keine nächste Sitzung geplant
portfolio-attention-no-session-yet = noch keine Sitzung
