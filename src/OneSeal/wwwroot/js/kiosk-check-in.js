// The kiosk's check-in page (/kiosk/check-in): on-screen keypad, check-in (签到取号) through POST /api/v1/queue/tickets
// {theme, appointmentId}, and a reset to the empty page after a while so the next visitor never sees this one's data.
// Its messages come from the page (body data-msg-*), translated there like every other text.
(function () {
    'use strict';
    var body = document.body;
    var seconds = parseInt(body.getAttribute('data-reset-seconds') || '90', 10);
    var timer;
    function armReset(s) {
        clearTimeout(timer);
        timer = setTimeout(function () { window.location.href = '/kiosk/check-in'; }, (s || seconds) * 1000);
    }
    document.addEventListener('pointerdown', function () { armReset(); });
    armReset();

    var entry = document.getElementById('code');
    var keypad = document.getElementById('keypad');
    if (keypad && entry) {
        keypad.addEventListener('click', function (e) {
            var key = e.target.closest('button[data-key]');
            if (!key) return;
            var k = key.getAttribute('data-key');
            if (k === 'back') entry.value = entry.value.slice(0, -1);
            else if (entry.value.length < 18) entry.value += k;
        });
    }

    var result = document.getElementById('result');
    function show(text, cls) {
        result.textContent = '';
        var p = document.createElement('p');
        p.className = cls;
        p.textContent = text;
        result.appendChild(p);
    }
    document.querySelectorAll('button.check-in').forEach(function (b) {
        b.addEventListener('click', function () {
            document.querySelectorAll('button.check-in').forEach(function (x) { x.disabled = true; });
            fetch('/api/v1/queue/tickets', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
                body: JSON.stringify({ theme: b.getAttribute('data-theme'), appointmentId: b.getAttribute('data-appointment') })
            }).then(function (r) {
                return r.json().catch(function () { return {}; }).then(function (data) { return { ok: r.ok, data: data }; });
            }).then(function (x) {
                if (x.ok) {
                    var number = x.data.number || x.data.ticketNumber || '';
                    show(document.body.dataset.msgOk + number, 'ticket');
                } else {
                    show(x.data.detail || x.data.title || document.body.dataset.msgFailed, 'field-error');
                    document.querySelectorAll('button.check-in').forEach(function (y) { y.disabled = false; });
                }
                armReset(20);
            }).catch(function () {
                show(document.body.dataset.msgNetwork, 'field-error');
                document.querySelectorAll('button.check-in').forEach(function (y) { y.disabled = false; });
            });
        });
    });
})();
