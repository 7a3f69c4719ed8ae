// The window's rating device (评价器): pairs once with the window chief's code, then waits for the clerk to finish a
// visitor and asks for the rating. The device secret stays in this tablet's local storage.
(() => {
    const win = document.body.dataset.window;
    const key = "oneseal.rating-device." + win;
    const $ = id => document.getElementById(id);
    const text = id => $(id).innerHTML.trim();
    const levelNames = text("rd-level-names").split("|");
    let state = "idle", pending = null, chosen = null, code = "", autoSubmit = null;

    const show = name => {
        state = name;
        for (const s of document.querySelectorAll(".rd-screen")) s.hidden = s.id !== "rd-" + name;
    };
    const api = (path, options = {}) => fetch(path, {
        ...options,
        headers: { "Content-Type": "application/json", "X-Rating-Device": localStorage.getItem(key) || "", ...(options.headers || {}) },
    });

    // Pairing: eight digits on the keypad.
    document.querySelector(".rd-keypad").addEventListener("click", async e => {
        const b = e.target.closest("button");
        if (!b) return;
        if (b.dataset.digit && code.length < 8) code += b.dataset.digit;
        if (b.dataset.key === "clear") code = "";
        $("rd-code").textContent = code.replace(/./g, "●").padEnd(8, "○");
        if (b.dataset.key !== "ok") return;
        const res = await fetch("/api/v1/ratings/devices/pair", {
            method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code }),
        });
        code = "";
        $("rd-code").textContent = "";
        if (!res.ok) {
            $("rd-pair-error").textContent = (await res.json()).detail || text("rd-msg-failed");
            return;
        }
        const paired = await res.json();
        if (paired.windowNumber !== win) {
            $("rd-pair-error").textContent = text("rd-msg-wrong-window") + paired.windowNumber;
            return;
        }
        localStorage.setItem(key, paired.secret);
        $("rd-pair-error").textContent = "";
        show("idle");
        refresh();
    });

    async function refresh() {
        if (!localStorage.getItem(key)) { show("pair"); return; }
        if (state === "detail" || state === "thanks") return;
        let res;
        try { res = await api("/api/v1/ratings/device"); } catch { return; }
        if (res.status === 403) {
            localStorage.removeItem(key);
            $("rd-pair-error").textContent = text("rd-msg-unpaired");
            show("pair");
            return;
        }
        if (!res.ok) return;
        const device = await res.json();
        pending = device.pending;
        if (!pending) { show("idle"); return; }
        $("rd-ticket").textContent = pending.ticketNumber;
        $("rd-staff").textContent = pending.staffName ? "· " + pending.staffName : "";
        show("ask");
    }

    // A level tapped is the rating; the details may refine it and are sent after 20 s without a touch.
    for (const b of document.querySelectorAll(".rd-level")) b.addEventListener("click", () => {
        if (!pending) return;
        chosen = { level: Number(b.dataset.level), scores: {}, tags: [] };
        const list = $("rd-indicators");
        list.replaceChildren();
        for (const ind of pending.indicators.filter(i => i.code !== "overall")) {
            const row = document.createElement("div");
            row.className = "rd-indicator";
            const label = document.createElement("span");
            label.textContent = ind.name;
            row.append(label);
            for (let l = 5; l >= 1; l--) {
                const o = document.createElement("button");
                o.type = "button";
                o.textContent = levelNames[l - 1];
                o.setAttribute("aria-pressed", String(l === chosen.level));
                o.addEventListener("click", () => {
                    chosen.scores[ind.code] = l;
                    for (const x of row.querySelectorAll("button")) x.setAttribute("aria-pressed", String(x === o));
                    arm();
                });
                row.append(o);
            }
            list.append(row);
        }
        const bad = chosen.level <= 2;
        $("rd-tags-block").hidden = !bad;
        $("rd-tags").replaceChildren(...(bad ? pending.tags.map(t => {
            const o = document.createElement("button");
            o.type = "button";
            o.textContent = t.name;
            o.setAttribute("aria-pressed", "false");
            o.addEventListener("click", () => {
                const on = !chosen.tags.includes(t.code);
                chosen.tags = on ? [...chosen.tags, t.code] : chosen.tags.filter(x => x !== t.code);
                o.setAttribute("aria-pressed", String(on));
                arm();
            });
            return o;
        }) : []));
        $("rd-error").textContent = "";
        show("detail");
        arm();
    });

    function arm() {
        clearTimeout(autoSubmit);
        autoSubmit = setTimeout(submit, 20000);
    }

    async function submit() {
        clearTimeout(autoSubmit);
        if (!pending || !chosen) return;
        const res = await api("/api/v1/ratings", {
            method: "POST",
            body: JSON.stringify({ ticketId: pending.ticketId, level: chosen.level, scores: chosen.scores, tags: chosen.tags }),
        });
        if (res.ok || res.status === 409) {
            $("rd-thanks-text").textContent = levelNames[chosen.level - 1];
            pending = null;
            chosen = null;
            show("thanks");
            setTimeout(() => { show("idle"); refresh(); }, 4000);
            return;
        }
        const problem = await res.json().catch(() => ({}));
        $("rd-error").textContent = problem.detail || text("rd-msg-failed");
    }
    $("rd-submit").addEventListener("click", submit);

    // The queue's live stream says when anything at the windows changed; a slow poll covers a lost connection.
    if (window.EventSource) {
        const stream = new EventSource("/api/v1/queue/board/stream");
        let soon = null;
        const nudge = () => { clearTimeout(soon); soon = setTimeout(refresh, 300); };
        stream.addEventListener("snapshot", nudge);
        stream.addEventListener("call", nudge);
    }
    setInterval(refresh, 15000);
    show(localStorage.getItem(key) ? "idle" : "pair");
    refresh();
})();
