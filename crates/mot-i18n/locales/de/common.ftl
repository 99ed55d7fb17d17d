language-name = Deutsch
language-switch = Sprache
language-save = In dieser Sprache anzeigen

# Was zwischen den Teilen einer Zeile steht (eine Datei · ihr Datum · ihre Größe).
sep = {" · "}

date-long = { $day }. { $month } { $year }
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember

error-field = { $field }: { $problem }
