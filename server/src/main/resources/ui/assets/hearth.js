// Hearth's little script, loaded from /assets (the Content-Security-Policy allows no inline script).
// Copy buttons, syntax highlighting of file views, and the live "new commits" banner.
(function () {
  'use strict';

  function copyButtons() {
    document.querySelectorAll('button[data-copy]').forEach(function (button) {
      button.addEventListener('click', function () {
        var input = document.getElementById(button.getAttribute('data-copy'));
        if (!input) return;
        var done = function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy'; }, 1500); };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(input.value).then(done, function () { input.select(); });
        } else {
          input.select();
          try { document.execCommand('copy'); done(); } catch (e) { /* selected for the user to copy */ }
        }
      });
    });
  }

  function highlight() {
    if (!window.hljs) return;
    document.querySelectorAll('pre.src code[data-highlight]').forEach(function (block) {
      window.hljs.highlightElement(block);
    });
  }

  // Shows the banner when a push moves the branch this page shows. Events come over the
  // WebSocket the page opens with its session cookie; nothing is polled.
  function liveBanner() {
    var banner = document.getElementById('live-banner');
    if (!banner || !window.WebSocket) return;
    var repo = banner.getAttribute('data-repo');
    var ref = 'refs/heads/' + banner.getAttribute('data-branch');
    var shown = banner.getAttribute('data-sha');
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    var socket = new WebSocket(scheme + location.host + '/api/v3/events');
    socket.addEventListener('open', function () {
      socket.send(JSON.stringify({ type: 'subscribe', repo: repo }));
    });
    socket.addEventListener('message', function (message) {
      var event;
      try { event = JSON.parse(message.data); } catch (e) { return; }
      if (event.type === 'subscribed') { banner.setAttribute('data-state', 'listening'); return; }
      if (event.type === 'ping') { socket.send(JSON.stringify({ type: 'pong' })); return; }
      var payload = event.payload || {};
      if (payload.ref === ref && payload.after && payload.after !== shown) banner.hidden = false;
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    copyButtons();
    highlight();
    liveBanner();
  });
})();
