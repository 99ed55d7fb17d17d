## محفظة المستشار: كل الأنشطة التجارية للعملاء في جدول واحد.

portfolio-title = المحفظة
portfolio-heading = كل العملاء في نظرة واحدة
portfolio-intro = الجلسات والإجراءات وآخر تدقيق وما يقوله العملاء، لكل نشاط تجاري في مساحة العمل هذه. يأتي أولًا من يحتاج إلى اهتمام.
portfolio-link = المحفظة: كل العملاء في نظرة واحدة
portfolio-empty = لا أنشطة تجارية بعد. أضف عميلك الأول من الصفحة الرئيسية.
portfolio-none-match = لا يطابق أي عميل.
portfolio-filter = ابحث عن عميل
portfolio-only-attention = من يحتاج إلى اهتمام فقط
portfolio-apply = اعرض
portfolio-sort-by = رتّب حسب { $column }
portfolio-sorted = مرتّب
portfolio-download = نزّل بصيغة CSV
portfolio-count = { $shown } من { $total } عملاء
portfolio-col-client = العميل
portfolio-col-last-session = آخر جلسة
portfolio-col-next-session = الجلسة التالية
portfolio-col-open-actions = إجراءات مفتوحة
portfolio-col-overdue-actions = إجراءات متأخرة
portfolio-col-audit = درجة التدقيق (1–10)
portfolio-col-audit-scores = تقييمات التدقيق
portfolio-col-audit-change = تغيّر التدقيق
portfolio-col-customers = درجة العملاء (−100 إلى +100)
portfolio-col-customer-answers = إجابات العملاء (90 يومًا)
portfolio-col-customers-change = تغيّر العملاء
portfolio-col-attention = يحتاج إلى اهتمام
portfolio-none = —
portfolio-nothing = لا شيء
portfolio-from = من { $n }
portfolio-attention-overdue = { $count ->
    [one] إجراء واحد متأخر
   *[other] { $count } إجراءات متأخرة
}
portfolio-attention-customers = انخفضت درجة العملاء { $points } نقطة
portfolio-attention-audit = انخفضت درجة التدقيق { $points } نقطة
portfolio-attention-no-session-booked = لا جلسة تالية محجوزة
portfolio-attention-no-session-yet = لا جلسة بعد
