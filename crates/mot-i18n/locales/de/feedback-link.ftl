## A feedback point's own question, closing its link, and a customer's consent to be contacted

feedback-question-title = Die Frage
feedback-question-label = Ihre eigene Formulierung (leer lassen für die Standardfrage)
feedback-question-hint = Eine Zeile. Kundinnen und Kunden sehen sie über den drei Antworten; sie steht auch auf den Karten und dem Plakat.
feedback-save-question = Frage speichern
feedback-qr-download-png = QR-Code herunterladen (PNG)
feedback-close-title = Nicht mehr fragen
feedback-close-text = Ein geschlossener Link nimmt keine Antworten mehr an: Wer ihn scannt, bekommt einen Dank und den Hinweis, dass er nicht mehr in Gebrauch ist. Die bisherigen Antworten bleiben in den Zahlen. Sie können ihn wieder öffnen.
feedback-close = Diesen Link schließen
feedback-closed-title = Dieser Link ist geschlossen
feedback-closed-text = Er nimmt keine Antworten an. Wer ihn öffnet, bekommt einen Dank und den Hinweis, dass er nicht mehr in Gebrauch ist.
feedback-reopen = Wieder öffnen
feedback-bad-open = Wählen Sie, ob der Link geschlossen oder wieder geöffnet werden soll.
feedback-contact-summary = Dürfen wir uns bei Ihnen melden? (freiwillig)
feedback-contact-consent = Ja, { $business } darf mich zu dieser Antwort kontaktieren.
feedback-contact-email = Ihre E-Mail-Adresse
feedback-contact = Kontakt: { $email }
rule-feedback-contact-email = Geben Sie die E-Mail-Adresse an, unter der wir Sie erreichen dürfen, oder entfernen Sie das Häkchen.

## The same moment across branches, beside its standard

feedback-standard = Standard:
feedback-branches-differ = Die Filialen unterscheiden sich über den Zufall hinaus: Werte von { $low } bis { $high } in { $n } Filialen mit genug Antworten.
feedback-branches-alike = Die Filialen sind im Rahmen des Zufalls gleich: Werte von { $low } bis { $high } in { $n } Filialen mit genug Antworten.

## Journey surveys: one link about several moments

feedback-survey-heading = Ein paar kurze Fragen von { $business }
feedback-survey-intro = Beantworten Sie, was Sie können; den Rest überspringen Sie. Es dauert eine Minute.
feedback-survey-add-comment = Kommentar hinzufügen
feedback-survey-new = Nach mehreren Momenten zugleich fragen
feedback-survey-new-text = Ein Link, der nach bis zu { $max } Momenten fragt, etwa in einer E-Mail nach der Lieferung nach Bestellung, Liefertag und Montage. Jede Antwort zählt für ihren eigenen Moment.
feedback-survey-title = Name (Kundinnen und Kunden sehen ihn als Überschrift)
feedback-survey-title-example = Nach Ihrer Lieferung
feedback-survey-moments = Momente, nach denen gefragt wird
feedback-survey-make = Umfrage-Link erstellen
feedback-surveys = Umfragen
feedback-survey-asks = { $n ->
    [one] fragt nach 1 Moment
   *[other] fragt nach { $n } Momenten
}
feedback-survey-closed = geschlossen
feedback-survey-hand-out-text = Setzen Sie diesen Link in eine E-Mail oder auf einen Beleg. Kundinnen und Kunden bewerten jeden Moment mit Schlechter, Wie erwartet oder Besser und können jeden überspringen.
feedback-survey-counts = Jede Antwort zählt in den Zahlen ihres Moments unter { $figures }.
rule-feedback-survey-moments = Wählen Sie zwischen 1 und { $max } Momenten aus.
rule-feedback-survey-empty = Beantworten Sie mindestens eine der Fragen.
thing-survey = Umfrage
thing-survey-link = Umfrage-Link

## A note whose magic fades into expectation

board-worse = schlechter als sonst
board-worse-title = Mehr Kunden sagten hier zuletzt „schlechter“, als die Vergangenheit dieses Moments erklärt.
board-fading = Magie verblasst
board-fading-title = Kunden sagen hier immer seltener „besser“: Was sie begeistert hat, wird zu dem, was sie erwarten.
