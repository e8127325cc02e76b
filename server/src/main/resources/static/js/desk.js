// Sladesk pages: live countdowns, the CSRF header of htmx requests, keyboard shortcuts,
// saved replies and the "someone else is replying" notice. A static file of the desk: the
// Content-Security-Policy allows no inline script.
(function () {
  'use strict';
  var body = document.body;
  var serverNow = Date.parse(body.getAttribute('data-now') || '');
  // countdowns count from the server's clock, not the browser's
  var skew = isNaN(serverNow) ? 0 : serverNow - Date.now();
  var units = (body.getAttribute('data-units') || 'd|h|min|s').split('|');

  function words(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    if (d > 0) return d + ' ' + units[0] + ' ' + h + ' ' + units[1];
    if (h > 0) return h + ' ' + units[1] + ' ' + m + ' ' + units[2];
    if (m > 0) return m + ' ' + units[2] + ' ' + sec + ' ' + units[3];
    return sec + ' ' + units[3];
  }

  function tick() {
    var now = Date.now() + skew;
    var left = body.getAttribute('data-left') || '{0} left';
    var over = body.getAttribute('data-over') || '{0} overdue';
    document.querySelectorAll('.cd[data-due]').forEach(function (el) {
      var due = Date.parse(el.getAttribute('data-due'));
      if (isNaN(due)) return;
      var warn = Date.parse(el.getAttribute('data-warn') || '');
      var late = now > due;
      el.textContent = (late ? over : left).replace('{0}', words(due - now));
      el.classList.toggle('cd-late', late);
      el.classList.toggle('cd-warn', !late && !isNaN(warn) && now >= warn);
    });
  }
  tick();
  setInterval(tick, 1000);
  document.addEventListener('htmx:afterSwap', tick);

  // htmx requests carry the session's CSRF token, read from the page's meta tags
  document.addEventListener('htmx:configRequest', function (e) {
    var token = document.querySelector('meta[name="csrf-token"]');
    var header = document.querySelector('meta[name="csrf-header"]');
    if (token && header) e.detail.headers[header.content] = token.content;
  });

  function csrfHeaders() {
    var h = {};
    var token = document.querySelector('meta[name="csrf-token"]');
    var header = document.querySelector('meta[name="csrf-header"]');
    if (token && header) h[header.content] = token.content;
    return h;
  }

  // the help overlay
  var help = document.getElementById('help');
  function toggleHelp() {
    if (!help) return;
    if (help.open) help.close(); else help.showModal();
  }
  document.querySelectorAll('[data-help-open]').forEach(function (b) { b.addEventListener('click', toggleHelp); });

  var reply = document.getElementById('reply-body');

  function insert(text) {
    if (!reply) return;
    var start = reply.selectionStart, end = reply.selectionEnd, v = reply.value;
    reply.value = v.slice(0, start) + text + v.slice(end);
    reply.selectionStart = reply.selectionEnd = start + text.length;
    reply.focus();
  }
  document.querySelectorAll('[data-insert]').forEach(function (b) {
    b.addEventListener('click', function () { insert(b.getAttribute('data-insert')); });
  });

  function typing(el) {
    return el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
  }

  document.addEventListener('keydown', function (e) {
    if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-9]$/.test(e.code) && document.activeElement === reply) {
      var b = document.querySelector('[data-insert][data-key="' + e.code.slice(5) + '"]');
      if (b) { e.preventDefault(); insert(b.getAttribute('data-insert')); }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    var k = e.key;
    if (k === '?') { e.preventDefault(); toggleHelp(); return; }
    if (!help) return; // shortcuts belong to the console
    if (k === 'j') { var next = document.getElementById('next-ticket'); if (next) { e.preventDefault(); next.click(); } }
    else if (k === 'r' || k === 'n') {
      var v = document.getElementById(k === 'r' ? 'vis-public' : 'vis-internal');
      if (v && reply) { e.preventDefault(); v.checked = true; reply.focus(); }
    }
    else if (k === 's') { var s = document.getElementById('solve-form'); if (s) { e.preventDefault(); s.requestSubmit(); } }
    else if (k === 'a') { var a = document.getElementById('assign-me-form'); if (a) { e.preventDefault(); a.requestSubmit(); } }
    else if (k === '/') { var q = document.getElementById('q'); if (q) { e.preventDefault(); q.focus(); } }
  });

  // "someone else is replying": tell the others at most every 4 seconds while typing
  if (reply && reply.getAttribute('data-typing-url')) {
    var last = 0;
    reply.addEventListener('input', function () {
      var now = Date.now();
      if (now - last < 4000) return;
      last = now;
      fetch(reply.getAttribute('data-typing-url'), { method: 'POST', headers: csrfHeaders(), credentials: 'same-origin' });
    });
  }
  var notice = document.getElementById('typing');
  if (notice) {
    var clear;
    new MutationObserver(function () {
      if (!notice.textContent) return;
      clearTimeout(clear);
      clear = setTimeout(function () { notice.textContent = ''; }, 8000);
    }).observe(notice, { childList: true, subtree: true });
  }
})();
