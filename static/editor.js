/* The persona library's pages, made better by script (every page works without it).
 *
 * - Buttons and forms with data-confirm ask before they submit (retire, restore, discard, delete).
 * - The YAML editor (#yaml-text): a line-number gutter that scrolls with the textarea and marks
 *   the lines of the saved draft's errors and warnings; each problem link moves the cursor to its
 *   line; the cursor's line and column; Ctrl+S saves; a beforeunload warning while the text is
 *   not saved, and Publish disabled until it is.
 * - The side panel becomes two tabs (Preview, Format reference).
 * - The preview talks to the saved draft through POST /library/{slug}/preview (JSON, with the
 *   login's CSRF token in X-CSRF-Token). The clinician lines are kept here and sent again with
 *   each new one (the server replays them; the same seed gives the same conversation). Enter
 *   sends, Shift+Enter is a new line. "Save as golden" posts the same lines to .../goldens.
 * Text from the server is only ever set with textContent, never innerHTML.
 */
(function () {
  "use strict";

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  // --- confirmations -------------------------------------------------------------------

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-confirm]") : null;
    if (button && !button.disabled && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-confirm") && !window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  var box = $("yaml-text");
  var form = $("editor-form");
  if (!box || !form) { return; }

  // --- the editor ----------------------------------------------------------------------

  var gutter = $("gutter");
  var position = $("editor-position");
  var publish = $("publish-button");
  var publishHelp = $("publish-help");
  var publishWasDisabled = publish ? publish.disabled : true;
  var publishHelpText = publishHelp ? publishHelp.textContent : "";
  var initial = box.value;
  var forcedDirty = box.getAttribute("data-unsaved") === "1";
  var submitting = false;
  var marks = {};
  var lineCount = -1;

  Array.prototype.forEach.call(document.querySelectorAll(".problem-link"), function (link) {
    var line = parseInt(link.getAttribute("data-line"), 10);
    if (marks[line] !== "error") { marks[line] = link.getAttribute("data-severity"); }
  });

  function isDirty() { return forcedDirty || box.value !== initial; }

  function lineHeight() {
    var value = parseFloat(window.getComputedStyle(box).lineHeight);
    return isNaN(value) ? 20 : value;
  }

  function drawGutter() {
    if (!gutter) { return; }
    var count = box.value.split("\n").length;
    if (count === lineCount) { return; }
    lineCount = count;
    var fragment = document.createDocumentFragment();
    for (var i = 1; i <= count; i += 1) {
      var mark = marks[i];
      var span = el("span", "gl" + (mark ? " " + mark : ""), i);
      if (mark) { span.title = mark + " on line " + i; }
      fragment.appendChild(span);
    }
    gutter.textContent = "";
    gutter.appendChild(fragment);
    gutter.hidden = false;
    syncScroll();
  }

  function syncScroll() {
    if (gutter) { gutter.scrollTop = box.scrollTop; }
  }

  function showPosition() {
    if (!position) { return; }
    var before = box.value.slice(0, box.selectionStart);
    var line = before.split("\n").length;
    var column = before.length - before.lastIndexOf("\n");
    position.textContent = "Line " + line + ", column " + column;
  }

  function goToLine(number) {
    var lines = box.value.split("\n");
    var line = Math.max(1, Math.min(number, lines.length));
    var start = 0;
    for (var i = 0; i < line - 1; i += 1) { start += lines[i].length + 1; }
    box.focus({ preventScroll: true });
    box.setSelectionRange(start, start + lines[line - 1].length);
    box.scrollTop = Math.max(0, (line - 1) * lineHeight() - box.clientHeight / 3);
    box.scrollLeft = 0;
    syncScroll();
    box.scrollIntoView({ block: "nearest" });
    showPosition();
    if (gutter && gutter.children[line - 1]) {
      var mark = gutter.children[line - 1];
      mark.classList.remove("flash");
      void mark.offsetWidth; // restart the animation
      mark.classList.add("flash");
    }
  }

  function updateDirty() {
    var dirty = isDirty();
    form.classList.toggle("dirty", dirty);
    if (gutter) { gutter.classList.toggle("stale", box.value !== initial); }
    if (publish) {
      publish.disabled = publishWasDisabled || dirty;
      if (publishHelp) {
        publishHelp.textContent = dirty && !publishWasDisabled
          ? "The editor has unsaved changes: save the draft first, then publish it."
          : publishHelpText;
      }
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll(".problem-link"), function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      goToLine(parseInt(link.getAttribute("data-line"), 10));
    });
  });

  box.addEventListener("scroll", syncScroll);
  box.addEventListener("input", function () { drawGutter(); updateDirty(); showPosition(); });
  ["keyup", "click", "select", "focus"].forEach(function (name) {
    box.addEventListener(name, showPosition);
  });

  window.addEventListener("beforeunload", function (event) {
    if (!submitting && isDirty()) {
      event.preventDefault();
      event.returnValue = "";
      return "";
    }
    return undefined;
  });
  form.addEventListener("submit", function (event) {
    if (!event.defaultPrevented) { submitting = true; }
  });

  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === "s" || event.key === "S")) {
      event.preventDefault();
      var save = $("save-button");
      if (form.requestSubmit && save) { form.requestSubmit(save); } else { form.submit(); }
    }
  });

  drawGutter();
  updateDirty();

  // --- the side panel as tabs ----------------------------------------------------------

  var tabs = $("panel-tabs");
  var side = tabs ? tabs.parentNode : null;

  function showPanel(name) {
    if (!tabs) { return; }
    Array.prototype.forEach.call(tabs.querySelectorAll("[role=tab]"), function (tab) {
      var on = tab.getAttribute("data-panel") === name;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      var panel = $(tab.getAttribute("aria-controls"));
      if (panel) { panel.setAttribute("data-active", on ? "1" : "0"); }
    });
  }

  if (tabs) {
    tabs.hidden = false;
    side.classList.add("tabbed");
    var selected = tabs.querySelector("[aria-selected=true]");
    showPanel(selected ? selected.getAttribute("data-panel") : "preview");
    tabs.addEventListener("click", function (event) {
      var tab = event.target.closest("[role=tab]");
      if (tab) { showPanel(tab.getAttribute("data-panel")); }
    });
    tabs.addEventListener("keydown", function (event) {
      if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") { return; }
      var all = Array.prototype.slice.call(tabs.querySelectorAll("[role=tab]"));
      var index = all.indexOf(document.activeElement);
      if (index < 0) { return; }
      var next = all[(index + (event.key === "ArrowRight" ? 1 : all.length - 1)) % all.length];
      showPanel(next.getAttribute("data-panel"));
      next.focus();
    });
  }

  var origin = document.querySelector(".schema-origin");
  if (origin) { origin.textContent = window.location.origin; }

  // --- the preview ---------------------------------------------------------------------

  var send = $("preview-send");
  var lineBox = $("preview-line");
  var log = $("preview-log");
  if (!send || !lineBox || !log || !window.fetch) { return; }

  var restart = $("preview-restart");
  var linesField = $("preview-lines");
  var errorBox = $("preview-error");
  var level = $("preview-level");
  var seed = $("preview-seed");
  var goldenButton = $("golden-save");
  var goldenName = $("golden-name");
  var goldenStatus = $("golden-status");
  var keys = $("preview-keys");
  var meta = document.querySelector('meta[name="csrf-token"]');
  var token = meta ? meta.getAttribute("content") : "";
  var base = send.getAttribute("formaction").replace(/\/preview$/, "");
  var lines = [];
  var busy = false;
  var queued = null;
  var STATE_NAMES = ["rapport", "discord", "readiness", "importance", "confidence", "mistrust"];

  try { lines = JSON.parse(linesField.value || "[]"); } catch (ignored) { lines = []; }
  if (keys) { keys.hidden = false; }

  function showError(message) {
    errorBox.textContent = message || "";
    errorBox.hidden = !message;
  }

  function fixed(value) { return typeof value === "number" ? value.toFixed(3) : "—"; }

  function delta(after, before) {
    if (typeof after !== "number" || typeof before !== "number") { return null; }
    var d = after - before;
    if (d > 0.0005) { return el("span", "delta up", "+" + d.toFixed(3)); }
    if (d < -0.0005) { return el("span", "delta down", d.toFixed(3)); }
    return el("span", "delta", "·");
  }

  function stat(name, value, change) {
    var item = el("li");
    item.appendChild(el("span", "stat-name", name));
    item.appendChild(document.createTextNode(" "));
    item.appendChild(el("span", "stat-value", value));
    if (change) {
      item.appendChild(document.createTextNode(" "));
      item.appendChild(change);
    }
    return item;
  }

  function stateTable(state, before) {
    var list = el("ul", "state-stats");
    list.setAttribute("aria-label", "State after this turn, and the change");
    STATE_NAMES.forEach(function (name) {
      list.appendChild(stat(name, fixed(state[name]), delta(state[name], before[name])));
    });
    list.appendChild(stat("band", state.band, state.band !== before.band
      ? el("span", "delta", "was " + before.band) : null));
    Object.keys(state.affects || {}).forEach(function (name) {
      list.appendChild(stat(name, fixed(state.affects[name]),
                            delta(state.affects[name], (before.affects || {})[name])));
    });
    return list;
  }

  function term(list, name, content) {
    list.appendChild(el("dt", null, name));
    var dd = list.appendChild(el("dd"));
    content.forEach(function (part) {
      dd.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
    });
    return dd;
  }

  function code(text, className) { return el("code", className, text); }

  function patientLine(text, cue, talk, ended, reason) {
    var line = el("div", "line patient");
    line.appendChild(el("span", "speaker", "Patient"));
    var said = line.appendChild(el("p", "said"));
    if (cue) {
      said.appendChild(el("em", "cue", "(" + cue + ")"));
      said.appendChild(document.createTextNode(" "));
    }
    said.appendChild(document.createTextNode(text));
    if (talk) {
      var metaLine = line.appendChild(el("p", "meta"));
      metaLine.appendChild(el("span", "tag talk-" + talk, talk + " talk"));
      if (ended) {
        metaLine.appendChild(document.createTextNode(" "));
        metaLine.appendChild(el("span", "tag bad", "ended: " + (reason || "ended")));
      }
    }
    return line;
  }

  function turnItem(turn, before, open) {
    var trace = turn.trace || {};
    var inner = turn.inner || {};
    var item = el("li", "pv-turn");
    item.id = "pv-turn-" + turn.turn;
    item.setAttribute("data-turn", String(turn.turn));
    var you = item.appendChild(el("div", "line clinician"));
    you.appendChild(el("span", "speaker", "You · turn " + turn.turn));
    you.appendChild(el("p", "said", turn.clinician));
    you.appendChild(el("p", "meta"))
      .appendChild(el("span", "tag code code-" + turn.code, turn.code.replace(/_/g, " ")));
    item.appendChild(patientLine(turn.patient, turn.cue, turn.talk, turn.ended, turn.end_reason));

    var details = item.appendChild(el("details", "trace"));
    details.open = open;
    details.appendChild(el("summary", null, "Trace of turn " + turn.turn + ": " + trace.rule));
    var list = details.appendChild(el("dl", "trace-grid"));
    var coded = term(list, "Coded", [el("strong", null, trace.code), " by rule ",
                                     code(trace.code_rule)]);
    coded.appendChild(el("br"));
    coded.appendChild(el("span", "why", trace.why));
    term(list, "Move", [code(trace.move), " · rule: ", code(trace.rule, "trace-rule")]);
    term(list, "Reply", ["from ", code(trace.source, "trace-source"), ", reply ",
                         code(trace.reply_id, "trace-reply"),
                         " (wanted " + trace.wanted_talk + " talk" +
                         (trace.repeated ? "; a repeat)" : ")")]);
    if (trace.topics && trace.topics.length) { term(list, "Topics", [trace.topics.join(", ")]); }
    var reading = trace.understanding;
    if (reading) {
      var ask = reading.ask || {};
      var readAs = [code(ask.form + (ask.slot ? ":" + ask.slot : "") + (ask.yes_no ? " (" + ask.yes_no + ")" : ""), "trace-form")];
      if (ask.step) { readAs.push(" · step “" + ask.step + "”"); }
      if (ask.options) { readAs.push(" · options “" + ask.options.join("” / “") + "”"); }
      if (ask.negated) { readAs.push(" · set aside “" + ask.negated.join("”, “") + "”"); }
      term(list, "Read as", readAs);
      if (reading.fact) {
        term(list, "Fact asked", [reading.fact.fact ? code(reading.fact.fact, "trace-fact") : "none on the sheet",
                                  " (" + (reading.fact.kind || "unknown") + "): " + reading.fact.why]);
      }
      term(list, "Answered by", [code(reading.answer_rule, "trace-answer-rule")]);
      var notes = (reading.notes || []).concat(reading.memory || []);
      if (notes.length) { term(list, "Memory", [notes.join(" · ")]); }
    }
    var event = term(list, "Event", trace.event
      ? [trace.event.kind + ": ", code(trace.event.name)] : ["none"]);
    event.className = "trace-event";
    var sofar = [];
    if (inner.disclosed && inner.disclosed.length) { sofar.push("disclosed " + inner.disclosed.join(", ") + "."); }
    if (inner.values_found && inner.values_found.length) { sofar.push("values " + inner.values_found.join(", ") + "."); }
    if (inner.commitments && inner.commitments.length) { sofar.push("agreed " + inner.commitments.join(", ") + "."); }
    if (inner.declined && inner.declined.length) { sofar.push("declined " + inner.declined.join(", ") + "."); }
    if (inner.stated && inner.stated.length) { sofar.push("stated " + inner.stated.join(", ") + "."); }
    if (inner.unanswered && inner.unanswered.length) { sofar.push("not answered " + inner.unanswered.join(", ") + "."); }
    if (inner.flags && inner.flags.length) { sofar.push("flags " + inner.flags.join(", ") + "."); }
    if (inner.pending) { sofar.push("offering to say more about " + inner.pending + "."); }
    if (sofar.length) { term(list, "So far", [sofar.join(" ")]); }
    term(list, "Runs", [inner.good_turns + " good turns · closed questions in a row " +
                        inner.closed_run + " · high-discord turns in a row " +
                        inner.high_discord_run]);
    details.appendChild(stateTable(turn.state, before));
    var changes = trace.changes || [];
    if (changes.length) {
      var more = details.appendChild(el("details", "changes"));
      more.appendChild(el("summary", null, changes.length + (changes.length === 1 ? " change" : " changes")));
      var ul = more.appendChild(el("ul"));
      changes.forEach(function (c) {
        var li = ul.appendChild(el("li"));
        li.appendChild(code(c.variable));
        li.appendChild(document.createTextNode(" " + fixed(c.before) + " → " + fixed(c.after) + ": " + c.reason));
      });
    }
    return item;
  }

  function render(data) {
    log.textContent = "";
    var opening = log.appendChild(el("li", "pv-opening"));
    opening.appendChild(patientLine(data.opening.text, data.opening.cue));
    var before = data.opening.state;
    data.turns.forEach(function (turn, index) {
      log.appendChild(turnItem(turn, before, index === data.turns.length - 1));
      before = turn.state;
    });
    if (data.ended) {
      log.appendChild(el("li", "pv-ended notice", "The patient ended the session. Start again to go on."));
    }
    var heading = $("preview-heading");
    if (heading) { heading.textContent = "Preview: talk to " + data.against; }
    // Show the newest turn from its top: the line said, the reply, then its trace.
    var scroller = log.parentNode;
    var last = log.querySelector(".pv-turn:last-of-type") || log.lastElementChild;
    scroller.scrollTop += last.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 8;
  }

  function post(path, payload) {
    return window.fetch(base + path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
      body: JSON.stringify(payload)
    }).then(function (response) {
      return response.json().then(function (data) {
        return { ok: response.ok, data: data };
      }, function () {
        return { ok: false, data: { detail: "The server answered " + response.status + "." } };
      });
    });
  }

  function play(newLine, focus) {
    if (busy) {
      // One request at a time; the latest waiting one runs next (a line outranks a replay).
      if (!queued || newLine || !queued.line) { queued = { line: newLine, focus: focus }; }
      return;
    }
    busy = true;
    send.disabled = true;
    post("/preview", { lines: lines, line: newLine, level: level.value, seed: seed.value })
      .then(function (result) {
        if (!result.ok) {
          showError(result.data.detail || "The preview failed.");
          var placeholder = log.querySelector(".pv-placeholder");
          if (placeholder) { placeholder.textContent = "Nothing to talk to yet: see the message below."; }
          return;
        }
        showError("");
        lines = result.data.lines;
        linesField.value = JSON.stringify(lines);
        if (newLine && lineBox.value === newLine) { lineBox.value = ""; }
        render(result.data);
      }, function () {
        showError("The preview could not reach the server; your line is kept. Try again.");
      })
      .then(function () {
        busy = false;
        send.disabled = false;
        if (queued) {
          var next = queued;
          queued = null;
          play(next.line, next.focus);
        } else if (focus) {
          lineBox.focus();
        }
      });
  }

  send.addEventListener("click", function (event) {
    event.preventDefault();
    showPanel("preview");
    play(lineBox.value, true);
  });
  lineBox.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      play(lineBox.value, true);
    }
  });
  if (restart) {
    restart.addEventListener("click", function (event) {
      event.preventDefault();
      lines = [];
      linesField.value = "[]";
      play("", true);
    });
  }
  [level, seed].forEach(function (input) {
    if (input) { input.addEventListener("change", function () { play("", false); }); }
  });

  function saveGolden(event) {
    event.preventDefault();
    goldenStatus.textContent = "";
    post("/goldens", { name: goldenName.value, lines: lines, level: level.value, seed: seed.value })
      .then(function (result) {
        goldenStatus.textContent = result.ok ? result.data.message
          : "Not saved: " + (result.data.detail || "the server refused it.");
        goldenStatus.className = "small " + (result.ok ? "saved" : "error");
      }, function () {
        goldenStatus.textContent = "Not saved: the server could not be reached. Try again.";
        goldenStatus.className = "small error";
      });
  }
  if (goldenButton && goldenName && goldenStatus) {
    goldenButton.addEventListener("click", saveGolden);
    goldenName.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { saveGolden(event); }
    });
  }
  seed.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); play("", false); }
  });

  if (!log.querySelector(".pv-opening")) { play("", false); }
}());
