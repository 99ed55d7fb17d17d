// Small helpers for pages other than the board.
for (const input of document.querySelectorAll('input[readonly]')) {
  input.addEventListener('focus', () => input.select());
}
