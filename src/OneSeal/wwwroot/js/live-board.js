// The hall's screens (/board and /window/{number}/screen), live from /api/v1/queue/board/stream (Server-Sent Events).
(function () {
  'use strict';

  // --- the stream: EventSource retries by itself after a dropped connection; when it gives up (the server answered an
  // error while restarting, or a proxy did), open a new one with backoff. Every (re)connect starts with a snapshot.
  function openStream(url, handlers, onLink) {
    var delay = 1000;
    function connect() {
      var source = new EventSource(url);
      source.addEventListener('open', function () { delay = 1000; onLink(true); });
      Object.keys(handlers).forEach(function (name) {
        source.addEventListener(name, function (e) { handlers[name](JSON.parse(e.data)); });
      });
      source.addEventListener('error', function () {
        onLink(false);
        if (source.readyState === EventSource.CLOSED) {
          source.close();
          setTimeout(connect, delay);
          delay = Math.min(delay * 2, 30000);
        }
      });
    }
    connect();
  }

  function format(template, args) {
    return template.replace(/\{(\d+)\}/g, function (_, i) { return args[+i]; });
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function startClock(lang) {
    var clock = document.getElementById('clock');
    if (!clock) return;
    var tick = function () {
      var now = new Date();
      clock.textContent = now.toLocaleDateString(lang, { month: 'long', day: 'numeric', weekday: 'short' }) + ' ' +
        now.toLocaleTimeString(lang, { hour12: false });
    };
    tick();
    setInterval(tick, 1000);
  }

  function showLink(up) {
    var state = document.getElementById('link-state');
    if (state) state.hidden = up;
  }

  // --- spoken calls: one at a time, in order; the next starts when the last ends (or fails, or hangs: some engines
  // never send "end", so a guard moves on after 20 s). Switched on by a button (browsers speak only after a gesture),
  // remembered in localStorage.
  function Speech(lang) {
    var queue = [], speaking = false, key = 'oneseal.board.speech';
    var self = this;
    this.enabled = localStorage.getItem(key) === 'on';
    this.set = function (on) {
      self.enabled = on;
      localStorage.setItem(key, on ? 'on' : 'off');
      if (!on) { queue = []; if (window.speechSynthesis) window.speechSynthesis.cancel(); speaking = false; }
    };
    this.say = function (text) {
      if (!self.enabled || !window.speechSynthesis) return;
      queue.push(text);
      next();
    };
    function next() {
      if (speaking || queue.length === 0) return;
      speaking = true;
      var utterance = new SpeechSynthesisUtterance(queue.shift());
      utterance.lang = lang;
      utterance.rate = 0.9;
      var guard;
      var done = function () {
        if (!speaking || utterance.finished) return;
        utterance.finished = true;
        clearTimeout(guard);
        speaking = false;
        next();
      };
      utterance.onend = done;
      utterance.onerror = done;
      guard = setTimeout(done, 20000);
      window.speechSynthesis.speak(utterance);
    }
  }

  function board(root) {
    var lang = root.dataset.lang;
    var speech = new Speech(lang);
    var calls = document.getElementById('calls');
    var toggle = document.getElementById('speech-toggle');
    var maxRows = 12;

    function showToggle() {
      toggle.textContent = speech.enabled ? root.dataset.speechOn : root.dataset.speechOff;
      toggle.setAttribute('aria-pressed', speech.enabled ? 'true' : 'false');
    }
    toggle.addEventListener('click', function () { speech.set(!speech.enabled); showToggle(); });
    showToggle();

    function callRow(c) {
      var row = el('tr', 'call');
      row.dataset.window = c.windowNumber;
      row.appendChild(el('td', 'ticket', c.ticketNumber));
      var w = el('td', 'window');
      w.appendChild(el('span', 'window-number', c.windowNumber));
      w.appendChild(document.createTextNode(' '));
      w.appendChild(el('span', 'window-name', c.windowName));
      if (c.recall > 0) w.appendChild(el('span', 'recall', root.dataset.recall));
      row.appendChild(w);
      return row;
    }

    function snapshot(s) {
      document.getElementById('hall-name').textContent = s.hallName;
      document.getElementById('notice-line').textContent = s.noticeLine;
      // The last call of each window as the server has it; a call shown just now stays highlighted.
      var fresh = calls.querySelector('tr.fresh');
      calls.replaceChildren.apply(calls, s.lastCalls.slice(0, maxRows).map(callRow));
      if (fresh) {
        var same = calls.querySelector('tr[data-window="' + CSS.escape(fresh.dataset.window) + '"]');
        if (same && same.querySelector('.ticket').textContent === fresh.querySelector('.ticket').textContent) same.classList.add('fresh');
      }
      document.getElementById('no-calls').hidden = s.lastCalls.length > 0;
      var waiting = document.getElementById('waiting');
      waiting.replaceChildren.apply(waiting, s.waiting.map(function (w) {
        var li = el('li');
        li.appendChild(el('span', 'theme', w.themeName));
        li.appendChild(document.createTextNode(' '));
        li.appendChild(el('span', 'count', format(root.dataset.people, [w.waiting])));
        return li;
      }));
    }

    function call(c) {
      var old = calls.querySelector('tr[data-window="' + CSS.escape(c.windowNumber) + '"]');
      if (old) old.remove();
      calls.querySelectorAll('tr.fresh').forEach(function (r) { r.classList.remove('fresh'); });
      var row = callRow(c);
      row.classList.add('fresh');
      calls.insertBefore(row, calls.firstChild);
      while (calls.children.length > maxRows) calls.lastChild.remove();
      document.getElementById('no-calls').hidden = true;
      speech.say(format(root.dataset.say, [c.ticketNumber, c.windowNumber]));
    }

    startClock(lang);
    openStream(root.dataset.stream, { snapshot: snapshot, call: call }, showLink);
  }

  function windowScreen(root) {
    var number = root.dataset.window;
    var ticket = document.getElementById('ws-ticket');
    var pending = null;

    function show(s) {
      document.getElementById('ws-name').textContent = s.windowName;
      ticket.textContent = s.currentTicket || root.dataset.none;
      document.getElementById('ws-paused').hidden = !s.paused;
      document.getElementById('ws-staff').textContent = s.staffName || '';
      if (s.rating !== undefined) document.getElementById('ws-rating').textContent = s.rating || root.dataset.noRating;
      var photo = document.getElementById('ws-photo');
      photo.hidden = !s.hasPhoto;
      if (s.hasPhoto) photo.src = root.dataset.photo + '&t=' + Date.now();
      else photo.removeAttribute('src');
    }

    // A change anywhere in the hall may concern this window (staff signed in, paused): re-read its screen, once per burst.
    function reread() {
      if (pending) return;
      pending = setTimeout(function () {
        pending = null;
        fetch(root.dataset.data, { headers: { Accept: 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (s) { if (s) show(s); })
          .catch(function () { /* the next signal or reconnect reads again */ });
      }, 300);
    }

    function call(c) {
      if (c.windowNumber !== number) return;
      ticket.textContent = c.ticketNumber;
      ticket.classList.remove('fresh');
      void ticket.offsetWidth; // restart the highlight
      ticket.classList.add('fresh');
    }

    startClock(document.documentElement.lang);
    openStream(root.dataset.stream, { snapshot: reread, call: call }, showLink);
  }

  var b = document.getElementById('board');
  if (b) board(b);
  var w = document.getElementById('window-screen');
  if (w) windowScreen(w);
})();
