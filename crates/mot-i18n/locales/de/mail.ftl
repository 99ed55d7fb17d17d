## E-Mail

mail-alert-subject = Kundenwarnung: { $moment }
mail-alert-text =
    { $alert }
    Moment: { $moment } (Reise: { $journey })
    Zeitraum: { $period }
    Antworten: { $answers } ({ $worse } % schlechter, { $better } % besser)
    Sehen Sie sich die Zahlen an und entscheiden Sie (Maßnahme anlegen, auf die Tagesordnung der nächsten Sitzung setzen oder verwerfen):
    { $link }
    Sie erhalten diese Nachricht, weil Ihnen dieser Arbeitsbereich in Moments of Truth gehört.
