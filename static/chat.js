/* The conversation page as a chat (progressive enhancement; the plain form works without it).
 *
 * Intercepts the reply form and posts the line to the JSON API with the login's CSRF token:
 *   POST /api/v1/sessions/{id}/turns  {"text", "client_turn_id"}  X-CSRF-Token: <token>
 * Enter sends, Shift+Enter is a new line. The reply is appended as DOM nodes (textContent only,
 * never innerHTML), the box clears and keeps focus. While a turn is in flight the send button
 * is disabled. A network failure or a 503 is retried with the SAME client_turn_id (the server
 * stores it once), then the text is kept and a message shown.
 */
(function () {
  "use strict";

  var form = document.getElementById("say-form");
  var box = document.getElementById("say-text");
  var transcript = document.getElementById("transcript");
  if (!form || !box || !transcript || !window.fetch) {
    return;
  }
  var send = document.getElementById("say-send");
  var errorBox = document.getElementById("say-error");
  var idField = form.querySelector('input[name="client_turn_id"]');
  var meta = document.querySelector('meta[name="csrf-token"]');
  var token = meta ? meta.getAttribute("content") : "";
  var api = form.getAttribute("data-api");
  var reportUrl = form.getAttribute("data-report");
  var coach = transcript.getAttribute("data-coach") === "1";
  var keys = document.getElementById("say-keys");
  if (keys) { keys.hidden = false; }
  var RETRY_DELAYS = [400, 1000, 2000];
  var busy = false;

  function freshId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function showError(message) {
    if (!errorBox) { return; }
    errorBox.textContent = message;
    errorBox.hidden = !message;
    if (message) {
      box.setAttribute("aria-describedby", "say-help say-error");
    } else {
      box.setAttribute("aria-describedby", "say-help");
    }
  }

  function setBusy(value) {
    busy = value;
    if (send) { send.disabled = value; }
    form.setAttribute("aria-busy", value ? "true" : "false");
  }

  function patientLine(text, cue) {
    var line = el("div", "line patient");
    line.appendChild(el("span", "speaker", "Patient"));
    var said = el("p", "said");
    if (cue) {
      said.appendChild(el("em", "cue", "(" + cue + ")"));
      said.appendChild(document.createTextNode(" "));
    }
    said.appendChild(document.createTextNode(text));
    line.appendChild(said);
    return line;
  }

  function clinicianLine(data) {
    var line = el("div", "line clinician");
    line.appendChild(el("span", "speaker", "You"));
    line.appendChild(el("p", "said", data.clinician));
    if (coach && data.code) {
      var metaLine = el("p", "meta coach");
      metaLine.appendChild(el("span", "tag code code-" + data.code, data.code.replace(/_/g, " ")));
      metaLine.appendChild(document.createTextNode(" "));
      metaLine.appendChild(el("span", "why", data.why || ""));
      line.appendChild(metaLine);
    }
    return line;
  }

  function appendTurn(data) {
    if (document.getElementById("turn-" + data.turn)) {
      return; // already shown (a repeated client_turn_id answers with the stored turn)
    }
    var item = el("li", "turn");
    item.id = "turn-" + data.turn;
    item.setAttribute("data-turn", String(data.turn));
    item.appendChild(el("span", "turn-number", "Turn " + data.turn));
    item.appendChild(clinicianLine(data));
    item.appendChild(patientLine(data.patient || "", data.cue));
    transcript.appendChild(item);
    var count = document.getElementById("turn-count");
    if (count) {
      count.textContent = data.turn + (data.turn === 1 ? " turn" : " turns");
    }
    // The reply box is sticky at the bottom of the window: scroll so the new turn sits above it.
    window.scrollTo(0, document.documentElement.scrollHeight);
  }

  function showEnded() {
    var composer = document.getElementById("composer") || form;
    var notice = el("div", "ended notice");
    notice.id = "ended-notice";
    notice.setAttribute("role", "status");
    notice.appendChild(el("p", null, "The patient has walked out: this session has ended."));
    var p = el("p");
    var link = el("a", "button", "Read your feedback report");
    link.href = reportUrl;
    p.appendChild(link);
    notice.appendChild(p);
    composer.parentNode.replaceChild(notice, composer);
    link.focus();
  }

  function wait(ms) {
    return new Promise(function (resolve) { window.setTimeout(resolve, ms); });
  }

  function detailOf(response) {
    return response.json().then(function (body) {
      var detail = body && body.detail;
      if (typeof detail === "string") { return detail; }
      if (Array.isArray(detail) && detail.length && detail[0].msg) { return detail[0].msg; }
      return "";
    }, function () { return ""; });
  }

  function post(text, clientId, attempt) {
    return fetch(api, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json",
                "X-CSRF-Token": token},
      body: JSON.stringify({text: text, client_turn_id: clientId})
    }).then(function (response) {
      if (response.status === 503 && attempt < RETRY_DELAYS.length) {
        return wait(RETRY_DELAYS[attempt]).then(function () {
          return post(text, clientId, attempt + 1);
        });
      }
      return response;
    }, function (failure) {
      if (attempt < RETRY_DELAYS.length) {
        return wait(RETRY_DELAYS[attempt]).then(function () {
          return post(text, clientId, attempt + 1);
        });
      }
      throw failure;
    });
  }

  function capitalise(message) {
    if (!message) { return message; }
    message = message.charAt(0).toUpperCase() + message.slice(1);
    return /[.!?]$/.test(message) ? message : message + ".";
  }

  function submit() {
    if (busy) { return; }
    var text = box.value;
    if (!text.trim()) {
      showError("The line is empty: type what you would say to the patient.");
      box.focus();
      return;
    }
    var clientId = idField.value || freshId();
    idField.value = clientId;
    showError("");
    setBusy(true);
    post(text, clientId, 0).then(function (response) {
      if (response.status === 200 || response.status === 201) {
        return response.json().then(function (data) {
          data.clinician = data.clinician || text.trim();
          appendTurn(data);
          idField.value = freshId();
          if (box.value === text) { box.value = ""; }
          if (data.ended) {
            showEnded();
          } else {
            box.focus();
          }
        });
      }
      return detailOf(response).then(function (detail) {
        var message;
        if (response.status === 401) {
          message = "Your sign-in has expired. Copy your line, then reload the page and sign in again.";
        } else if (response.status === 403) {
          message = "This page has expired. Copy your line, then reload the page.";
        } else if (response.status === 409 || response.status === 422) {
          message = capitalise(detail) || "The line could not be sent.";
        } else {
          message = "The server could not take your line just now (" + response.status +
            "). Your text is kept; try sending it again.";
        }
        showError(message);
        box.focus();
      });
    }).catch(function () {
      showError("No connection to the server. Your text is kept; try sending it again.");
      box.focus();
    }).then(function () {
      setBusy(false);
    });
  }

  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (submitter && submitter.hasAttribute("formaction")) {
      return; // "End session": a plain form post to its own action
    }
    event.preventDefault();
    submit();
  });

  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && !event.altKey &&
        !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      submit();
    }
  });
}());
