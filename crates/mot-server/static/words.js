// The page's words, in the page's language: the server puts the catalogue's
// `js-*` messages in <script id="mot-words"> (a variable written `{$name}`).
const words = JSON.parse(document.getElementById('mot-words')?.textContent || '{}');

/** The message `key`, its `{$name}` variables filled in from `vars`. */
export function t(key, vars = {}) {
  let s = words[key] ?? key;
  for (const [name, value] of Object.entries(vars)) s = s.replaceAll(`{$${name}}`, String(value));
  return s;
}

/** What parts a line's parts, as the pages do: " · ", in Arabic a comma
 * (a middle dot beside Arabic digits reads as a zero). */
export const sep = words.sep ?? ' · ';

/** The page's language, as in <html lang>. */
export const lang = document.documentElement.lang || 'en';

/** A number written the page's way (7.4, 7,4, ٧٫٤). */
export function num(n, decimals = 0) {
  return new Intl.NumberFormat(lang === 'ar' ? 'ar-EG' : lang, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(n);
}

// The language switch goes as soon as a language is picked.
for (const select of document.querySelectorAll('select[data-autosubmit]')) {
  select.addEventListener('change', () => select.form?.requestSubmit());
}
document.body.classList.add('js');
