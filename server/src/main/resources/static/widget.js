// Sladesk's in-app help widget loader. A host page embeds
//   <script src="https://desk.example.com/widget.js" data-sladesk-org="<external id>" async></script>
// and calls Sladesk.identify(token) with a token its backend signed. The loader adds a
// launcher button and an iframe served by Sladesk; it talks to the iframe only by
// postMessage, to Sladesk's exact origin, and listens only to messages from that iframe.
(function () {
  'use strict';
  if (window.Sladesk && window.Sladesk.loaded) return;
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src, location.href).origin;
  var org = script.getAttribute('data-sladesk-org') || '';
  var lang = script.getAttribute('data-sladesk-lang') || document.documentElement.lang || navigator.language || '';
  var zh = /^zh/i.test(lang);
  var pending = null;
  var ready = false;
  var opened = false;

  var frame = document.createElement('iframe');
  frame.id = 'sladesk-frame';
  frame.title = zh ? '客服中心' : 'Help and support';
  frame.src = origin + '/widget/panel?org=' + encodeURIComponent(org) + '&lang=' + encodeURIComponent(lang);
  frame.setAttribute('referrerpolicy', 'origin');
  frame.hidden = true;
  set(frame.style, {
    position: 'fixed', right: '16px', bottom: '84px', width: '380px', height: '600px',
    maxWidth: 'calc(100vw - 32px)', maxHeight: 'calc(100vh - 110px)', border: '0',
    borderRadius: '12px', boxShadow: '0 8px 32px rgba(0,0,0,.25)', background: '#fff', zIndex: '2147483646'
  });

  var button = document.createElement('button');
  button.type = 'button';
  button.id = 'sladesk-launcher';
  button.textContent = zh ? '需要協助？' : 'Help';
  button.setAttribute('aria-controls', frame.id);
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-haspopup', 'dialog');
  set(button.style, {
    position: 'fixed', right: '16px', bottom: '16px', minWidth: '56px', height: '56px', padding: '0 20px',
    border: '0', borderRadius: '28px', background: '#1f4fd1', color: '#fff', font: '600 16px system-ui, sans-serif',
    cursor: 'pointer', boxShadow: '0 4px 16px rgba(0,0,0,.25)', zIndex: '2147483647'
  });

  function set(style, values) {
    for (var k in values) style[k] = values[k];
  }

  function post(message) {
    if (frame.contentWindow) frame.contentWindow.postMessage(message, origin);
  }

  function flush() {
    if (ready && pending) {
      post({ type: 'sladesk:identify', token: pending });
      pending = null;
    }
  }

  function open() {
    opened = true;
    frame.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    post({ type: 'sladesk:open' });
    frame.focus();
  }

  function close(focusButton) {
    opened = false;
    frame.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (focusButton) button.focus();
  }

  button.addEventListener('click', function () {
    if (opened) close(false); else open();
  });
  document.addEventListener('keydown', function (e) {
    if (opened && e.key === 'Escape') close(true);
  });
  frame.addEventListener('load', function () {
    ready = true;
    flush();
  });
  window.addEventListener('message', function (e) {
    if (e.origin !== origin || e.source !== frame.contentWindow || !e.data) return;
    if (e.data.type === 'sladesk:close') close(true);
  });

  window.Sladesk = {
    loaded: true,
    identify: function (token) {
      pending = String(token);
      flush();
    },
    open: open,
    close: function () { close(false); }
  };

  function mount() {
    document.body.appendChild(frame);
    document.body.appendChild(button);
    window.dispatchEvent(new Event('sladesk:ready'));
  }
  if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);
})();
