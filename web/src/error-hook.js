window.maillageErrors = [];
window.addEventListener('error', function (e) {
  window.maillageErrors.push(String((e && e.message) || e));
  if (window.maillageStatusUpdate) window.maillageStatusUpdate();
});
