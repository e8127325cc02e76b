// The widget's panel, inside Sladesk's iframe. It takes an identity token only from its
// parent window, and only when the parent's origin is one of the organization's widget
// origins; trades it for a short-lived bearer token (POST /api/v1/widget/session) and
// then talks to the REST API with it. No cookie, no password; the token lives in memory.
(function () {
  'use strict';
  var body = document.body;
  var $ = function (id) { return document.getElementById(id); };
  var origins = (body.getAttribute('data-origins') || '').split(' ').filter(Boolean);
  var lang = body.getAttribute('data-lang') || 'en';
  var serverNow = Date.parse(body.getAttribute('data-now') || '');
  var skew = isNaN(serverNow) ? 0 : serverNow - Date.now();
  var units = (body.getAttribute('data-units') || 'd|h|min|s').split('|');
  var W = $('words');
  var bearer = null, me = null, zone = 'UTC', host = null, current = null, promises = {}, suggested = null;
  // until the parent speaks, its origin is the referrer's (the loader sends only the origin), when allowed
  try {
    var referrer = document.referrer ? new URL(document.referrer).origin : null;
    if (referrer && origins.indexOf(referrer) >= 0) host = referrer;
  } catch (e) { host = null; }

  function word(name) { return W.getAttribute('data-' + name) || ''; }
  function keyed(key) {
    var el = W.querySelector('[data-key="' + key + '"]');
    return el ? el.textContent : key;
  }
  function fill(pattern) {
    var args = Array.prototype.slice.call(arguments, 1);
    return pattern.replace(/\{(\d)\}/g, function (m, i) { return args[i] === undefined ? m : args[i]; });
  }
  function now() { return Date.now() + skew; }

  // ---- instants and countdowns, in the customer's zone and language
  function at(iso) {
    if (!iso) return '';
    var f = new Intl.DateTimeFormat(lang === 'zh-TW' ? 'zh-TW' : 'en-GB', {
      timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
    });
    return f.format(new Date(iso)) + ' (' + zone + ')';
  }
  function words(ms) {
    var s = Math.floor(Math.abs(ms) / 1000);
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    if (d > 0) return d + ' ' + units[0] + ' ' + h + ' ' + units[1];
    if (h > 0) return h + ' ' + units[1] + ' ' + m + ' ' + units[2];
    if (m > 0) return m + ' ' + units[2] + ' ' + sec + ' ' + units[3];
    return sec + ' ' + units[3];
  }
  function tick() {
    var t = now();
    document.querySelectorAll('.cd[data-due]').forEach(function (el) {
      var due = Date.parse(el.getAttribute('data-due'));
      var late = t > due;
      el.textContent = fill(body.getAttribute(late ? 'data-over' : 'data-left'), words(due - t));
      el.classList.toggle('late', late);
    });
  }
  setInterval(tick, 1000);

  // ---- small DOM helpers (text only: nothing the API says is parsed as HTML)
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function show(id) {
    ['new', 'list', 'ticket'].forEach(function (s) { $(s).hidden = s !== id; });
    $('tab-new').setAttribute('aria-current', id === 'new' ? 'page' : 'false');
    $('tab-list').setAttribute('aria-current', id !== 'new' ? 'page' : 'false');
  }
  function say(text) { $('status').textContent = text; }
  function alarm(text) {
    var a = $('alert');
    a.textContent = text || '';
    a.hidden = !text;
  }

  // ---- the API, with the session's bearer token
  function api(method, path, data, headers) {
    var h = { 'Accept': 'application/json' };
    if (bearer) h.Authorization = 'Bearer ' + bearer;
    if (data !== undefined) h['Content-Type'] = 'application/json';
    for (var k in headers || {}) h[k] = headers[k];
    return fetch(path, { method: method, headers: h, body: data === undefined ? undefined : JSON.stringify(data),
      credentials: 'omit', cache: 'no-store' }).then(function (r) {
      return r.text().then(function (t) {
        var json = t ? JSON.parse(t) : null;
        if (!r.ok) {
          var err = new Error(json && json.detail ? json.detail : 'HTTP ' + r.status);
          err.status = r.status;
          err.problem = json || {};
          throw err;
        }
        return json;
      });
    });
  }
  function failed(e) {
    if (e.status === 401 && bearer) {
      bearer = null;
      $('tabs').hidden = true;
      show(null);
      alarm(word('ended'));
      return;
    }
    alarm(fill(word('error'), e.message));
  }

  // ---- signing in: the token comes from the parent, by postMessage
  window.addEventListener('message', function (e) {
    if (e.source !== window.parent || origins.indexOf(e.origin) < 0) return;
    var m = e.data || {};
    if (m.type === 'sladesk:identify' && typeof m.token === 'string') {
      host = e.origin;
      signIn(m.token);
    } else if (m.type === 'sladesk:open') {
      var first = document.querySelector('section:not([hidden]) input, section:not([hidden]) button, #close');
      if (first) first.focus();
    }
  });

  function tell(message) {
    if (host) window.parent.postMessage(message, host);
  }

  function signIn(token) {
    say(word('signing-in'));
    alarm('');
    bearer = null;
    api('POST', '/api/v1/widget/session', { token: token }).then(function (s) {
      bearer = s.token;
      me = s.user;
      zone = s.timeZone || 'UTC';
      say(fill(word('signed-in'), me.name));
      $('tabs').hidden = false;
      tell({ type: 'sladesk:identified' });
      loadPromises();
      loadList();
    }, function (e) {
      var reason = e.problem && e.problem.reason;
      var text = reason ? keyed('refused-' + reason) : '';
      say('');
      alarm(text && text !== 'refused-' + reason ? text + ' (' + e.message + ')' : fill(word('error'), e.message));
      tell({ type: 'sladesk:refused', reason: reason || 'error' });
    });
  }

  // ---- a new ticket: the chooser, the suggestion as they type, the promise before sending
  function loadPromises() {
    var start = new Date(now()).toISOString();
    ['P1', 'P2', 'P3', 'P4'].forEach(function (s) {
      api('POST', '/api/v1/sla/preview', { severity: s, start: start }).then(function (p) {
        promises[s] = p;
        var span = document.querySelector('.promise[data-severity="' + s + '"]');
        if (span) span.textContent = promise(p);
        advice();
      }, failed);
    });
  }
  function promise(p) {
    return fill(word('promise'), at(p.firstResponse && p.firstResponse.dueAt), at(p.resolution && p.resolution.dueAt));
  }
  function chosen() {
    var c = document.querySelector('input[name=severity]:checked');
    return c ? c.value : '';
  }
  function advice() {
    var box = $('advice');
    box.textContent = '';
    if (suggested) {
      box.appendChild(el('p', null, word('suggested') + ': ' + keyed('sev-' + suggested.severity)));
      var reasons = suggested.reasons || [];
      if (!reasons.length) box.appendChild(el('p', 'hint', word('no-reasons')));
      else {
        var ul = el('ul');
        reasons.forEach(function (r) { ul.appendChild(el('li', null, fill(word('why'), r.phrase, keyed('sev-' + r.severity)))); });
        box.appendChild(ul);
      }
    }
    var s = chosen() || (suggested && suggested.severity);
    if (s && promises[s]) {
      var p = el('p', 'chosen', fill(word('if-chosen'), keyed('sev-' + s)) + ' ');
      p.appendChild(el('strong', null, promise(promises[s])));
      box.appendChild(p);
    }
  }
  var typing = null;
  function suggest() {
    clearTimeout(typing);
    typing = setTimeout(function () {
      var subject = $('subject').value, description = $('description').value;
      if (!subject.trim() && !description.trim()) { suggested = null; advice(); return; }
      api('POST', '/api/v1/triage/suggest', { subject: subject.slice(0, 250), description: description.slice(0, 100000) })
        .then(function (s) { suggested = s; advice(); }, failed);
    }, 400);
  }
  $('subject').addEventListener('input', suggest);
  $('description').addEventListener('input', suggest);
  document.querySelectorAll('input[name=severity]').forEach(function (r) { r.addEventListener('change', advice); });

  var requestKey = null;
  $('new-form').addEventListener('submit', function (e) {
    e.preventDefault();
    alarm('');
    var data = { subject: $('subject').value, description: $('description').value };
    if (chosen()) data.severity = chosen();
    // one key per ticket the customer means to send: a retried click sends it once
    requestKey = requestKey || (Date.now().toString(36) + Math.random().toString(36).slice(2));
    api('POST', '/api/v1/tickets', data, { 'Idempotency-Key': requestKey }).then(function (t) {
      requestKey = null;
      $('new-form').reset();
      suggested = null;
      advice();
      say(fill(word('sent'), t.number));
      loadList();
      openTicket(t.id);
    }, failed);
  });

  // ---- the customer's open tickets, with their promised times and countdowns
  function clocks(list, t) {
    list.textContent = '';
    var sla = t.sla || {};
    [['firstResponse', 'first'], ['resolution', 'resolution']].forEach(function (c) {
      var k = sla[c[0]];
      if (!k) return;
      var li = el('li', 'clock');
      if (k.status === 'met') li.textContent = word('met').replace('{0}', at(k.stoppedAt));
      else if (k.status === 'paused') li.textContent = word('paused');
      else {
        li.appendChild(el('span', null, fill(word(c[1]), at(k.dueAt)) + ' '));
        var cd = el('span', 'cd');
        cd.setAttribute('data-due', k.dueAt);
        li.appendChild(cd);
      }
      list.appendChild(li);
    });
    tick();
  }
  function loadList() {
    // the desk picks the viewer's own working tickets, not the first page of the organization's
    api('GET', '/api/v1/tickets?requesterId=me&status=new,open,pending,on_hold&limit=100').then(function (page) {
      var ul = $('tickets');
      ul.textContent = '';
      var mine = page.items;
      mine.forEach(function (t) {
        var li = el('li', 'ticket');
        var b = el('button', 'link', '#' + t.number + ' ' + t.subject);
        b.type = 'button';
        b.addEventListener('click', function () { openTicket(t.id); });
        li.appendChild(b);
        li.appendChild(el('span', 'hint', keyed('sev-' + t.severity) + ' · ' + keyed('status-' + t.status)));
        var cl = el('ul', 'clocks');
        clocks(cl, t);
        li.appendChild(cl);
        ul.appendChild(li);
      });
      $('none').hidden = mine.length > 0;
      if (!current) show('list');
    }, failed);
  }

  // ---- one ticket: read, reply, mark solved, ask for a re-evaluation
  function openTicket(id, quiet) {
    if (!quiet) alarm('');
    Promise.all([
      api('GET', '/api/v1/tickets/' + id),
      api('GET', '/api/v1/tickets/' + id + '/messages?limit=200'),
      api('GET', '/api/v1/tickets/' + id + '/reevaluations')
    ]).then(function (r) {
      var t = r[0];
      current = t;
      $('ticket-title').textContent = '#' + t.number + ' ' + t.subject;
      $('ticket-meta').textContent = keyed('sev-' + t.severity) + ' · ' + keyed('status-' + t.status) + ' · '
        + fill(word('opened'), at(t.createdAt));
      clocks($('ticket-clocks'), t);
      var ol = $('messages');
      ol.textContent = '';
      var first = el('li', 'message mine');
      first.appendChild(el('span', 'who', word('you') + ' · ' + at(t.createdAt)));
      first.appendChild(el('p', null, t.description));
      ol.appendChild(first);
      r[1].items.forEach(function (m) {
        var li = el('li', 'message' + (m.authorId === me.id ? ' mine' : ''));
        li.appendChild(el('span', 'who', (m.authorId === me.id ? word('you') : word('support')) + ' · ' + at(m.createdAt)));
        li.appendChild(el('p', null, m.body));
        ol.appendChild(li);
      });
      var solvedOrClosed = t.status === 'solved' || t.status === 'closed';
      $('solve').hidden = solvedOrClosed;
      var open = (r[2].items || []).some(function (q) { return q.status === 'open'; });
      $('reeval-open').hidden = !open;
      $('reeval-form').querySelector('button').disabled = open || solvedOrClosed;
      if (quiet) return;
      show('ticket');
      $('ticket-title').focus();
    }, failed);
  }
  // an agent's answer shows up while the ticket is open (read again every 20 seconds, never over what is typed)
  setInterval(function () {
    if (bearer && current && !$('ticket').hidden && !document.hidden && !$('reply').value) openTicket(current.id, true);
  }, 20000);
  $('ticket-title').tabIndex = -1;
  $('reply-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = $('reply').value;
    api('POST', '/api/v1/tickets/' + current.id + '/messages', { body: text }).then(function () {
      $('reply').value = '';
      say(word('reply-sent'));
      openTicket(current.id);
    }, failed);
  });
  $('solve').addEventListener('click', function () {
    api('POST', '/api/v1/tickets/' + current.id + '/status', { status: 'solved' }).then(function () {
      say(word('solved'));
      openTicket(current.id);
      loadList();
    }, failed);
  });
  $('reeval-form').addEventListener('submit', function (e) {
    e.preventDefault();
    api('POST', '/api/v1/tickets/' + current.id + '/reevaluations',
      { requestedSeverity: $('requested').value, reason: $('reeval-reason').value }).then(function () {
      $('reeval-reason').value = '';
      say(word('reeval-sent'));
      openTicket(current.id);
    }, failed);
  });

  $('tab-new').addEventListener('click', function () { current = null; show('new'); $('subject').focus(); });
  $('tab-list').addEventListener('click', function () { current = null; show('list'); loadList(); });
  $('back').addEventListener('click', function () { current = null; show('list'); loadList(); });
  $('close').addEventListener('click', function () { tell({ type: 'sladesk:close' }); });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') tell({ type: 'sladesk:close' });
  });
})();
