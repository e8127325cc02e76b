// The demo host page's own script: what a host product does once its user is signed in.
(function () {
  'use strict';
  var el = document.getElementById('demo-token');
  var token = el ? el.getAttribute('data-token') : '';
  if (!token) return;
  function identify() { window.Sladesk.identify(token); }
  if (window.Sladesk && window.Sladesk.loaded) identify();
  else window.addEventListener('sladesk:ready', identify);
})();
