language-name = العربية
language-switch = اللغة
language-save = اعرض بهذه اللغة

# ما يفصل أجزاء السطر؛ النقطة الوسطى تُقرأ صفرًا (٠) بين الأرقام العربية.
sep = {"، "}

date-long = { $day } { $month } { $year }
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر

error-field = { $field }: { $problem }
