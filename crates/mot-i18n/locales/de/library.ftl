## The templates library: journey templates, the starters, and the changes a journey is offered.

templates-title = Vorlagenbibliothek
templates-link = Vorlagenbibliothek: einen Kunden mit einer Vorlage oder einem Starter beginnen
templates-from-link = Eine Journey aus einer Vorlage oder einem Starter beginnen
templates-intro = Speichern Sie die Journey eines Kunden als Vorlage und beginnen Sie damit oder mit einem der Starter die Journey eines neuen Kunden: Phasen, Momente, Kanäle und Standards, mit passendem Audit. Ändert sich eine Vorlage, werden den daraus entstandenen Journeys die Änderungen angeboten, nie stillschweigend übernommen.
templates-yours = Ihre Vorlagen
templates-none = Noch keine Vorlagen: Speichern Sie unten die Journey eines Kunden als Vorlage oder beginnen Sie mit einem Starter.
# $version is a whole number.
templates-version = Version { $version }
templates-moments = { $count ->
    [one] ein Moment
   *[other] { $count } Momente
}
templates-changed = geändert am { $date }
templates-start = Eine Journey daraus beginnen
templates-for-client = Für den Kunden
templates-new-client = Ein neuer Kunde (unten benennen)
templates-new-client-name = Name des neuen Kunden (nur für einen neuen Kunden)
templates-journey-name = Name der Journey
templates-with-audit = Auch das passende Audit anlegen (eine Frage je Moment)
templates-start-submit = Journey beginnen
templates-save-heading = Eine Journey als Vorlage speichern
templates-save-journey = Journey
templates-save-name = Name der Vorlage
templates-save-submit = Als Vorlage speichern
templates-starters = Starter
templates-starters-hint = Realistische Journeys für sechs Arten von Unternehmen, zum Beginnen und Anpassen.
templates-see-outline = Phasen und Momente ansehen
templates-update-hint = Wenn sich { $journey } geändert hat, speichern Sie sie erneut als nächste Version dieser Vorlage: Den daraus entstandenen Journeys werden dann die Änderungen angeboten.
templates-its-journey = ihre Journey
templates-update = Nächste Version speichern
templates-made-from = Daraus entstandene Journeys
templates-made-none = Daraus ist noch keine Journey entstanden.
templates-review = Änderungen prüfen
templates-up-to-date = aktuell
templates-holds = Was sie enthält
templates-changes-title = Änderungen aus der Vorlage
# $template is the template's name; $from and $to are version numbers.
templates-changes-intro = { $template } hat sich geändert, seit diese Journey aus Version { $from } entstand; sie ist jetzt bei Version { $to }.
templates-no-changes = Diese Journey hat jede Änderung ihrer Vorlage.
templates-changes-pick = Zu übernehmende Änderungen für diese Journey
templates-change-add-stage = Phase hinzufügen
templates-change-rename-stage = Phase umbenennen
templates-change-add = Moment hinzufügen
templates-change-edit = Moment ändern
templates-change-remove = Moment entfernen
templates-changes-hint = Nicht angekreuzte Änderungen werden abgelehnt. Alle auf dem Board sehen die Änderungen sofort; ein entfernter Moment lässt sich auf dem Board wiederherstellen.
templates-changes-submit = Angekreuzte Änderungen übernehmen
