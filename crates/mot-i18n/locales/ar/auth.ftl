# إعداد التثبيت وتسجيل الدخول والخروج.

auth-setup-title = الإعداد
auth-setup-heading = مرحبًا بك في mot
auth-setup-intro = أدخل اسم نشاطك التجاري وأنشئ حساب المالك. بعد ذلك تأتي أول رحلة عميل لك؛ ويمكنك دعوة فريقك منها.
auth-setup-business = اسم النشاط التجاري
auth-setup-business-placeholder = مثلًا: أثاث المرفأ
auth-setup-workspace = اسم مساحة العمل
auth-setup-workspace-hint = (اختياري: يُستخدم اسم النشاط التجاري إذا تُرك فارغًا؛ ويكتب المستشار هنا اسم مكتبه ثم يضيف الأنشطة التجارية لعملائه لاحقًا)
auth-your-name = اسمك
auth-email = البريد الإلكتروني
auth-password = كلمة المرور
auth-setup-password-hint = (على الأقل { $min } { $min ->
        [one] حرف
        [two] حرفان
        [few] أحرف
       *[other] حرفًا
    })
auth-setup-submit = إنشاء مساحة العمل

auth-login-title = تسجيل الدخول
auth-login-heading = تسجيل الدخول
auth-login-submit = تسجيل الدخول
auth-login-wrong = عنوان البريد الإلكتروني أو كلمة المرور غير صحيحة.
# $link هو رابط «الانضمام برمز».
auth-login-join-hint = هل تشارك في جلسة؟ { $link } — دون الحاجة إلى حساب.
auth-login-join-link = الانضمام برمز
auth-no-workspace = لا ينتمي هذا الحساب إلى أي مساحة عمل.
auth-not-a-user = ليس مستخدمًا.
auth-login-forgot = نسيت كلمة المرور؟
auth-signup-title = أنشئ مساحة عمل
auth-signup-link = جديد هنا؟ أنشئ مساحة عمل خاصة بك
auth-oidc-sign-in = سجّل الدخول عبر { $provider }
auth-oidc-or = أو بعنوان بريدك الإلكتروني وكلمة المرور:
auth-oidc-failed = لم ينجح تسجيل الدخول عبر المزوّد. حاول مرة أخرى، أو سجّل الدخول بكلمة مرورك.
auth-oidc-expired = انتهت صلاحية تسجيل الدخول هذا أو بدأ في متصفح آخر. ابدأ من جديد من صفحة تسجيل الدخول.
auth-oidc-cancelled = أُلغي تسجيل الدخول لدى المزوّد. ابدأ من جديد من صفحة تسجيل الدخول.
auth-oidc-unverified = لم يؤكد المزوّد عنوان بريد إلكتروني لك، فلا يستطيع mot معرفة من أنت هنا.
auth-oidc-unknown = لا يوجد حساب هنا بعنوان بريدك الإلكتروني. اطلب من أحد مالكي مساحة عملك أن يدعوك.
