// Catalog import with progress (Pages/Admin/CatalogImport.cshtml). Without this script the form posts normally.
// Upload progress comes from XMLHttpRequest's upload events; validation and saving progress from the response,
// which the server streams as one JSON object per line when asked with the X-Import-Progress header.
(function () {
  'use strict';
  var form = document.getElementById('import-form');
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var status = document.getElementById('import-status');
  var bar = document.getElementById('import-progress');
  var label = document.getElementById('import-progress-label');
  var result = document.getElementById('import-result');
  var texts = document.getElementById('import-texts').dataset;

  function format(template, values) {
    return template.replace(/\{(\d+)\}/g, function (_, i) { return String(values[Number(i)]); });
  }

  function summary(className, text) {
    var p = document.createElement('p');
    p.className = className;
    p.id = 'import-summary';
    p.textContent = text;
    result.appendChild(p);
  }

  function show(message) {
    if (message.phase === 'done') {
      bar.value = bar.max;
      summary('notice', format(texts.done, [message.result.items, message.result.created, message.result.updated, message.result.unchanged]));
    } else if (message.phase === 'failed') {
      summary('error', message.errorCount > 0 ? format(texts.failed, [message.errorCount]) : message.message);
      if (message.errors.length === 0) return;
      var table = document.getElementById('import-errors-template').content.cloneNode(true);
      var body = table.querySelector('tbody');
      message.errors.forEach(function (e) {
        var tr = document.createElement('tr');
        tr.dataset.sheet = e.sheet; tr.dataset.row = e.row; tr.dataset.column = e.column || ''; tr.dataset.rule = e.rule;
        [e.sheet, e.row, (e.column || '') + (e.header ? '（' + e.header + '）' : ''), e.rule, e.message].forEach(function (v) {
          var td = document.createElement('td');
          td.textContent = v;
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      result.appendChild(table);
    } else {
      bar.max = Math.max(message.total, 1);
      bar.value = message.done;
      label.textContent = texts[message.phase] + (message.total ? ' ' + message.done + ' / ' + message.total : '');
    }
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var button = document.getElementById('import');
    var xhr = new XMLHttpRequest();
    var handled = 0;
    function consume(complete) {
      var lines = xhr.responseText.split('\n');
      if (!complete) lines.pop(); // the last piece may be a line still arriving
      for (; handled < lines.length; handled++) if (lines[handled]) show(JSON.parse(lines[handled]));
    }
    result.replaceChildren();
    status.hidden = false;
    button.disabled = true;
    xhr.open('POST', form.action || window.location.pathname);
    xhr.setRequestHeader('X-Import-Progress', '1');
    xhr.upload.onprogress = function (e) {
      if (!e.lengthComputable) return;
      bar.max = e.total; bar.value = e.loaded;
      label.textContent = texts.upload + ' ' + Math.round(100 * e.loaded / e.total) + '%';
    };
    xhr.onprogress = function () { consume(false); };
    xhr.onload = function () { consume(true); button.disabled = false; };
    xhr.onerror = function () { summary('error', texts.network); button.disabled = false; };
    xhr.send(new FormData(form));
  });
})();
