// Sladesk admin pages: a refused form (400, 409) comes back as the form with its messages,
// so htmx swaps it in like any answer; after a swap the preview (or the message) takes focus.
(function () {
  'use strict';
  document.addEventListener('htmx:beforeSwap', function (e) {
    var status = e.detail.xhr.status;
    // the event is told on the target (#main); the form that asked is the request's element
    var from = e.detail.requestConfig && e.detail.requestConfig.elt;
    if ((status === 400 || status === 409) && from && from.closest('[data-admin-form]')) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });
  document.addEventListener('htmx:afterSwap', function () {
    var target = document.querySelector('#main [role=alert]') || document.getElementById('preview-h');
    if (target) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    }
  });
})();
