## The templates library: journey templates, the starters, and the changes a journey is offered.

templates-title = مكتبة القوالب
templates-link = مكتبة القوالب: ابدأ عميلًا من قالب أو من نموذج جاهز
templates-from-link = ابدأ رحلة من قالب أو من نموذج جاهز
templates-intro = احفظ رحلة أي عميل قالبًا، وابدأ منه أو من أحد النماذج الجاهزة رحلة عميل جديد: مراحلها ولحظاتها وقنواتها ومعاييرها، مع تدقيق مطابق. وإذا تغيّر القالب عُرضت التغييرات على الرحلات المأخوذة منه، ولا تتغير من تلقاء نفسها أبدًا.
templates-yours = قوالبك
templates-none = لا قوالب بعد: احفظ رحلة أحد العملاء قالبًا أدناه، أو ابدأ من نموذج جاهز.
# $version is a whole number.
templates-version = الإصدار { $version }
templates-moments = { $count ->
    [one] لحظة واحدة
   *[other] { $count } لحظات
}
templates-changed = تغيّر في { $date }
templates-start = ابدأ رحلة منه
templates-for-client = للعميل
templates-new-client = عميل جديد (سمِّه أدناه)
templates-new-client-name = اسم العميل الجديد (لعميل جديد فقط)
templates-journey-name = اسم الرحلة
templates-with-audit = أنشئ تدقيقها أيضًا (سؤال لكل لحظة)
templates-start-submit = ابدأ الرحلة
templates-save-heading = احفظ رحلة قالبًا
templates-save-journey = الرحلة
templates-save-name = اسم القالب
templates-save-submit = احفظ قالبًا
templates-starters = نماذج جاهزة
templates-starters-hint = رحلات واقعية لستة أنواع من الأنشطة التجارية، لتبدأ منها وتجعلها لك.
templates-see-outline = اعرض مراحلها ولحظاتها
templates-update-hint = إذا تغيّرت { $journey } فاحفظها مجددًا إصدارًا تاليًا لهذا القالب: فتُعرض التغييرات على الرحلات المأخوذة منه.
templates-its-journey = رحلته
templates-update = احفظ الإصدار التالي
templates-made-from = رحلات أُخذت منه
templates-made-none = لم تؤخذ منه أي رحلة بعد.
templates-review = تغييرات للمراجعة
templates-up-to-date = محدّثة
templates-holds = ما يحتويه
templates-changes-title = تغييرات من القالب
# $template is the template's name; $from and $to are version numbers.
templates-changes-intro = تغيّر { $template } منذ أن أُخذت هذه الرحلة من الإصدار { $from }؛ وهو الآن في الإصدار { $to }.
templates-no-changes = في هذه الرحلة كل تغييرات قالبها.
templates-changes-pick = تغييرات تُعتمد في هذه الرحلة
templates-change-add-stage = أضف المرحلة
templates-change-rename-stage = أعد تسمية المرحلة
templates-change-add = أضف اللحظة
templates-change-edit = غيّر اللحظة
templates-change-remove = احذف اللحظة
templates-changes-hint = التغييرات غير المحددة تُرفض. يرى كل من على اللوحة التغييرات فورًا؛ ويمكن استعادة اللحظة المحذوفة من اللوحة.
templates-changes-submit = اعتمد التغييرات المحددة
