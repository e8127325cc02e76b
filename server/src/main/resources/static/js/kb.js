// Knowledge base on the pages: "Insert link into reply" on the console's ticket page. The
// suggestions arrive through htmx after the page loads, so the click is handled on the
// document. A static file: the Content-Security-Policy allows no inline script.
(function () {
  'use strict';
  document.addEventListener('click', function (e) {
    var button = e.target.closest ? e.target.closest('[data-kb-insert]') : null;
    if (!button) return;
    var reply = document.getElementById('reply-body');
    if (!reply) return;
    var text = button.getAttribute('data-kb-insert');
    var start = reply.selectionStart, end = reply.selectionEnd, v = reply.value;
    var before = v.slice(0, start);
    var pad = before.length > 0 && !/\s$/.test(before) ? ' ' : '';
    reply.value = before + pad + text + v.slice(end);
    reply.selectionStart = reply.selectionEnd = start + pad.length + text.length;
    reply.focus();
  });
})();
