// Progressive enhancement only: every form works without this file.
// 1. The idle warning: a while before the session lapses, offer to keep it; on "stay",
//    one request moves the server's deadline. Typing counts as activity.
// 2. Focus the error summary or refusal after a failed submit, so it is read out first.
// 3. A submit button is disabled once pressed (the server's idempotency key is what
//    really prevents a double concern; this only spares the second request).
(function () {
  "use strict";
  var body = document.body;
  var idle = Number(body.dataset.idleSeconds || 0);
  var warning = Number(body.dataset.warningSeconds || 0);
  var csrf = body.dataset.csrfToken || "";
  var box = document.getElementById("idle-warning");
  var warnTimer = null, endTimer = null, lastPing = Date.now();

  function arm() {
    if (!idle || !box) { return; }
    clearTimeout(warnTimer); clearTimeout(endTimer);
    warnTimer = setTimeout(function () {
      box.hidden = false;
      document.getElementById("idle-stay").focus();
    }, Math.max(idle - warning, 1) * 1000);
    endTimer = setTimeout(function () {
      window.location.assign("/signed-out?idle=true");
    }, idle * 1000);
  }

  function keepAlive() {
    lastPing = Date.now();
    return fetch("/session/keepalive", {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf, "Content-Type": "application/x-www-form-urlencoded" },
      body: "csrf_token=" + encodeURIComponent(csrf)
    }).then(function (response) {
      if (response.ok) { box.hidden = true; arm(); }
    });
  }

  if (box) {
    document.getElementById("idle-stay").addEventListener("click", keepAlive);
    document.addEventListener("input", function () {
      // Someone writing a long concern is not idle: ping at most once a minute.
      if (Date.now() - lastPing > 60000) { keepAlive(); }
    });
    arm();
  }

  var first = document.querySelector("[data-focus-on-load]");
  if (first) { first.focus(); }

  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (button && button.form && !button.form.hasAttribute("data-allow-resubmit")) {
      setTimeout(function () { button.disabled = true; }, 0);
    }
  });
})();
