# Shared words: the language itself, dates, and how an input's error reads.

language-name = English
language-switch = Language
language-save = Show in this language

# What stands between the parts of a line (a file · its date · its size).
sep = {" · "}

# A date: $day (2), $dd (02), $month (its name), $mm (12), $year (2026).
# English shows dates as mot always has, 2026-12-02.
date-long = { $year }-{ $mm }-{ $dd }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

# An input's error: the field's name, then what is wrong with it.
error-field = { $field }: { $problem }
