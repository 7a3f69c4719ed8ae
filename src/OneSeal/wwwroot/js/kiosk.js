// The kiosk (/kiosk) and the ticket's receipt view: the on-screen keypad for the ID number, the print button, and the
// return to the start page after some seconds without a touch (kiosk mode: the next visitor starts afresh).
document.addEventListener('DOMContentLoaded', () => {
    const print = document.getElementById('print');
    if (print) print.addEventListener('click', () => window.print());

    const hidden = document.getElementById('id-number');
    const display = document.getElementById('id-display');
    document.querySelectorAll('#keypad [data-key]').forEach(key => key.addEventListener('click', () => {
        const k = key.dataset.key;
        let v = hidden.value;
        if (k === 'back') v = v.slice(0, -1);
        else if (v.length < 18) v += k;
        hidden.value = v;
        display.textContent = v || '—';
    }));

    const seconds = Number(document.body.dataset.resetSeconds || 0);
    if (seconds > 0 && (location.search || document.getElementById('kiosk-problem'))) {
        let timer;
        const arm = () => {
            clearTimeout(timer);
            timer = setTimeout(() => location.assign('/kiosk'), seconds * 1000);
        };
        ['pointerdown', 'keydown', 'touchstart'].forEach(e => document.addEventListener(e, arm, { passive: true }));
        arm();
    }
});
