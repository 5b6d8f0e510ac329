// Dark mode follows the system: PatternFly v5 switches its colours with this class on <html>.
(function () {
  var query = window.matchMedia('(prefers-color-scheme: dark)');
  function apply() {
    document.documentElement.classList.toggle('pf-v5-theme-dark', query.matches);
  }
  apply();
  query.addEventListener('change', apply);
})();
